import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { addBaselineStacks, type BaselineStacks } from '../baseline';
import { acknowledgeKnownFindings } from '../nag/acknowledgements';
import { AuditStack } from '../stacks';
import { type BaselineConfig, clientAccount } from '../config';

/** Properties of the baseline's pipeline stages. */
export interface BaselineStageProps extends StageProps {
  /** The validated configuration. */
  readonly config: BaselineConfig;
}

/**
 * The provider's shared, home-region stacks (the audit trail, log archive and
 * security alarms): the pipeline's first wave, so that every client's
 * activity is recorded from its first deployment (DP-LOG-ALL-ACCESS).
 */
export class SharedStage extends Stage {
  /** The audit stack. */
  public readonly audit: AuditStack;

  constructor(scope: Construct, id: string, props: BaselineStageProps) {
    super(scope, id, props);
    this.audit = new AuditStack(this, 'audit', { config: props.config });
    // CDK Pipelines synthesizes a stage when it is added to a wave: its acknowledgements must be in place by then.
    acknowledgeKnownFindings(this);
  }
}

/** Properties of a {@link ClientsStage}. */
export interface ClientsStageProps extends BaselineStageProps {
  /** The account of the stage's clients. */
  readonly account: string;
  /** The primary region of the stage's clients. */
  readonly region: string;
}

/**
 * The clients whose data lives in one account and primary region
 * (CDM-3.3-SEGREGATE, CDM-3.8-SOVEREIGNTY): each client's replica stack
 * (in its replica region, deployed first) and data stack, and the backup
 * audit stack of that account and region, built by `addBaselineStacks` from
 * the configuration narrowed to these clients.
 */
export class ClientsStage extends Stage {
  /** The stacks of the stage. */
  public readonly stacks: BaselineStacks;

  constructor(scope: Construct, id: string, props: ClientsStageProps) {
    super(scope, id, props);
    const { config } = props;
    const clients = config.clients.filter((c) => clientAccount(config.provider, c) === props.account && c.regions.primary === props.region);
    if (clients.length === 0) throw new Error(`ClientsStage: no client has account ${props.account} and primary region ${props.region}`);
    this.stacks = addBaselineStacks(this, { ...config, clients }, { audit: false });
    acknowledgeKnownFindings(this);
  }
}

/** The `<account>/<primary region>` groups of the clients, in configuration order of their first client. */
export function clientGroups(config: BaselineConfig): { readonly account: string; readonly region: string }[] {
  const groups = new Map<string, { account: string; region: string }>();
  for (const client of config.clients) {
    const account = clientAccount(config.provider, client);
    groups.set(`${account}/${client.regions.primary}`, { account, region: client.regions.primary });
  }
  return [...groups.values()];
}
