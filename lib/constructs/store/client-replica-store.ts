import { type Construct } from 'constructs';
import { effectiveTier, vaultLockTerms } from '../../backup/effective';
import { REPLICA_METADATA } from '../../model';
import { type AlertTopic, KeyUseAlert } from '../alerts';
import { ClientBackupVault } from '../backup';
import { type ClientMalwareScanning } from '../detection';
import { type AccessLogBucket, type ClientKey, ClientReplicaBucket } from '../data';
import { s3ViaService } from '../replication';
import { type ClientStoreProps, keyErasureOf } from './client-scope';
import { ClientStore } from './client-store';

/** Properties of a {@link ClientReplicaStore}. */
export type ClientReplicaStoreProps = ClientStoreProps;

/**
 * One client's disaster-recovery stores, in a stack of the client's account
 * and replica region (DP-MULTI-REGION): a replica key of its own, a replica
 * bucket per dataset with the same hardening, tags, lifecycle and retention
 * as the source, an access log bucket, an alert topic and the vault backups
 * are copied to (BKP-3.5-OFFSITE). Its stack deploys before the stack of the
 * client's {@link ClientDataStore}, which replicates into it by derived
 * names (no cross-region exports). The baseline's `ClientReplicaStack` is
 * this store and nothing else.
 */
export class ClientReplicaStore extends ClientStore {
  /** The client's replica key. */
  declare public readonly key: ClientKey;
  /** The client's server access log bucket in the replica region. */
  declare public readonly accessLogs: AccessLogBucket;
  /** Replica buckets by dataset name. */
  public readonly buckets: Readonly<Record<string, ClientReplicaBucket>>;
  /** Alerts raised in this client's replica region. */
  declare public readonly alerts: AlertTopic;
  /** The vault the client's backups are copied to (BKP-3.5-OFFSITE). */
  public readonly copyVault: ClientBackupVault;
  /** Malware scanning of the replica buckets, unless turned off (DP-THREAT-DETECTION). */
  public readonly malwareScanning?: ClientMalwareScanning;

  /**
   * @throws ConfigError when `names` are not the client's, or the stack is not in the client's account and replica region
   */
  constructor(scope: Construct, id: string, props: ClientReplicaStoreProps) {
    super(scope, id, props, { region: 'replica', keyId: 'ReplicaKey' });
    const { client, names, region } = this;
    const erasure = keyErasureOf(client);
    // CDM-3.5-AUTHORIZED-COPY: the client's replication role (created by the data store,
    // which deploys later) may encrypt replicas with this key, only through S3 here.
    const roleArn = names.replicationRoleArn;
    this.key.allowServiceRoleUse({
      sid: 'ReplicationRoleEncryptsThroughS3',
      clientId: client.id,
      roleArn,
      actions: ['kms:Encrypt'],
      viaService: s3ViaService(region),
    });
    this.malwareScanning = this.scanForMalware();
    const buckets: Record<string, ClientReplicaBucket> = {};
    for (const dataset of client.datasets) {
      buckets[dataset.name] = new ClientReplicaBucket(this, `Replica-${dataset.name}`, {
        bucketName: names.datasetBucket(dataset.name, region),
        clientId: client.id,
        dataset: dataset.name,
        classification: dataset.classification,
        tier: dataset.tier,
        retentionDays: dataset.retentionDays,
        encryptionKey: this.key,
        serverAccessLogsBucket: this.accessLogs,
        serviceRoleArns: [roleArn, names.backupRoleArn, ...(this.malwareScanning ? [this.malwareScanning.roleArn(dataset.name)] : [])],
      });
      this.malwareScanning?.protect(dataset.name, buckets[dataset.name]);
      buckets[dataset.name].tagRecoveryObjectives(effectiveTier(client, dataset.tier));
    }
    this.buckets = buckets;

    // Offsite copies of the client's backups (BKP-3.5-OFFSITE), under the same lock (BKP-IMMUTABLE).
    this.node.addMetadata(REPLICA_METADATA, client.regions.primary);
    this.key.allowServiceRoleUse({
      sid: 'BackupRoleUsesKey',
      clientId: client.id,
      roleArn: names.backupRoleArn,
      allowGrants: true,
    });
    this.copyVault = new ClientBackupVault(this, 'BackupCopyVault', {
      vaultName: names.backupVault,
      clientId: client.id,
      keyAlias: names.backupKeyAlias,
      lock: vaultLockTerms(client),
      backupRoleArn: names.backupRoleArn,
      erasure,
    });
    if (client.offboarding !== undefined) {
      new KeyUseAlert(this, 'OffboardedKeyUse', {
        keys: [this.key, this.copyVault.key],
        topic: this.alerts.topic,
        ticket: client.offboarding.ticket,
      });
    }
  }
}
