import { Construct } from 'constructs';
import { effectiveTier, vaultLockTerms } from '../../backup/effective';
import { type ClientConfig, type ClientNames, type ProviderConfig, REPLICA_METADATA } from '../../model';
import { AlertTopic, KeyUseAlert } from '../alerts';
import { ClientBackupVault, tagRecoveryObjectives } from '../backup';
import { ClientMalwareScanning } from '../detection';
import { featureEnabled } from '../../detection/settings';
import { AccessLogBucket, allowServiceRoleKeyUse, ClientKey, ClientReplicaBucket } from '../data';
import { s3ViaService } from '../replication';
import { becomeClientScope, type ClientStoreProps, keyErasureOf, storeNames } from './client-scope';

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
export class ClientReplicaStore extends Construct {
  /** Provider-wide settings the store was built with. */
  public readonly provider: ProviderConfig;
  /** The client the store belongs to. */
  public readonly client: ClientConfig;
  /** The client's names, which the store's resources carry. */
  public readonly names: ClientNames;
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

  /**
   * @throws ConfigError when `names` are not the client's, or the stack is not in the client's account and replica region
   */
  constructor(scope: Construct, id: string, props: ClientReplicaStoreProps) {
    super(scope, id);
    const { provider, client } = props;
    const names = storeNames(props);
    this.provider = provider;
    this.client = client;
    this.names = names;
    const region = client.regions.replica;
    becomeClientScope(this, client, names, region, 'regions.replica');
    const erasure = keyErasureOf(client);
    this.alerts = new AlertTopic(this, 'Alerts', { emails: provider.alerts.emails });
    this.key = new ClientKey(this, 'ReplicaKey', { clientId: client.id, alias: names.keyAlias, erasure });
    this.accessLogs = new AccessLogBucket(this, 'AccessLogs', { bucketName: names.accessLogBucket(region) });
    // CDM-3.5-AUTHORIZED-COPY: the client's replication role (created by the data store,
    // which deploys later) may encrypt replicas with this key, only through S3 here.
    const roleArn = names.replicationRoleArn;
    allowServiceRoleKeyUse(this.key, {
      sid: 'ReplicationRoleEncryptsThroughS3',
      clientId: client.id,
      roleArn,
      actions: ['kms:Encrypt'],
      viaService: s3ViaService(region),
    });
    this.malwareScanning = featureEnabled(provider, 'malwareScanning')
      ? new ClientMalwareScanning(this, 'MalwareScanning', {
          clientId: client.id,
          key: this.key,
          region,
          buckets: Object.fromEntries(client.datasets.map((d) => [d.name, names.datasetBucket(d.name, region)])),
          topic: this.alerts.topic,
        })
      : undefined;
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
      tagRecoveryObjectives(buckets[dataset.name], effectiveTier(client, dataset.tier));
    }
    this.buckets = buckets;

    // Offsite copies of the client's backups (BKP-3.5-OFFSITE), under the same lock (BKP-IMMUTABLE).
    this.node.addMetadata(REPLICA_METADATA, client.regions.primary);
    allowServiceRoleKeyUse(this.key, {
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
