import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { addAuditStack, addBackupAuditStacks, addDataStack, addDetectionStacks, addReplicaStack } from '../baseline';
import { type BaselineConfig, type ClientConfig, clientAccount } from '../model';
import { acknowledgeKnownFindings } from '../nag';
import type { AuditStack, BackupAuditStack, ClientDataStack, ClientReplicaStack, DetectionStack } from '../stacks';

/** Properties of the baseline's pipeline stages. */
export interface BaselineStageProps extends StageProps {
  /** The validated configuration. */
  readonly config: BaselineConfig;
}

/** Properties of a {@link SharedStage}. */
export interface SharedStageProps extends BaselineStageProps {
  /**
   * Whether the stage holds the provider's audit stack.
   *
   * @default true
   */
  readonly audit?: boolean;
  /**
   * The clients whose accounts' and primary regions' backup audit stacks the
   * stage holds.
   *
   * @default - every client of the configuration
   */
  readonly backupAuditClients?: readonly ClientConfig[];
}

/**
 * The provider's shared stacks: the audit trail, log archive and security
 * alarms (home region), the backup audit framework of every account and
 * primary region with clients, and the detection stack of every account and
 * region with client data. The pipeline's first wave, so that every
 * client's activity is recorded, watched and its backups audited from its
 * first deployment (DP-LOG-ALL-ACCESS, BKP-3.6-MONITOR, DP-THREAT-DETECTION).
 */
export class SharedStage extends Stage {
  /** The audit stack, when the stage holds it. */
  public readonly audit?: AuditStack;
  /** The backup audit stacks by `<account>/<region>`. */
  public readonly backupAudits: Readonly<Record<string, BackupAuditStack>>;
  /** The detection stacks by `<account>/<region>`. */
  public readonly detection: Readonly<Record<string, DetectionStack>>;

  constructor(scope: Construct, id: string, props: SharedStageProps) {
    super(scope, id, props);
    // The audit stack and every detection stack deploy from the first pipeline only (one stack per account and region).
    if (props.audit ?? true) {
      this.audit = addAuditStack(this, props.config);
      this.detection = addDetectionStacks(this, props.config, props.config.clients, this.audit);
    } else this.detection = {};
    this.backupAudits = addBackupAuditStacks(this, props.config, props.backupAuditClients ?? props.config.clients);
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

  constructor(scope: Construct, id: string, props: ClientsStageProps) {
    super(scope, id, props);
    const { config, part } = props;
    const clients = (props.clients ?? config.clients).filter(
      (c) =>
        (props.account === undefined || clientAccount(config.provider, c) === props.account) &&
        (props.region === undefined || regionOf(c, part) === props.region),
    );
    if (clients.length === 0) {
      throw new Error(`ClientsStage: no client has account ${props.account ?? '(any)'} and ${part} region ${props.region ?? '(any)'}`);
    }
    const add = part === 'replica' ? addReplicaStack : addDataStack;
    this.stacks = Object.fromEntries(clients.map((c) => [c.id, add(this, config, c)]));
    acknowledgeKnownFindings(this);
  }
}

/** The region a client's stacks of one part are in. */
function regionOf(client: ClientConfig, part: ClientPart): string {
  return part === 'replica' ? client.regions.replica : client.regions.primary;
}

/** The `<account>/<region>` groups of the clients for one part, in configuration order of their first client. */
export function clientGroups(config: BaselineConfig, part: ClientPart): { readonly account: string; readonly region: string }[] {
  const groups = new Map<string, { account: string; region: string }>();
  for (const client of config.clients) {
    const account = clientAccount(config.provider, client);
    const region = regionOf(client, part);
    groups.set(`${account}/${region}`, { account, region });
  }
  return [...groups.values()];
}
