import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import {
  addAuditStack,
  addBackupAuditStacks,
  addBackupCopyStack,
  addDataStack,
  addDetectionStacks,
  addGuardrailsStack,
  addLogArchiveStack,
  addReplicaStack,
  addSecurityStacks,
  type SecurityStacks,
} from '../baseline';
import { accountCopyTiers } from '../backup/blast-radius';
import { detectionEnvironments, detectionSettings, featureEnabled, securityRegions } from '../detection';
import { type BaselineConfig, type ClientConfig, ClientNames } from '../model';
import { acknowledgeKnownFindings } from '../nag';
import { shardContents, type ShardContents } from './shards';
import type {
  AuditStack,
  BackupAuditStack,
  BackupCopyStack,
  ClientDataStack,
  ClientReplicaStack,
  DetectionStack,
  LogArchiveStack,
  OrganizationGuardrailsStack,
} from '../stacks';

/** Properties of the baseline's pipeline stages. */
export interface BaselineStageProps extends StageProps {
  /** The validated configuration. */
  readonly config: BaselineConfig;
}

/**
 * One shared stack of the pipeline's first waves, in deployment order
 * ({@link sharedItems}): each is one stack, so the rollout can size its
 * stages in stacks.
 */
export type SharedItem =
  | { readonly kind: 'logArchive' }
  | { readonly kind: 'audit' }
  | { readonly kind: 'guardrails' }
  | { readonly kind: 'delegation'; readonly region: string }
  | { readonly kind: 'security'; readonly region: string }
  | { readonly kind: 'detection'; readonly environment: string }
  | { readonly kind: 'backupAudit'; readonly client: ClientConfig };

/**
 * The shared stacks a pipeline deploys, in an order in which every stack
 * comes after those it needs: the log archive (CloudTrail and Config check
 * its policies), the audit stack, the management account's Security Hub
 * designations and the security account's stacks (these with the first
 * pipeline, `contents.audit`), then the detection stacks of its accounts
 * (every region with client data; the one recording an account's global
 * types, which creates Config's role, first), then its backup audit stacks.
 * Detection and backup audit stacks are spread over the pipelines
 * ({@link shardContents}); a pipeline other than the first waits for the
 * first one's stacks before its detection deploys (`sharedPrerequisites`).
 * The organization guardrails are not among them: they deploy last, in a
 * stage of their own (`PIPELINE_WAVES.guardrails`).
 */
export function sharedItems(config: BaselineConfig, contents: SharedContents): SharedItem[] {
  const { provider } = config;
  const items: SharedItem[] = [];
  if (contents.audit) {
    if (provider.accounts?.logArchive !== undefined) items.push({ kind: 'logArchive' });
    items.push({ kind: 'audit' });
    if (detectionSettings(provider).securityAccount !== undefined) {
      const regions = securityRegions(config);
      // The home region's security stack aggregates the others: every designation comes before it.
      if (featureEnabled(provider, 'posture')) items.push(...regions.map((region) => ({ kind: 'delegation' as const, region })));
      items.push(...regions.map((region) => ({ kind: 'security' as const, region })));
    }
  }
  const accounts = new Set(contents.detectionAccounts);
  const environments = detectionEnvironments(config)
    .filter((e) => accounts.has(e.account))
    .sort((a, b) => Number(b.recordsGlobalTypes) - Number(a.recordsGlobalTypes));
  items.push(...environments.map((e) => ({ kind: 'detection' as const, environment: `${e.account}/${e.region}` })));
  items.push(...contents.backupAuditClients.map((client) => ({ kind: 'backupAudit' as const, client })));
  return items;
}

/** What of the shared stacks one pipeline deploys (see `ShardContents`). */
export type SharedContents = Pick<ShardContents, 'audit' | 'detectionAccounts' | 'backupAuditClients'>;

/** Properties of a {@link SharedStage}. */
export interface SharedStageProps extends BaselineStageProps {
  /**
   * The shared stacks the stage holds (a chunk of {@link sharedItems}).
   *
   * @default - every shared stack of the configuration
   */
  readonly items?: readonly SharedItem[];
}

/**
 * The provider's shared stacks, or a share of them: the log archive (log
 * archive account), the audit trail and security alarms (home region), the
 * organization guardrails, detection administered from the security
 * account and its designations, the detection stack of every account and
 * region with client data, and the backup audit framework of every account
 * and primary region with clients. The pipeline's first waves, so that
 * every client's activity is recorded, watched and its backups audited
 * from its first deployment (DP-LOG-ALL-ACCESS, BKP-3.6-MONITOR,
 * DP-THREAT-DETECTION, DP-IDS-INDEPENDENT). Stacks of one stage that need
 * each other deploy in order (stack dependencies); across stages, the
 * stages' order does it.
 */
export class SharedStage extends Stage {
  /** The log archive stack, when the stage holds it. */
  public readonly logArchive?: LogArchiveStack;
  /** The audit stack, when the stage holds it. */
  public readonly audit?: AuditStack;
  /** The guardrails stack, when the stage holds it. */
  public readonly guardrails?: OrganizationGuardrailsStack;
  /** The security-account stacks the stage holds, when it holds any. */
  public readonly security?: SecurityStacks;
  /** The backup audit stacks by `<account>/<region>`. */
  public readonly backupAudits: Readonly<Record<string, BackupAuditStack>>;
  /** The detection stacks by `<account>/<region>`. */
  public readonly detection: Readonly<Record<string, DetectionStack>>;

