/**
 * The benchmark's baseline for comparison: the same stacks and resources as
 * `bin/app.ts` builds, written with plain aws-cdk-lib constructs, with no
 * configuration validation, no policy checks, no acknowledgements and no
 * report. Launched exactly like `bin/app.ts` (`-c config=PATH`, `CDK_OUTDIR`).
 *
 * When the baseline gains resources, add the same resources here (one
 * function per stack kind below) so the comparison stays like for like; the
 * bench compares the two assemblies' resource counts by type and says so
 * when they differ.
 */
import { readFileSync } from 'node:fs';
import { App, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { parse } from 'yaml';
import { cdkJsonContext } from '../lib/app';

interface Dataset {
  name: string;
  classification?: string;
  tier: string;
  retentionDays?: number;
}
interface Client {
  id: string;
  name: string;
  account?: string;
  regions: { primary: string; replica: string; allowed: string[] };
  datasets: Dataset[];
}
interface Config {
  provider: { name: string; account: string; alerts: { emails: string[] } };
  clients: Client[];
}

const KMS_ADMIN = [
  'kms:CancelKeyDeletion',
  'kms:Create*',
  'kms:Delete*',
  'kms:Describe*',
  'kms:Disable*',
  'kms:Enable*',
  'kms:Get*',
  'kms:List*',
  'kms:Put*',
  'kms:Revoke*',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:Update*',
];
const KMS_USE = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'];
const S3_DATA = [
  's3:AbortMultipartUpload',
  's3:DeleteObject',
  's3:DeleteObjectTagging',
  's3:DeleteObjectVersion',
  's3:DeleteObjectVersionTagging',
  's3:GetObject',
  's3:GetObjectAcl',
  's3:GetObjectAttributes',
  's3:GetObjectTagging',
  's3:GetObjectVersion',
  's3:GetObjectVersionAcl',
  's3:GetObjectVersionAttributes',
  's3:GetObjectVersionTagging',
  's3:ListBucket',
  's3:ListBucketMultipartUploads',
  's3:ListBucketVersions',
  's3:ListMultipartUploadParts',
  's3:PutObject',
  's3:PutObjectAcl',
  's3:PutObjectTagging',
  's3:PutObjectVersionAcl',
  's3:PutObjectVersionTagging',
  's3:RestoreObject',
];

function alertTopic(stack: Stack, emails: string[]): void {
  const key = new kms.Key(stack, 'AlertsKey', {
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
    removalPolicy: RemovalPolicy.RETAIN,
    policy: new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: KMS_ADMIN, resources: ['*'] }),
        new iam.PolicyStatement({
          principals: ['events.amazonaws.com', 'cloudwatch.amazonaws.com', 'backup.amazonaws.com'].map((s) => new iam.ServicePrincipal(s)),
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
      ],
    }),
  });
  const topic = new sns.Topic(stack, 'AlertsTopic', { displayName: 'client-data-baseline alerts', masterKey: key, enforceSSL: true });
  for (const email of emails) topic.addSubscription(new subscriptions.EmailSubscription(email));
}

function clientKey(stack: Stack, id: string, client: Client, alias: string): kms.Key {
  return new kms.Key(stack, id, {
    alias,
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
    removalPolicy: RemovalPolicy.RETAIN,
    policy: new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: KMS_ADMIN, resources: ['*'] }),
        new iam.PolicyStatement({
          principals: [new iam.AccountPrincipal(stack.account)],
          actions: KMS_USE,
          resources: ['*'],
          conditions: { StringEquals: { 'aws:PrincipalTag/client-id': client.id } },
        }),
      ],
    }),
  });
}

function dataBucket(stack: Stack, id: string, client: Client, dataset: Dataset, name: string, key: kms.Key, logs: s3.Bucket): void {
  const bucket = new s3.Bucket(stack, id, {
    bucketName: name,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    serverAccessLogsBucket: logs,
    serverAccessLogsPrefix: `${dataset.name}/`,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [
      {
        expiration: Duration.days(dataset.retentionDays ?? 2555),
        noncurrentVersionExpiration: Duration.days(90),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
  });
  Tags.of(bucket).add('dataset', dataset.name);
  Tags.of(bucket).add('classification', dataset.classification ?? 'confidential');
  Tags.of(bucket).add('tier', dataset.tier);
  const objects = bucket.arnForObjects('*');
  const deny = (actions: string[], resources: string[], conditions: Record<string, unknown>) =>
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({ effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions, resources, conditions }),
    );
  deny(['s3:PutObject'], [objects], { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } });
  deny(['s3:PutObject'], [objects], { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': key.keyArn } });
  deny(S3_DATA, [bucket.bucketArn, objects], { StringNotEquals: { 'aws:PrincipalTag/client-id': client.id } });
}

/** One client's stack in one region: alerts, key, access logs, a bucket per dataset. */
function clientStack(app: App, config: Config, client: Client, kind: 'data' | 'replica'): Stack {
  const account = client.account ?? config.provider.account;
  const region = kind === 'data' ? client.regions.primary : client.regions.replica;
  const stack = new Stack(app, `${client.id}-${kind}`, {
    env: { account, region },
    stackName: `${config.provider.name}-${client.id}-${kind}`,
    terminationProtection: true,
    tags: { 'client-id': client.id, 'managed-by': 'client-data-baseline' },
  });
  Tags.of(stack).add('client-id', client.id);
  Tags.of(stack).add('managed-by', 'client-data-baseline');
  alertTopic(stack, config.provider.alerts.emails);
  const key = clientKey(stack, kind === 'data' ? 'DataKey' : 'ReplicaKey', client, `alias/${config.provider.name}/${client.id}/data`);
  const logs = new s3.Bucket(stack, 'AccessLogs', {
    bucketName: `${config.provider.name}-${client.id}-${account}-${region}-s3logs`,
    encryption: s3.BucketEncryption.S3_MANAGED,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(400) }],
  });
  for (const dataset of client.datasets) {
    const name = `${config.provider.name}-${client.id}-${dataset.name}-${account}-${region}`;
    dataBucket(stack, `${kind === 'data' ? 'Dataset' : 'Replica'}-${dataset.name}`, client, dataset, name, key, logs);
  }
  return stack;
}

function main(): void {
  const app = new App({ context: cdkJsonContext(), autoSynth: false });
  const config = parse(readFileSync(String(app.node.tryGetContext('config')), 'utf8')) as Config;
  const only = app.node.tryGetContext('clients') as string | undefined;
  const selected = only === undefined ? undefined : new Set(only.split(','));
  for (const client of config.clients) {
    if (selected !== undefined && !selected.has(client.id)) continue;
    const replica = clientStack(app, config, client, 'replica');
    clientStack(app, config, client, 'data').addStackDependency(replica);
  }
  app.synth();
}

main();
