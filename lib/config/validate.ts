/**
 * Semantic checks: rules that span fields and that a schema cannot say.
 * Each returns every problem it finds; none throws.
 */
import { backupIssues } from '../backup/checks';
import { detectionIssues } from '../detection/checks';
import { organizationIssues } from '../guardrails/checks';
import { addDays, erasureConstraints, erasureDate } from '../offboarding/erasure';
import type { ConfigIssue } from '../model/errors';
import { BREAK_GLASS_DEFAULTS } from '../defaults';
import { AWS_TEXT_LIMITS } from '../aws-limits';
import { stackDescriptionProblems } from '../model';
import { auditSettings, type BaselineConfig, type BreakGlassConfig, type ClientConfig, type ProviderConfig } from '../model/schema';
import { BUCKET_NAME_RULES, ClientNames } from '../model/names';

/** What a check may depend on besides the configuration. */
export interface CheckContext {
  /** The current time; injectable so that tests are deterministic. */
  readonly now: Date;
}

/** Options of {@link semanticIssues}. */
export interface SemanticCheckOptions {
  /**
   * The current time, against which break-glass expiries are judged.
   *
   * @default new Date()
   */
  readonly now?: Date;
}

/**
 * A check over a configuration. When parts of the configuration failed the
 * schema, a check still runs on the parts it reads that passed (see
 * {@link SemanticCheck}): then `config.clients` has holes where a client's
 * fields did not pass, so checks walk it with `forEach`, `flatMap` or `map`
 * (which skip holes) and take the index from them, never with `for...of`.
 */
type Check = (config: BaselineConfig, context: CheckContext) => ConfigIssue[];

/** Client ids are unique. */
const uniqueClientIds: Check = (config) => {
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
  });
  return issues;
};

/** Dataset names are unique within a client. */
const uniqueDatasetNames: Check = (config) => {
  const issues: ConfigIssue[] = [];
  config.clients.forEach((client, i) => {
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
    const names = new ClientNames(config.provider, client);
    claim(names.dataStack, `clients[${i}].id`, 'stack');
    claim(names.replicaStack, `clients[${i}].id`, 'stack');
    for (const region of new Set([client.regions.primary, client.regions.replica])) {
      checkBucket(names.accessLogBucket(region), `clients[${i}].id`, client.id);
      const datasets = new Set<string>();
      client.datasets.forEach((dataset, j) => {
        if (datasets.has(dataset.name)) return; // a duplicate dataset name is reported by uniqueIds
        datasets.add(dataset.name);
        checkBucket(names.datasetBucket(dataset.name, region), `clients[${i}].datasets[${j}].name`, dataset.name);
      });
    }
  });
  return issues;
};

/**
 * A client's display name fits its stack descriptions: CloudFormation allows
 * 1,024 bytes, aws-cdk-lib 512 characters.
 */
/** Characters (at least) to drop from a description for it to fit both limits; a dropped character saves at least one byte. */
const excess = (description: string): number =>
  Math.max(
    description.length - AWS_TEXT_LIMITS.cdkStackDescriptionChars,
    Buffer.byteLength(description, 'utf8') - AWS_TEXT_LIMITS.stackDescriptionBytes,
  );

const stackDescriptions: Check = (config) =>
  config.clients.flatMap((client, i) => {
    const names = new ClientNames(config.provider, client);
    const descriptions = [names.dataStackDescription, names.replicaStackDescription];
    const longest = descriptions.reduce((a, b) => (Buffer.byteLength(b, 'utf8') > Buffer.byteLength(a, 'utf8') ? b : a));
    const problems = stackDescriptionProblems(longest);
    if (problems.length === 0) return [];
    return [
      {
        path: `clients[${i}].name`,
        message: `client "${client.id}": the display name makes its stack description "${longest.slice(0, 40)}..." ${problems.join(' and ')}; shorten the name by at least ${excess(longest)} characters`,
        received: client.name,
      },
    ];
  });

/**
 * Backup terms: overrides only tighten, schedules meet the RPO, cold storage
 * and vault lock fit every rule (BKP-3.1, BKP-3.2, BKP-4.1, BKP-4.2, BKP-IMMUTABLE).
 */
const backupTerms: Check = (config) => config.clients.flatMap((client, i) => backupIssues(client, i));

/**
 * Log files are not locked longer than they are kept (DP-LOG-INTEGRITY,
 * CDM-3.7-RETENTION): the archive's lifecycle would expire them while locked.
 */
