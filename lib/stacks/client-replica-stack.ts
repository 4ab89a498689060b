import type { Construct } from 'constructs';
import { ClientNames } from '../model';
import type { AlertTopic } from '../constructs/alerts';
import type { ClientMalwareScanning } from '../constructs/detection';
import type { ClientBackupVault } from '../constructs/backup';
import type { AccessLogBucket, ClientKey, ClientReplicaBucket } from '../constructs/data';
import { ClientReplicaStore } from '../constructs/store';
import { ClientStack } from './client-stack';
import type { ClientStackPropsBase } from './client-stack-props';

/** Properties of a {@link ClientReplicaStack}. */
export type ClientReplicaStackProps = ClientStackPropsBase;

/**
 * One client's disaster-recovery stores in its replica region
 * (DP-MULTI-REGION): its {@link ClientReplicaStore} (replica key, a replica
 * bucket per dataset, access log bucket, alert topic, backup copy vault).
 * Deployed before the client's data stack, which replicates into it by
 * derived names (no cross-region exports).
 */
export class ClientReplicaStack extends ClientStack {
  /** Everything the stack holds. */
  public readonly store: ClientReplicaStore;
  /** The client's replica key. */
  public readonly key: ClientKey;
  /** The client's server access log bucket in the replica region. */
  public readonly accessLogs: AccessLogBucket;
  /** Replica buckets by dataset name. */
  public readonly buckets: Readonly<Record<string, ClientReplicaBucket>>;
  /** Alerts raised in this client's replica region. */
  public readonly alerts: AlertTopic;
  /** The vault the client's backups are copied to (BKP-3.5-OFFSITE). */
  public readonly copyVault: ClientBackupVault;
  /** Malware scanning of the replica buckets, unless turned off (DP-THREAT-DETECTION). */
  public readonly malwareScanning?: ClientMalwareScanning;

  constructor(scope: Construct, id: string, props: ClientReplicaStackProps) {
    const { provider, client } = props;
    const names = props.names ?? new ClientNames(provider, client);
    super(scope, id, {
      ...props,
      names,
      region: client.regions.replica,
      stackName: names.replicaStack,
      description: names.replicaStackDescription,
    });
    // Id `Default` is left out of logical ids: the store's resources keep the ids they had when the stack built them.
    this.store = new ClientReplicaStore(this, 'Default', { provider, client, names });
    ({
      key: this.key,
      accessLogs: this.accessLogs,
      buckets: this.buckets,
      alerts: this.alerts,
      copyVault: this.copyVault,
      malwareScanning: this.malwareScanning,
    } = this.store);
  }
}
