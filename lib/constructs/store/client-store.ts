import { Construct } from 'constructs';
import type { ClientConfig, ClientNames, ProviderConfig } from '../../model';
import { featureEnabled } from '../../detection/settings';
import { AlertTopic } from '../alerts';
import { AccessLogBucket, ClientKey } from '../data';
import { ClientMalwareScanning } from '../detection';
import { becomeClientScope, type ClientStoreProps, keyErasureOf, storeNames } from './client-scope';

/** Which of a client's two stores: the primary data store or the replica store. */
export interface ClientStoreRole {
  /** The region field of `client.regions` the store lives in. */
  readonly region: 'primary' | 'replica';
  /** Construct id of the store's key (kept: it is part of the key's logical id). */
  readonly keyId: 'DataKey' | 'ReplicaKey';
}

/**
 * What a client's primary and replica stores share, built in one place: the
 * client's names and scope (the stack must be in the client's account and
 * the store's region), the alert topic, the client key and the server access
 * log bucket of that region, and malware scanning of the dataset buckets.
 */
export abstract class ClientStore extends Construct {
  /** Provider-wide settings the store was built with. */
  public readonly provider: ProviderConfig;
  /** The client the store belongs to. */
  public readonly client: ClientConfig;
  /** The client's names, which the store's resources carry. */
  public readonly names: ClientNames;
  /** The region the store lives in (the client's primary or replica region). */
  public readonly region: string;
  /** The client's key in this region. */
  public readonly key: ClientKey;
  /** The client's server access log bucket in this region. */
  public readonly accessLogs: AccessLogBucket;
  /** Alerts raised in this region (replication, backup, break-glass, malware). */
  public readonly alerts: AlertTopic;

  /**
   * @throws ConfigError when `names` are not the client's, or the stack is not in the client's account and the store's region
   */
  protected constructor(scope: Construct, id: string, props: ClientStoreProps, role: ClientStoreRole) {
    super(scope, id);
    const { provider, client } = props;
    this.provider = provider;
    this.client = client;
    this.names = storeNames(props);
    this.region = client.regions[role.region];
    becomeClientScope(this, client, this.names, this.region, `regions.${role.region}`);
    this.alerts = new AlertTopic(this, 'Alerts', { emails: provider.alerts.emails });
    this.key = new ClientKey(this, role.keyId, { clientId: client.id, alias: this.names.keyAlias, erasure: keyErasureOf(client) });
    this.accessLogs = new AccessLogBucket(this, 'AccessLogs', { bucketName: this.names.accessLogBucket(this.region) });
  }

  /** Malware scanning of every dataset bucket of this store (DP-THREAT-DETECTION), unless turned off with a reason. */
  protected scanForMalware(): ClientMalwareScanning | undefined {
    if (!featureEnabled(this.provider, 'malwareScanning')) return undefined;
    return new ClientMalwareScanning(this, 'MalwareScanning', {
      clientId: this.client.id,
      key: this.key,
      region: this.region,
      buckets: Object.fromEntries(this.client.datasets.map((d) => [d.name, this.names.datasetBucket(d.name, this.region)])),
      topic: this.alerts.topic,
    });
  }
}
