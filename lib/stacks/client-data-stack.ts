import type { Construct } from 'constructs';
import { accessLogBucketName, clientDataStackName, clientKeyAlias, datasetBucketName } from '../config';
import { AccessLogBucket, AlertTopic, ClientAccess, ClientDataBucket, ClientKey } from '../constructs';
import { ClientStack } from './client-stack';
import type { ClientStackPropsBase } from './client-stack-props';

/** Properties of a {@link ClientDataStack}. */
export type ClientDataStackProps = ClientStackPropsBase;

/**
 * One client's primary data stores, in the client's account and primary
 * region: its key, one bucket per dataset, its access log bucket and its
 * alert topic.
 */
export class ClientDataStack extends ClientStack {
  /** The client's primary data key. */
  public readonly key: ClientKey;
  /** The client's server access log bucket in the primary region. */
  public readonly accessLogs: AccessLogBucket;
  /** Dataset buckets by dataset name. */
  public readonly buckets: Readonly<Record<string, ClientDataBucket>>;
  /** Alerts raised in this client's primary region (replication, backup, break-glass). */
  public readonly alerts: AlertTopic;
  /** Duty roles, permission boundary and break-glass of the client (CDM-3.2-LEAST-PRIV, DP-ALWAYS-OFF). */
  public readonly access: ClientAccess;

  constructor(scope: Construct, id: string, props: ClientDataStackProps) {
    const { provider, client } = props;
    const region = client.regions.primary;
    super(scope, id, {
      ...props,
      region,
      stackName: clientDataStackName(provider, client),
      description: `Data stores of client ${client.id} (${client.name}) - client-data-baseline`,
    });
    this.alerts = new AlertTopic(this, 'Alerts', { emails: provider.alerts.emails });
    this.key = new ClientKey(this, 'DataKey', { clientId: client.id, alias: clientKeyAlias(provider, client) });
    this.accessLogs = new AccessLogBucket(this, 'AccessLogs', { bucketName: accessLogBucketName(provider, client, region) });
    const buckets: Record<string, ClientDataBucket> = {};
    for (const dataset of client.datasets) {
      buckets[dataset.name] = new ClientDataBucket(this, `Dataset-${dataset.name}`, {
        bucketName: datasetBucketName(provider, client, dataset.name, region),
        clientId: client.id,
        dataset: dataset.name,
        classification: dataset.classification,
        tier: dataset.tier,
        retentionDays: dataset.retentionDays,
        encryptionKey: this.key,
        serverAccessLogsBucket: this.accessLogs,
      });
    }
    this.buckets = buckets;
    this.access = new ClientAccess(this, 'Access', { provider, client, alertTopic: this.alerts.topic, region });
  }
}