const auditArchiveConsistent: Check = (config) => {
  const { lockDays, retentionDays } = auditSettings(config.provider).archive;
  if (lockDays <= retentionDays) return [];
  return [
    {
      path: 'provider.audit.archive.lockDays',
      message: `log files would stay locked after they expire: lockDays must be at most retentionDays (${retentionDays})`,
      received: lockDays,
    },
  ];
};

/**
 * Break-glass access is time-boxed (DP-ALWAYS-OFF): its expiry lies ahead of
 * now, by at most `provider.breakGlassMaxHours` (default 72), and someone can
 * assume it (explicit principals or the client's operators).
 */
const breakGlassTimeBoxed: Check = (config, { now }) => {
  const maxHours = config.provider.breakGlassMaxHours ?? BREAK_GLASS_DEFAULTS.maxHours;
  const latest = new Date(now.getTime() + maxHours * 3_600_000);
  const check = (breakGlass: BreakGlassConfig | undefined, path: string, operators: readonly string[] | undefined): ConfigIssue[] => {
    if (breakGlass === undefined) return [];
    const issues: ConfigIssue[] = [];
    const expires = new Date(breakGlass.expires);
    if (expires.getTime() <= now.getTime()) {
      issues.push({
        path: `${path}.expires`,
        message: `break-glass expiry is not in the future (now is ${now.toISOString()}); remove breakGlass once the change is over, or record a new approval`,
        received: breakGlass.expires,
      });
    } else if (expires.getTime() > latest.getTime()) {
      issues.push({
        path: `${path}.expires`,
        message: `break-glass expiry is more than ${maxHours} hours ahead; allowed: after ${now.toISOString()} and at latest ${latest.toISOString()} (provider.breakGlassMaxHours)`,
        received: breakGlass.expires,
      });
    }
    if (breakGlass.principals === undefined && operators !== undefined && operators.length === 0) {
      issues.push({
        path: `${path}.principals`,
        message: 'break-glass has nobody to assume it: list principals, or give the client access.operators',
        received: breakGlass.principals,
      });
    }
    return issues;
  };
  return [
    ...check(config.provider.breakGlass, 'provider.breakGlass', undefined),
    ...config.clients.flatMap((client, i) => [
      ...check(client.breakGlass, `clients[${i}].breakGlass`, client.access.operators),
      ...(client.breakGlass === undefined &&
      config.provider.breakGlass?.principals === undefined &&
      config.provider.breakGlass !== undefined
        ? client.access.operators.length === 0
          ? [
              {
                path: `clients[${i}].access.operators`,
                message: `provider.breakGlass gives client "${client.id}" a break-glass role, but nobody can assume it: list provider.breakGlass.principals or give the client operators`,
                received: client.access.operators,
              },
            ]
          : []
        : []),
    ]),
  ];
};

/**
 * An offboarding is one coherent plan (CDM-3.7-DISPOSAL): its export window
 * closes by the day the erasure is requested, and the erasure contradicts no
 * lock that promised to keep the client's data longer (then it names the
 * earliest day erasure can happen).
 */
function offboardingConsistent(config: BaselineConfig): ConfigIssue[] {
  return config.clients.flatMap((client, i) => {
    const offboarding = client.offboarding;
    if (offboarding === undefined) return [];
    const path = `clients[${i}].offboarding`;
    const issues: ConfigIssue[] = [];
    if (offboarding.exportUntil !== undefined && offboarding.exportUntil > offboarding.requested) {
      issues.push({
        path: `${path}.exportUntil`,
        message: `client "${client.id}": the export window must close by the day the erasure is requested; allowed: on or before ${offboarding.requested}`,
        received: offboarding.exportUntil,
      });
    }
    const erasure = erasureDate(offboarding);
    for (const constraint of erasureConstraints(client, offboarding)) {
      if (constraint.earliest <= erasure) continue;
      const shortBy = Math.round((Date.parse(constraint.earliest) - Date.parse(erasure)) / 86_400_000);
      issues.push({
        path: `${path}.requested`,
        message: `client "${client.id}": erasure on ${erasure} (requested + ${offboarding.erasureAfterDays} days) would destroy data early: ${constraint.reason}. Erasure can happen on ${constraint.earliest} at the earliest; allowed: requested on or after ${shortBy > 0 ? addDays(offboarding.requested, shortBy) : offboarding.requested} (remove the stacks then)`,
        received: offboarding.requested,
      });
    }
    return issues;
  });
}

