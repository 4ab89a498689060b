import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import {
  accessLogBucketName,
  type ClientConfig,
  clientAccount,
  clientDataStackName,
  clientKeyAlias,
  datasetBucketName,
  type ProviderConfig,
} from '../config';
import { AccessLogBucket, AlertTopic, ClientDataBucket, ClientKey } from '../constructs';
import { MANAGED_BY, TAG_KEYS } from '../defaults';

/** Properties of a {@link ClientDataStack}. */
export interface ClientDataStackProps extends StackProps {
  /** Provider-wide settings. */
  readonly provider: ProviderConfig;
  /** The client this stack belongs to; nothing of another client goes in it. */
  readonly client: ClientConfig;
}

/**
 * One client's primary data stores, in the client's account and primary
 * region: its key, one bucket per dataset, and its access log bucket. Each
 * client has stacks of its own, so adding, changing or removing a client never
 * touches another client's stacks (CDM-3.3-SEGREGATE).
 */
export class ClientDataStack extends Stack {
  /** The client's primary data key. */
  public readonly key: ClientKey;
  /** The client's server access log bucket in the primary region. */
  public readonly accessLogs: AccessLogBucket;
  /** Dataset buckets by dataset name. */
  public readonly buckets: Readonly<Record<string, ClientDataBucket>>;
  /** The client this stack belongs to. */
  public readonly client: ClientConfig;
  /** Alerts raised in this client's primary region (replication, backup, break-glass). */
  public readonly alerts: AlertTopic;

  constructor(scope: Construct, id: string, props: ClientDataStackProps) {
    const { provider, client } = props;
    super(scope, id, {
      ...props,
      stackName: clientDataStackName(provider, client),
      description: `Data stores of client ${client.id} (${client.name}) - client-data-baseline`,
      env: { account: clientAccount(provider, client), region: client.regions.primary },
      terminationProtection: true,
    });
    this.client = client;
    Tags.of(this).add(TAG_KEYS.clientId, client.id);
    Tags.of(this).add(TAG_KEYS.managedBy, MANAGED_BY);

    const region = client.regions.primary;
    this.alerts = new AlertTopic(this, 'Alerts', { emails: provider.alerts.emails });
    this.key = new ClientKey(this, 'DataKey', { clientId: client.id, alias: clientKeyAlias(provider, client) });
    this.accessLogs = new AccessLogBucket(this, 'AccessLogs', {
      bucketName: accessLogBucketName(provider, client, region),
    });
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
  }
}
