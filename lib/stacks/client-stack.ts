import { Stack, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import {
  type ClientConfig,
  type ClientNames,
  type ProviderConfig,
  MANAGED_BY,
  ORGANIZATION_METADATA,
  RESIDENCY_METADATA,
  TAG_KEYS,
} from '../model';
import { OFFBOARDING_DEFAULTS } from '../defaults';
import type { ClientStackPropsBase } from './client-stack-props';

/** Properties of a {@link ClientStack}. */
export interface ClientStackProps extends ClientStackPropsBase {
  /** The region the stack deploys to; must be one of the client's allowed regions. */
  readonly region: string;
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** The client's names, derived once (the stack's subclass derives them when its caller did not). */
  readonly names: ClientNames;
  /**
   * The account the stack deploys to.
   *
   * @default - the client's account
   */
  readonly account?: string;
}

/**
 * Base of every per-client stack: it lives in the client's account, carries
 * the client's id as a tag on every resource (CDM-3.1-CLASSIFY), and records
 * the regions the client's agreement allows as stack metadata, which the
 * sovereignty rules read (CDM-3.8-SOVEREIGNTY). Each client has stacks of its
 * own, so a change to one client never touches another (CDM-3.3-SEGREGATE).
 */
export abstract class ClientStack extends Stack {
  /** The client this stack belongs to. */
  public readonly client: ClientConfig;
  /** Provider-wide settings. */
  public readonly provider: ProviderConfig;
  /** The client's names, derived once for the stack and the constructs in it. */
  public readonly names: ClientNames;

  protected constructor(scope: Construct, id: string, props: ClientStackProps) {
    const { provider, client, region, names } = props;
    super(scope, id, {
      ...props,
      env: { account: props.account ?? names.account, region },
      terminationProtection: true,
      // Stack-level tags (CloudFormation propagates them); `Tags.of` below writes them into the template.
      tags: { ...props.tags, [TAG_KEYS.clientId]: client.id, [TAG_KEYS.managedBy]: MANAGED_BY },
    });
    this.client = client;
    this.provider = provider;
    this.names = names;
    Tags.of(this).add(TAG_KEYS.clientId, client.id);
    Tags.of(this).add(TAG_KEYS.managedBy, MANAGED_BY);
    this.node.addMetadata(RESIDENCY_METADATA, [...client.regions.allowed].sort());
    // CDM-3.7-DISPOSAL: rules read the offboarding (replication and backups stop, keys may be destroyed).
    if (client.offboarding !== undefined) this.node.addMetadata(OFFBOARDING_DEFAULTS.metadata, { ...client.offboarding });
    // The organization layout, for the rules (BKP-BLAST-RADIUS, DP-MINIMAL-SERVICES).
    if (provider.accounts?.backup !== undefined) this.node.addMetadata(ORGANIZATION_METADATA.backupAccount, provider.accounts.backup);
    if (provider.guardrails === true && provider.organizationId !== undefined) {
      this.node.addMetadata(ORGANIZATION_METADATA.guardrails, provider.organizationId);
    }
  }
}