/** An organization trail needs the organization's id: its log files arrive under `AWSLogs/<organizationId>/` (CDM-3.3-SEGREGATE). */
function organizationTrailComplete(config: BaselineConfig): ConfigIssue[] {
  const { organizationTrail, organizationId } = config.provider;
  if (organizationTrail === true && organizationId === undefined) {
    return [
      {
        path: 'provider.organizationId',
        message:
          'provider.organizationTrail is true: give the organization\'s id, e.g. "o-a1b2c3d4e5" (aws organizations describe-organization)',
        received: organizationId,
      },
    ];
  }
  const { guardrails, accounts } = config.provider;
  if (organizationTrail !== true && guardrails !== true && accounts === undefined && organizationId !== undefined) {
    return [
      {
        path: 'provider.organizationId',
        message:
          'only the organization trail, the guardrails and provider.accounts use the organization id: set provider.organizationTrail or provider.guardrails to true, or give provider.accounts, or leave organizationId out',
        received: organizationId,
      },
    ];
  }
  return [];
}

/** A semantic check and the fields it reads, so that it can run on the parts of a configuration that passed the schema. */
export interface SemanticCheck {
  /** The check. */
  readonly check: Check;
  /** Provider fields it reads: it runs only when each of them passed the schema. */
  readonly provider: readonly (keyof ProviderConfig)[];
  /** Client fields it reads: it sees only the clients whose fields it reads all passed the schema. */
  readonly client: readonly (keyof ClientConfig)[];
}

/** Every semantic check, in the order their findings are listed. */
export const SEMANTIC_CHECKS: readonly SemanticCheck[] = [
  { check: uniqueClientIds, provider: [], client: ['id'] },
  { check: uniqueDatasetNames, provider: [], client: ['id', 'datasets'] },
  { check: regionsInsideAgreement, provider: [], client: ['id', 'regions'] },
  { check: derivedNames, provider: ['name', 'account'], client: ['id', 'account', 'regions', 'datasets'] },
  { check: stackDescriptions, provider: [], client: ['id', 'name'] },
  { check: backupTerms, provider: [], client: ['id', 'datasets', 'backup'] },
  { check: auditArchiveConsistent, provider: ['audit'], client: [] },
  { check: breakGlassTimeBoxed, provider: ['breakGlass', 'breakGlassMaxHours'], client: ['id', 'breakGlass', 'access'] },
  { check: offboardingConsistent, provider: [], client: ['id', 'offboarding', 'datasets', 'backup'] },
  { check: organizationTrailComplete, provider: ['organizationTrail', 'organizationId', 'guardrails', 'accounts'], client: [] },
  { check: detectionIssues, provider: ['detection'], client: [] },
  {
    check: organizationIssues,
    provider: ['account', 'organizationId', 'accounts', 'guardrails', 'pipeline'],
    client: ['id', 'account', 'regions', 'backup'],
  },
];

/** Runs every semantic check and returns all problems found. */
export function semanticIssues(config: BaselineConfig, options: SemanticCheckOptions = {}): ConfigIssue[] {
  const context: CheckContext = { now: options.now ?? new Date() };
  return SEMANTIC_CHECKS.flatMap(({ check }) => check(config, context));
}

/** The parts of a configuration that passed the schema, field by field. */
export interface ConfigParts {
  /** The provider's fields that passed (defaults applied). */
  readonly provider: Partial<ProviderConfig>;
  /** Names of the provider's fields that passed, absent optional ones included. */
  readonly providerValid: ReadonlySet<string>;
  /** Per position in `clients`: its fields that passed and their names; `undefined` when the entry is not an object. */
  readonly clients: readonly ({ readonly fields: Partial<ClientConfig>; readonly valid: ReadonlySet<string> } | undefined)[];
}

/**
 * Runs every semantic check on the parts of a configuration that passed the
 * schema, so that a schema error elsewhere hides no semantic problem: each
 * check runs when the provider fields it reads passed, over the clients whose
 * fields it reads passed (at their positions in the file).
 */
export function semanticIssuesOfParts(parts: ConfigParts, options: SemanticCheckOptions = {}): ConfigIssue[] {
  const context: CheckContext = { now: options.now ?? new Date() };
  return SEMANTIC_CHECKS.flatMap(({ check, provider, client }) => {
    if (!provider.every((field) => parts.providerValid.has(field))) return [];
    const clients: ClientConfig[] = [];
    parts.clients.forEach((part, i) => {
      if (part !== undefined && client.every((field) => part.valid.has(field))) clients[i] = part.fields as ClientConfig;
    });
    return check({ provider: parts.provider as ProviderConfig, clients }, context);
  });
}
