import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { addAuditStack, addBackupAuditStacks, addDataStack, addReplicaStack } from '../baseline';
import { type BaselineConfig, type ClientConfig, clientAccount } from '../model';
import { acknowledgeKnownFindings } from '../nag';
import type { AuditStack, BackupAuditStack, ClientDataStack, ClientReplicaStack } from '../stacks';

/** Properties of the baseline's pipeline stages. */
export interface BaselineStageProps extends StageProps {
  /** The validated configuration. */
  readonly config: BaselineConfig;
}

/**
 * The provider's shared stacks: the audit trail, log archive and security
 * alarms (home region), and the backup audit framework of every account and
 * primary region with clients. The pipeline's first wave, so that every
 * client's activity is recorded and its backups audited from its first
 * deployment (DP-LOG-ALL-ACCESS, BKP-3.6-MONITOR).
 */
export class SharedStage extends Stage {
  /** The audit stack. */
  public readonly audit: AuditStack;
  /** The backup audit stacks by `<account>/<region>`. */
  public readonly backupAudits: Readonly<Record<string, BackupAuditStack>>;

  constructor(scope: Construct, id: string, props: BaselineStageProps) {
    super(scope, id, props);
    this.audit = addAuditStack(this, props.config);
    this.backupAudits = addBackupAuditStacks(this, props.config, props.config.clients);
    // CDK Pipelines synthesizes a stage when it is added to a wave: its acknowledgements must be in place by then.
    acknowledgeKnownFindings(this);
  }
}

/** Properties of a {@link ClientsStage}. */
export interface ClientsStageProps extends BaselineStageProps {
  /** Which of the clients' stacks the stage holds. */
  readonly part: ClientPart;
  /** The account of the stage's clients. */
  readonly account: string;
  /** The region of the stage's stacks (the clients' replica region for `replica`, primary region for `data`). */
  readonly region: string;
}

/** A part of a client's stacks: its disaster-recovery replicas, or its primary data stores. */
export type ClientPart = 'replica' | 'data';

/**
 * One part of the stacks of the clients whose data lives in one account and
 * region (CDM-3.3-SEGREGATE: in the client's own account when it has one;
 * CDM-3.8-SOVEREIGNTY: in the client's regions), built with the same
 * builders as `addBaselineStacks`.
 */
export class ClientsStage extends Stage {
  /** The stage's stacks by client id. */
  public readonly stacks: Readonly<Record<string, ClientReplicaStack | ClientDataStack>>;

  constructor(scope: Construct, id: string, props: ClientsStageProps) {
    super(scope, id, props);
    const { config, part } = props;
    const clients = config.clients.filter((c) => clientAccount(config.provider, c) === props.account && regionOf(c, part) === props.region);
    if (clients.length === 0) {
      throw new Error(`ClientsStage: no client has account ${props.account} and ${part} region ${props.region}`);
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
