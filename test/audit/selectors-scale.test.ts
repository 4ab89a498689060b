import * as fc from 'fast-check';
import {
  type BaselineConfig,
  clientBucketArnPrefix,
  ClientNames,
  logArchiveAccessLogBucketName,
  logArchiveBucketName,
} from '../../lib/model';
import { ADVANCED_SELECTOR_VALUE_LIMIT, auditEventSelectors, selectorValueCount } from '../../lib/constructs/audit';
import { AuditStack, parseConfig } from '../../lib/internal';
import { bucketCoverage } from '../../lib/nag/rules/cloudtrail/coverage';
import { exampleRaw, plainApp } from '../util';

/** The example's provider with `count` clients of two datasets each, in the EU and the US, some in their own account. */
function configWithClients(count: number): BaselineConfig {
  const raw = structuredClone(exampleRaw()) as any;
  raw.clients = Array.from({ length: count }, (_, i) => ({
    id: `client-${i}`,
    name: `Client ${i}`,
    ...(i % 10 === 0 ? { account: '222222222222' } : {}),
    regions:
      i % 2 === 0
        ? { primary: 'eu-west-1', replica: 'eu-central-1', allowed: ['eu-west-1', 'eu-central-1'] }
        : { primary: 'us-east-1', replica: 'us-west-2', allowed: ['us-east-1', 'us-west-2'] },
    datasets: [
      { name: 'records', classification: 'phi', tier: 'critical' },
      { name: 'billing', classification: 'pci', tier: 'important' },
    ],
  }));
  return parseConfig(raw, `${count} clients`);
}

/** Every bucket name the baseline derives for its clients: datasets and access logs, primary and replica. */
function clientBucketNames(config: BaselineConfig): string[] {
  return config.clients.flatMap((client) => {
    const names = new ClientNames(config.provider, client);
    return [client.regions.primary, client.regions.replica].flatMap((region) => [
      names.accessLogBucket(region),
      ...client.datasets.map((d) => names.datasetBucket(d.name, region)),
    ]);
  });
}

/** The trail's selectors as the audit stack builds them for a configuration. */
function trailSelectors(config: BaselineConfig) {
  const stack = new AuditStack(plainApp(), 'audit', { config });
  return stack.resolve(stack.trail.trail.advancedEventSelectors);
}

describe('data event selectors at scale (DP-LOG-ALL-ACCESS)', () => {
  const small = configWithClients(3);
  const large = configWithClients(200);

  test('200 clients need exactly the selectors 3 clients need, far below CloudTrail’s 500 values', () => {
    const selectors = trailSelectors(large);
    expect(selectors).toEqual(trailSelectors(small));
    expect(selectorValueCount(selectors)).toBe(4);
    expect(selectorValueCount(selectors)).toBeLessThanOrEqual(ADVANCED_SELECTOR_VALUE_LIMIT);
  });

  test.each([200, 1000])('reads and writes of every client bucket are recorded with %i clients', (count) => {
    const config = count === 200 ? large : configWithClients(count);
    const selectors = { advancedEventSelectors: auditEventSelectors([clientBucketArnPrefix(config.provider)]) };
    const names = clientBucketNames(config);
    expect(names).toHaveLength(count * 2 * 3);
    const uncovered = names.filter((name) => {
      const c = bucketCoverage(selectors, name);
      return !(c.read && c.write);
    });
    expect(uncovered).toEqual([]);
  });

  test('the log archive and its access logs are outside the selectors: the trail does not log its own delivery', () => {
    const selectors = { advancedEventSelectors: auditEventSelectors([clientBucketArnPrefix(large.provider)]) };
    for (const name of [logArchiveBucketName(large.provider), logArchiveAccessLogBucketName(large.provider)]) {
      expect(bucketCoverage(selectors, name)).toEqual({ read: false, write: false });
    }
  });

  test('for any provider name, client buckets fall under the prefix and the archive never does', () => {
    const slug = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}$/);
    fc.assert(
      fc.property(slug, slug, slug, fc.stringMatching(/^\d{12}$/), (providerName, clientId, dataset, account) => {
        const provider = { ...large.provider, name: providerName, account };
        const client = { ...large.clients[1], id: clientId };
        const selectors = { advancedEventSelectors: auditEventSelectors([clientBucketArnPrefix(provider)]) };
        const bucket = new ClientNames(provider, client).datasetBucket(dataset, client.regions.replica);
        expect(bucketCoverage(selectors, bucket)).toEqual({ read: true, write: true });
        expect(bucketCoverage(selectors, logArchiveBucketName(provider))).toEqual({ read: false, write: false });
      }),
    );
  });

  test('the longest provider name and region still give valid archive bucket names', () => {
    const provider = { ...large.provider, name: 'p'.repeat(16), homeRegion: 'ap-southeast-2' as const };
    expect(logArchiveAccessLogBucketName(provider).length).toBeLessThanOrEqual(63);
    expect(logArchiveBucketName(provider)).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
  });
});

describe('construct guards', () => {
  test('the selectors refuse to exceed CloudTrail’s 500 condition values', () => {
    const prefixes = Array.from({ length: 498 }, (_, i) => `arn:aws:s3:::p${i}-`);
    expect(() => auditEventSelectors(prefixes)).toThrow(
      "auditEventSelectors: 501 condition values (498 bucket ARN prefixes) exceed CloudTrail's limit of 500",
    );
    expect(() => auditEventSelectors(prefixes.slice(1))).not.toThrow();
    expect(() => auditEventSelectors([])).toThrow('at least one bucket ARN prefix is required');
  });
});
