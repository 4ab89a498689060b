import type { Construct } from 'constructs';
import { type BaselineConfig, clientAccount } from './config';
import { AuditStack, BackupAuditStack, ClientDataStack, ClientReplicaStack } from './stacks';

/** The stacks of one client. */
export interface ClientStacks {
  /** Primary data stores. */
  readonly data: ClientDataStack;
  /** Disaster-recovery replicas, deployed before `data`. */
  readonly replica: ClientReplicaStack;
}

/** Everything the baseline builds for a configuration. */
export interface BaselineStacks {
  /** Per client id. */
  readonly clients: Readonly<Record<string, ClientStacks>>;
  /** The provider's audit trail, log archive and security alarms (home region); absent when `options.audit` is false. */
  readonly audit?: AuditStack;
  /** Backup audit frameworks, one per account and primary region with clients (`<account>/<region>`). */
  readonly backupAudits: Readonly<Record<string, BackupAuditStack>>;
}

/** Options of {@link addBaselineStacks}. */
export interface BaselineStacksOptions {
  /**
   * Whether to add the provider's audit stack (a pipeline deploys it in a wave of its own).
   *
   * @default true
   */
  readonly audit?: boolean;
}

/**
 * Adds the baseline's stacks for a validated configuration to an app or stage.
 * Construct ids derive from client ids, never from positions in the file, so
 * reordering clients changes nothing.
 *
 * @param scope an `App` or `Stage`
 * @param config a configuration that passed `parseConfig`/`loadConfig`
 * @param options what to leave out (pipeline stages hold parts of the baseline)
 */
export function addBaselineStacks(scope: Construct, config: BaselineConfig, options: BaselineStacksOptions = {}): BaselineStacks {
  const clients: Record<string, ClientStacks> = {};
  for (const client of config.clients) {
    const replica = new ClientReplicaStack(scope, `${client.id}-replica`, { provider: config.provider, client });
    const data = new ClientDataStack(scope, `${client.id}-data`, { provider: config.provider, client });
    data.addStackDependency(replica, 'the data stack replicates into the replica buckets, which must exist first');
    clients[client.id] = { data, replica };
  }
  const audit = options.audit === false ? undefined : new AuditStack(scope, 'audit', { config });
  const backupAudits: Record<string, BackupAuditStack> = {};
  for (const client of config.clients) {
    const [account, region] = [clientAccount(config.provider, client), client.regions.primary];
    backupAudits[`${account}/${region}`] ??= new BackupAuditStack(scope, `backup-audit-${account}-${region}`, {
      provider: config.provider,
      account,
      region,
    });
  }
  return { clients, audit, backupAudits };
}
