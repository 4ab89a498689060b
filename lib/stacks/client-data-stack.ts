import type { Construct } from 'constructs';
import { ClientNames } from '../model';
import type { ClientAccess } from '../constructs/access';
import type { AlertTopic } from '../constructs/alerts';
import type { ClientMalwareScanning } from '../constructs/detection';
import type { ClientBackup } from '../constructs/backup';
import type { AccessLogBucket, ClientDataBucket, ClientKey } from '../constructs/data';
import type { ReplicationRole } from '../constructs/replication';
import { ClientDataStore } from '../constructs/store';
import { ClientStack } from './client-stack';
import type { ClientStackPropsBase } from './client-stack-props';

/** Properties of a {@link ClientDataStack}. */
export type ClientDataStackProps = ClientStackPropsBase;

/**
 * One client's primary data stores, in the client's account and primary
 * region: its {@link ClientDataStore} (key, one bucket per dataset, access log
 * bucket, replication, backups, duty roles, alert topic).
 */
export class ClientDataStack extends ClientStack {
  /** Everything the stack holds. */
  public readonly store: ClientDataStore;
  /** The client's primary data key. */
  public readonly key: ClientKey;
  /** The client's server access log bucket in the primary region. */
  public readonly accessLogs: AccessLogBucket;
  /** Dataset buckets by dataset name. */
  public readonly buckets: Readonly<Record<string, ClientDataBucket>>;
  /** Alerts raised in this client's primary region (replication, backup, break-glass). */
  public readonly alerts: AlertTopic;
  /** The client's tiered backups: vault, plans, restore tests, alerts, audit (BKP-*). */
  public readonly backup: ClientBackup;
  /** The role S3 replicates the client's datasets with (DP-MULTI-REGION). */
  public readonly replicationRole: ReplicationRole;
  /** ARN of the client's key in the replica region, read at deploy time. */
  public readonly replicaKeyArn: string;
  /** Duty roles, permission boundary and break-glass of the client (CDM-3.2-LEAST-PRIV, DP-ALWAYS-OFF). */
  public readonly access: ClientAccess;
  /** Malware scanning of the dataset buckets, unless turned off (DP-THREAT-DETECTION). */
  public readonly malwareScanning?: ClientMalwareScanning;

  constructor(scope: Construct, id: string, props: ClientDataStackProps) {
    const { provider, client } = props;
    const names = props.names ?? new ClientNames(provider, client);
    super(scope, id, {
      ...props,
      names,
      region: client.regions.primary,
      stackName: names.dataStack,
      description: names.dataStackDescription,
    });
    // Id `Default` is left out of logical ids: the store's resources keep the ids they had when the stack built them.
    this.store = new ClientDataStore(this, 'Default', { provider, client, names });
    ({
      key: this.key,
      accessLogs: this.accessLogs,
      buckets: this.buckets,
      alerts: this.alerts,
      backup: this.backup,
      replicationRole: this.replicationRole,
      replicaKeyArn: this.replicaKeyArn,
      malwareScanning: this.malwareScanning,
      access: this.access,
    } = this.store);
  }
}