  constructor(scope: Construct, id: string, props: SharedStageProps) {
    super(scope, id, props);
    const { config } = props;
    const items = props.items ?? sharedItems(config, shardContents(config, 1)[0]);
    const has = (kind: SharedItem['kind']) => items.some((i) => i.kind === kind);
    const pick = <K extends SharedItem['kind'], V>(kind: K, value: (item: Extract<SharedItem, { kind: K }>) => V): Set<V> =>
      new Set(items.filter((i): i is Extract<SharedItem, { kind: K }> => i.kind === kind).map(value));
    this.logArchive = has('logArchive') ? addLogArchiveStack(this, config) : undefined;
    if (has('audit')) {
      this.audit = addAuditStack(this, config);
      if (this.logArchive !== undefined) {
        this.audit.addStackDependency(this.logArchive, 'CloudTrail checks the archive bucket and key policies when the trail is created');
      }
    }
    this.guardrails = has('guardrails') ? addGuardrailsStack(this, config) : undefined;
    const only = { delegation: pick('delegation', (i) => i.region), administration: pick('security', (i) => i.region) };
    this.security = only.delegation.size + only.administration.size > 0 ? addSecurityStacks(this, config, only) : undefined;
    const environments = pick('detection', (i) => i.environment);
    this.detection =
      environments.size > 0 ? addDetectionStacks(this, config, config.clients, this.logArchive ?? this.audit, environments) : {};
    this.backupAudits = addBackupAuditStacks(this, config, [...pick('backupAudit', (i) => i.client)]);
    // CDK Pipelines synthesizes a stage when it is added to a wave: its acknowledgements must be in place by then.
    acknowledgeKnownFindings(this);
  }
}

/** Properties of a {@link ClientsStage}. */
export interface ClientsStageProps extends BaselineStageProps {
  /** Which of the clients' stacks the stage holds. */
  readonly part: ClientPart;
  /**
   * The account of the stage's clients.
   *
   * @default - clients of any account
   */
  readonly account?: string;
  /**
   * The region of the stage's stacks (the clients' replica region for `replica`, primary region for `data`).
   *
   * @default - stacks in any region
   */
  readonly region?: string;
  /**
   * The clients the stage may hold (those of `account` and `region` when given).
   *
   * @default - every client of the configuration
   */
  readonly clients?: readonly ClientConfig[];
}

/** A part of a client's stacks: its disaster-recovery replicas, or its primary data stores. */
export type ClientPart = 'replica' | 'data';

/**
 * One part of the stacks of some clients, e.g. those whose data lives in one
 * account and region, or a batch of a pipeline's clients; each stack in its
 * client's account (CDM-3.3-SEGREGATE: its own account when it has one) and
 * regions (CDM-3.8-SOVEREIGNTY), built with the same builders as
 * `addBaselineStacks`.
 */
export class ClientsStage extends Stage {
  /** The stage's stacks by client id. */
  public readonly stacks: Readonly<Record<string, ClientReplicaStack | ClientDataStack>>;
  /**
   * The copy vault stacks in the backup account (BKP-BLAST-RADIUS) of the
   * stage's clients that have one, by client id: with the replicas, since
   * the data stack's backup plans copy into them.
   */
  public readonly backupCopies: Readonly<Record<string, BackupCopyStack>>;

  constructor(scope: Construct, id: string, props: ClientsStageProps) {
    super(scope, id, props);
    const { config, part } = props;
    // Each client's names are derived once, for the filter and all its stacks.
    const clients = (props.clients ?? config.clients)
      .map((client) => ({ client, names: new ClientNames(config.provider, client) }))
      .filter(
        ({ client, names }) =>
          (props.account === undefined || names.account === props.account) &&
          (props.region === undefined || regionOf(client, part) === props.region),
      );
    if (clients.length === 0) {
      throw new Error(`ClientsStage: no client has account ${props.account ?? '(any)'} and ${part} region ${props.region ?? '(any)'}`);
    }
    const add = part === 'replica' ? addReplicaStack : addDataStack;
    this.stacks = Object.fromEntries(clients.map(({ client, names }) => [client.id, add(this, config, client, names)]));
    const copies: Record<string, BackupCopyStack> = {};
    for (const { client, names } of part === 'replica' ? clients : []) {
      const copy = addBackupCopyStack(this, config, client, names);
      if (copy !== undefined) copies[client.id] = copy;
    }
    this.backupCopies = copies;
    acknowledgeKnownFindings(this);
  }
}

/** The stacks a client adds to a stage of one part: its replica stack and its copy vault stack, or its data stack. */
export function clientStackCount(config: BaselineConfig, client: ClientConfig, part: ClientPart): number {
  const copies = config.provider.accounts?.backup !== undefined && config.provider.organizationId !== undefined;
  return part === 'replica' && copies && accountCopyTiers(client).length > 0 ? 2 : 1;
}

/** The region a client's stacks of one part are in. */
function regionOf(client: ClientConfig, part: ClientPart): string {
  return part === 'replica' ? client.regions.replica : client.regions.primary;
}

/** The `<account>/<region>` groups of the clients for one part, in configuration order of their first client. */
export function clientGroups(config: BaselineConfig, part: ClientPart): { readonly account: string; readonly region: string }[] {
  const groups = new Map<string, { account: string; region: string }>();
  for (const client of config.clients) {
    const account = new ClientNames(config.provider, client).account;
    const region = regionOf(client, part);
    groups.set(`${account}/${region}`, { account, region });
  }
  return [...groups.values()];
}
