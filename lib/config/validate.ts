/**
 * Semantic checks: rules that span fields and that a schema cannot say.
 * Each returns every problem it finds; none throws.
 */
import type { ConfigIssue } from './errors';
import type { BaselineConfig } from './model';
import { accessLogBucketName, BUCKET_NAME_RULES, clientDataStackName, clientReplicaStackName, datasetBucketName } from './names';

type Check = (config: BaselineConfig) => ConfigIssue[];

/** Client ids are unique; dataset names are unique within a client. */
const uniqueIds: Check = (config) => {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  config.clients.forEach((client, i) => {
    const first = seen.get(client.id);
    if (first !== undefined) {
      issues.push({
        path: `clients[${i}].id`,
        message: `duplicate client id; clients[${first}] already uses it, ids must be unique`,
        received: client.id,
      });
    } else {
      seen.set(client.id, i);
    }
    const names = new Map<string, number>();
    client.datasets.forEach((dataset, j) => {
      const firstDataset = names.get(dataset.name);
      if (firstDataset !== undefined) {
        issues.push({
          path: `clients[${i}].datasets[${j}].name`,
          message: `duplicate dataset name in client "${client.id}"; datasets[${firstDataset}] already uses it`,
          received: dataset.name,
        });
      } else {
        names.set(dataset.name, j);
      }
    });
  });
  return issues;
};

/** Primary and replica are allowed regions, and differ (CDM-3.8-SOVEREIGNTY, DP-MULTI-REGION). */
const regionsInsideAgreement: Check = (config) =>
  config.clients.flatMap((client, i) => {
    const { primary, replica, allowed } = client.regions;
    const issues: ConfigIssue[] = [];
    const allowedText = `allowed: [${allowed.join(', ')}]`;
    if (!allowed.includes(primary)) {
      issues.push({
        path: `clients[${i}].regions.primary`,
        message: `client "${client.id}": primary region is outside the client's allowed regions (${allowedText})`,
        received: primary,
      });
    }
    if (!allowed.includes(replica)) {
      issues.push({
        path: `clients[${i}].regions.replica`,
        message: `client "${client.id}": replica region is outside the client's allowed regions (${allowedText})`,
        received: replica,
      });
    }
    if (replica === primary) {
      issues.push({
        path: `clients[${i}].regions.replica`,
        message: `client "${client.id}": replica region must differ from the primary region "${primary}"`,
        received: replica,
      });
    }
    return issues;
  });

/**
 * Every derived bucket name is a valid S3 name, within 63 characters, and no
 * two derived names (buckets, stacks) collide, which slugs with hyphens could
 * otherwise cause (client "a-b" dataset "c" against client "a" dataset "b-c").
 */
const derivedNames: Check = (config) => {
  const issues: ConfigIssue[] = [];
  const owners = new Map<string, string>();
  const claim = (name: string, path: string, what: string) => {
    const owner = owners.get(name);
    if (owner !== undefined && owner !== path) {
      issues.push({ path, message: `derived ${what} name collides with the one derived from ${owner}`, received: name });
    }
    owners.set(name, path);
  };
  const checkBucket = (name: string, path: string, received: string) => {
    if (name.length > BUCKET_NAME_RULES.maxLength || !BUCKET_NAME_RULES.pattern.test(name)) {
      issues.push({
        path,
        message: `derived bucket name "${name}" is ${name.length} characters; S3 allows at most ${BUCKET_NAME_RULES.maxLength}: shorten provider.name, the client id or the dataset name`,
        received,
      });
    }
    claim(name, path, 'bucket');
  };
  const ids = new Set<string>();
  config.clients.forEach((client, i) => {
    if (ids.has(client.id)) return; // a duplicate id is reported by uniqueIds
    ids.add(client.id);
    claim(clientDataStackName(config.provider, client), `clients[${i}].id`, 'stack');
    claim(clientReplicaStackName(config.provider, client), `clients[${i}].id`, 'stack');
    for (const region of new Set([client.regions.primary, client.regions.replica])) {
      checkBucket(accessLogBucketName(config.provider, client, region), `clients[${i}].id`, client.id);
      const names = new Set<string>();
      client.datasets.forEach((dataset, j) => {
        if (names.has(dataset.name)) return; // a duplicate dataset name is reported by uniqueIds
        names.add(dataset.name);
        checkBucket(datasetBucketName(config.provider, client, dataset.name, region), `clients[${i}].datasets[${j}].name`, dataset.name);
      });
    }
  });
  return issues;
};

/** Every semantic check, in the order their findings are listed. */
export const SEMANTIC_CHECKS: readonly Check[] = [uniqueIds, regionsInsideAgreement, derivedNames];

/** Runs every semantic check and returns all problems found. */
export function semanticIssues(config: BaselineConfig): ConfigIssue[] {
  return SEMANTIC_CHECKS.flatMap((check) => check(config));
}
