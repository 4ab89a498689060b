/**
 * The benchmark's baseline for comparison: the same stacks and resources as
 * `bin/app.ts` builds, written with plain aws-cdk-lib constructs, with no
 * configuration validation, no policy checks, no acknowledgements and no
 * report. Launched exactly like `bin/app.ts` (`-c config=PATH`, `CDK_OUTDIR`).
 * It takes every derived name (`ClientNames` and the provider's name
 * functions) and the tier table with each client's agreement applied
 * (`lib/backup`) from the library, never a copy, and none of its constructs.
 *
 * When the baseline gains resources, add the same resources here (one
 * function per stack kind below) so the comparison stays like for like; the
 * bench compares the two assemblies' resource counts by type and says so
 * when they differ.
 */
import { readFileSync } from 'node:fs';
import { App, Duration, Fn, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as awsconfig from 'aws-cdk-lib/aws-config';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as macie from 'aws-cdk-lib/aws-macie';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { parse } from 'yaml';
import { KMS_ADMIN_ACTIONS, KMS_USE_ACTIONS, S3_DATA_ACTIONS } from '../lib/access/actions';
import { cdkJsonContext } from '../lib/app';
import { clientTiers, effectiveTier, tierRules, vaultLockTerms } from '../lib/backup/effective';
import { TIER_POLICIES } from '../lib/backup/tiers';
import { BACKUP_REPORTS_PREFIX } from '../lib/constructs/backup/backup-report-delivery';
import {
  accessAnalyzerName,
  configDeliveryChannelName,
  configHistoryBucketName,
  configRecorderName,
  configServiceLinkedRoleArn,
  type DetectionEnvironment,
  detectionEnvironments,
  DETECTION_DEFAULTS,
  detectionStackName,
  FINDING_ROUTES,
  MALWARE_PROTECTION_PRINCIPAL,
  MALWARE_SCAN_ACTIONS,
  malwareScanRoute,
  offeredIn,
  SECURITY_HUB_STANDARDS,
  standardArn,
} from '../lib/detection';
import {
  auditKeyAlias,
  auditLogGroupName,
  auditStackName,
  auditTrailArn,
  auditTrailName,
  backupAuditStackName,
  backupFrameworkName,
  backupReportPlanName,
  type BaselineConfig,
  clientBucketArnPrefix,
  type ClientConfig,
  ClientNames,
  logArchiveAccessLogBucketName,
  logArchiveBucketName,
  type ProviderConfig,
  SECURITY_METRIC_NAMESPACE,
  TIERS,
  type Tier,
} from '../lib/model';

interface Dataset {
  name: string;
  classification?: string;
  tier: Tier;
  retentionDays?: number;
}
interface Client {
  id: string;
  name: string;
  account?: string;
  regions: { primary: string; replica: string; allowed: string[] };
  datasets: Dataset[];
  access?: { operators?: string[]; readers?: string[]; auditors?: string[] };
}
interface Config {
  provider: { name: string; account: string; homeRegion: string; alerts: { emails: string[] } };
  clients: Client[];
}

// The baseline's own action lists (one home each), so both apps grant the same.
const KMS_ADMIN = [...KMS_ADMIN_ACTIONS];
const KMS_USE = [...KMS_USE_ACTIONS];
const S3_DATA = [...S3_DATA_ACTIONS];

/** A rotating, retained key whose policy lets the account administer it, plus the given statements. */
function retainedKey(stack: Stack, id: string, statements: iam.PolicyStatement[], alias?: string): kms.Key {
  return new kms.Key(stack, id, {
    alias,
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
    removalPolicy: RemovalPolicy.RETAIN,
    policy: new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: KMS_ADMIN, resources: ['*'] }),
        ...statements,
      ],
    }),
  });
}

function alertTopic(stack: Stack, emails: string[], displayName = 'client-data-baseline alerts'): sns.Topic {
  const key = retainedKey(stack, 'AlertsKey', [
    new iam.PolicyStatement({
      principals: ['events.amazonaws.com', 'cloudwatch.amazonaws.com', 'backup.amazonaws.com'].map((s) => new iam.ServicePrincipal(s)),
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  ]);
  const topic = new sns.Topic(stack, 'AlertsTopic', { displayName, masterKey: key, enforceSSL: true });
  for (const email of emails) topic.addSubscription(new subscriptions.EmailSubscription(email));
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
      },
    }),
  );
  return topic;
}

function clientKey(stack: Stack, id: string, client: Client, alias: string, serviceRoleArns: string[] = []): kms.Key {
  return retainedKey(
    stack,
    id,
    [
      new iam.PolicyStatement({
        principals: [new iam.AccountPrincipal(stack.account)],
        actions: KMS_USE,
        resources: ['*'],
        conditions: { StringEquals: { 'aws:PrincipalTag/client-id': client.id } },
      }),
      ...serviceRoleArns.map(
        (arn) =>
          new iam.PolicyStatement({
            principals: [new iam.AccountPrincipal(stack.account)],
            actions: [...KMS_USE, 'kms:CreateGrant'],
            resources: ['*'],
            conditions: { ArnEquals: { 'aws:PrincipalArn': arn } },
          }),
      ),
    ],
    alias,
  );
}

interface Replication {
  destination: s3.IBucket;
  key: kms.IKey;
  role: iam.IRole;
}

function dataBucket(
  stack: Stack,
  id: string,
  client: Client,
  dataset: Dataset,
  name: string,
  key: kms.Key,
  accessLogs: s3.Bucket,
  replication?: Replication,
): s3.Bucket {
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
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: `${dataset.name}/`,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [
      {
        expiration: Duration.days(dataset.retentionDays ?? 2555),
        noncurrentVersionExpiration: Duration.days(90),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
    ...(replication === undefined
      ? {}
      : {
          replicationRole: replication.role,
          replicationRules: [
            {
              id: dataset.name,
              priority: 1,
              destination: replication.destination,
              kmsKey: replication.key,
              sseKmsEncryptedObjects: true,
              deleteMarkerReplication: false,
              ...(dataset.tier === 'critical'
                ? { replicationTimeControl: s3.ReplicationTimeValue.FIFTEEN_MINUTES, metrics: s3.ReplicationTimeValue.FIFTEEN_MINUTES }
                : {}),
            },
          ],
        }),
  });
  Tags.of(bucket).add('dataset', dataset.name);
  Tags.of(bucket).add('classification', dataset.classification ?? 'confidential');
  Tags.of(bucket).add('tier', dataset.tier);
  const objectives = tierOf(client, dataset.tier);
  Tags.of(bucket).add('rpo-hours', String(objectives.rpoHours));
  Tags.of(bucket).add('rto-hours', String(objectives.rtoHours));
  const objects = bucket.arnForObjects('*');
  const deny = (actions: string[], resources: string[], conditions: Record<string, unknown>) =>
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({ effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions, resources, conditions }),
    );
  deny(['s3:PutObject'], [objects], { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } });
  deny(['s3:PutObject'], [objects], { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': key.keyArn } });
  deny(S3_DATA, [bucket.bucketArn, objects], {
    StringNotEquals: { 'aws:PrincipalTag/client-id': client.id },
    ArnNotEquals: { 'aws:PrincipalArn': [names(client).replicationRoleArn, names(client).backupRoleArn] },
  });
  return bucket;
}

/**
 * Derived names, so that stacks and regions refer to each other without
 * exports, and the tier table with each client's agreement applied: the
 * baseline's own (`lib/model/names.ts`, `lib/backup`), so both apps name and
 * tier their resources alike.
 */
let PROVIDER_CONFIG = { name: 'msp', account: '' } as unknown as ProviderConfig;
const derived = new WeakMap<Client, { config: ClientConfig; names: ClientNames }>();
/** A client as the library reads it, derived once per client (the raw YAML has no `backup` block where the schema would default it). */
function derive(client: Client): { config: ClientConfig; names: ClientNames } {
  let out = derived.get(client);
  if (out === undefined) {
    const config = { backup: {}, ...client } as unknown as ClientConfig;
    out = { config, names: new ClientNames(PROVIDER_CONFIG, config) };
    derived.set(client, out);
  }
  return out;
}
const names = (client: Client): ClientNames => derive(client).names;
const tiersOf = (client: Client): Tier[] => clientTiers(derive(client).config);
const tierOf = (client: Client, tier: Tier) => effectiveTier(derive(client).config, tier);

function backupVault(stack: Stack, id: string, client: Client): backup.BackupVault {
  const key = clientKey(stack, `${id}Key`, client, names(client).backupKeyAlias, [names(client).backupRoleArn]);
  const lock = vaultLockTerms(derive(client).config);
  const vault = new backup.BackupVault(stack, id, {
    backupVaultName: names(client).backupVault,
    encryptionKey: key,
    removalPolicy: RemovalPolicy.RETAIN,
    blockRecoveryPointDeletion: true,
    lockConfiguration: {
      minRetention: Duration.days(lock.minRetentionDays),
      maxRetention: lock.maxRetentionDays === undefined ? undefined : Duration.days(lock.maxRetentionDays),
      changeableFor: lock.changeableForDays === undefined ? undefined : Duration.days(lock.changeableForDays),
    },
  });
  Tags.of(vault).add('client-id', client.id);
  return vault;
}

/** Tiered backups, restore tests and backup alerts of one client (primary region). */
function backups(stack: Stack, client: Client, topic: sns.Topic): void {
  const role = new iam.Role(stack, 'BackupRole', {
    roleName: names(client).backupRole,
    assumedBy: new iam.ServicePrincipal('backup.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': stack.account } }),
    managedPolicies: [
      'service-role/AWSBackupServiceRolePolicyForS3Backup',
      'service-role/AWSBackupServiceRolePolicyForS3Restore',
      'service-role/AWSBackupServiceRolePolicyForBackup',
      'service-role/AWSBackupServiceRolePolicyForRestores',
    ].map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
  });
  const vault = backupVault(stack, 'BackupVault', client);
  const copyVault = backup.BackupVault.fromBackupVaultArn(stack, 'CopyVault', names(client).backupVaultArn(client.regions.replica));
  const tiers = tiersOf(client);
  for (const tier of tiers) {
    const policy = tierOf(client, tier);
    const plan = new backup.BackupPlan(stack, `BackupPlan-${tier}`, {
      backupPlanName: names(client).backupPlan(tier),
      backupVault: vault,
      backupPlanRules: tierRules(policy).map((rule) => {
        const cold = rule.moveToColdStorageAfterDays === undefined ? undefined : Duration.days(rule.moveToColdStorageAfterDays);
        return new backup.BackupPlanRule({
          ruleName: rule.name,
          scheduleExpression: events.Schedule.expression(rule.schedule),
          startWindow: Duration.hours(policy.startWindowHours),
          completionWindow: Duration.hours(policy.completionWindowHours),
          deleteAfter: Duration.days(rule.retentionDays),
          moveToColdStorageAfter: cold,
          enableContinuousBackup: rule.continuous,
          recoveryPointTags: { 'client-id': client.id, tier },
          copyActions: [
            { destinationBackupVault: copyVault, deleteAfter: Duration.days(rule.retentionDays), moveToColdStorageAfter: cold },
          ],
        });
      }),
    });
    new backup.CfnBackupSelection(stack, `BackupSelection-${tier}`, {
      backupPlanId: plan.backupPlanId,
      backupSelection: {
        selectionName: `${tier}-datasets`,
        iamRoleArn: role.roleArn,
        resources: ['arn:aws:s3:::*'],
        conditions: {
          StringEquals: [
            { ConditionKey: 'aws:ResourceTag/client-id', ConditionValue: client.id },
            { ConditionKey: 'aws:ResourceTag/tier', ConditionValue: tier },
          ],
        },
      },
    });
  }
  const planName = names(client).restoreTestingPlan;
  const restorePlan = new backup.CfnRestoreTestingPlan(stack, 'RestoreTestingPlan', {
    restoreTestingPlanName: planName,
    scheduleExpression: 'cron(0 5 1 */3 ? *)',
    scheduleExpressionTimezone: 'Etc/UTC',
    startWindowHours: 24,
    recoveryPointSelection: {
      algorithm: 'LATEST_WITHIN_WINDOW',
      includeVaults: [vault.backupVaultArn],
      recoveryPointTypes: ['SNAPSHOT'],
      selectionWindowDays: 30,
    },
  });
  for (const tier of tiers) {
    new backup.CfnRestoreTestingSelection(stack, `RestoreTestingSelection-${tier}`, {
      restoreTestingPlanName: planName,
      restoreTestingSelectionName: tier.replace(/-/g, '_'),
      protectedResourceType: 'S3',
      protectedResourceArns: ['*'],
      protectedResourceConditions: {
        stringEquals: [
          { key: 'aws:ResourceTag/client-id', value: client.id },
          { key: 'aws:ResourceTag/tier', value: tier },
        ],
      },
      iamRoleArn: role.roleArn,
      validationWindowHours: Math.min(tierOf(client, tier).rtoHours, 168),
    }).addResourceDependency(restorePlan);
  }
  new events.Rule(stack, 'BackupJobFailures', {
    eventPattern: {
      source: ['aws.backup'],
      detailType: ['Backup Job State Change', 'Copy Job State Change'],
      detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
    },
    targets: [new targets.SnsTopic(topic)],
  });
  new events.Rule(stack, 'RestoreFailures', {
    eventPattern: { source: ['aws.backup'], detailType: ['Restore Job State Change'], detail: { status: ['FAILED', 'ABORTED'] } },
    targets: [new targets.SnsTopic(topic)],
  });
  const rpo = Math.min(...tiers.map((t) => tierOf(client, t).rpoHours));
  if (rpo <= 168) {
    const periods = rpo / 24;
    new cloudwatch.Alarm(stack, 'NoBackupWithinRpo', {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Backup',
        metricName: 'NumberOfBackupJobsCompleted',
        dimensionsMap: { BackupVaultName: names(client).backupVault },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.days(1),
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    }).addAlarmAction(new cwActions.SnsAction(topic));
  }
}

/** Duty roles of one client: a boundary, and a role with its own managed policy per duty that has principals. */
function dutyRoles(stack: Stack, client: Client): void {
  const bucketArns = client.datasets.map((d) => names(client).datasetBucketArn(d.name, client.regions.primary));
  const boundary = new iam.ManagedPolicy(stack, 'AccessBoundary', {
    managedPolicyName: names(client).boundary,
    statements: [
      new iam.PolicyStatement({ actions: S3_DATA, resources: [...bucketArns, ...bucketArns.map((a) => `${a}/*`)] }),
      new iam.PolicyStatement({
        actions: KMS_USE,
        resources: [`arn:aws:kms:*:${names(client).account}:key/*`],
        conditions: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': names(client).keyAlias } },
      }),
    ],
  });
  const duties: Record<string, { principals: string[]; actions: string[] }> = {
    operator: { principals: client.access?.operators ?? [], actions: S3_DATA },
    reader: { principals: client.access?.readers ?? [], actions: S3_DATA.filter((a) => a.startsWith('s3:Get') || a.startsWith('s3:List')) },
    auditor: {
      principals: client.access?.auditors ?? [],
      actions: ['s3:GetBucketPolicy', 's3:GetBucketTagging', 's3:GetEncryptionConfiguration'],
    },
  };
  for (const [duty, { principals, actions }] of Object.entries(duties)) {
    if (principals.length === 0) continue;
    const policy = new iam.ManagedPolicy(stack, `Duty-${duty}-Policy`, {
      managedPolicyName: names(client).dutyPolicy(duty),
      statements: [
        new iam.PolicyStatement({ actions, resources: [...bucketArns, ...bucketArns.map((a) => `${a}/*`)] }),
        new iam.PolicyStatement({
          actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey*'],
          resources: [`${names(client).kmsKeyArnPrefix(client.regions.primary)}*`],
          conditions: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': names(client).keyAlias } },
        }),
      ],
    });
    const role = new iam.Role(stack, `Duty-${duty}-Role`, {
      roleName: names(client).dutyRole(duty),
      assumedBy: new iam.CompositePrincipal(...principals.map((arn) => new iam.ArnPrincipal(arn))).withConditions({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      }),
      maxSessionDuration: Duration.hours(1),
      permissionsBoundary: boundary,
      managedPolicies: [policy],
    });
    Tags.of(role).add('client-id', client.id);
    Tags.of(role).add('duty', duty);
  }
}

/** One client's stack in one region: alerts, key, access logs, a bucket per dataset, replication or copy vault, backups, duty roles. */
/** GuardDuty Malware Protection for S3 of a stack's dataset buckets: a role, its policy and a plan per bucket, one rule for the threats. */
function malwareScanning(
  stack: Stack,
  topic: sns.Topic,
  key: kms.Key,
  buckets: readonly s3.Bucket[],
  bucketNames: readonly string[],
): void {
  buckets.forEach((bucket, i) => {
    const id = `MalwareScanning-${i}`;
    const role = new iam.Role(stack, `${id}-Role`, { assumedBy: new iam.ServicePrincipal(MALWARE_PROTECTION_PRINCIPAL) });
    const policy = new iam.ManagedPolicy(stack, `${id}-Permissions`, {
      statements: [
        new iam.PolicyStatement({ actions: [...MALWARE_SCAN_ACTIONS.bucket], resources: [bucket.bucketArn] }),
        new iam.PolicyStatement({
          actions: [...MALWARE_SCAN_ACTIONS.objects, ...MALWARE_SCAN_ACTIONS.validationObject],
          resources: [bucket.arnForObjects('*')],
        }),
        new iam.PolicyStatement({ actions: [...MALWARE_SCAN_ACTIONS.key], resources: [key.keyArn] }),
        new iam.PolicyStatement({
          actions: [...MALWARE_SCAN_ACTIONS.managedRule, ...MALWARE_SCAN_ACTIONS.monitorRule],
          resources: [`arn:aws:events:${stack.region}:${stack.account}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*`],
        }),
      ],
    });
    role.addManagedPolicy(policy);
    new guardduty.CfnMalwareProtectionPlan(stack, `${id}-Plan`, {
      role: role.roleArn,
      protectedResource: { s3Bucket: { bucketName: bucket.bucketName } },
      actions: { tagging: { status: 'ENABLED' } },
    }).node.addDependency(policy);
  });
  if (buckets.length > 0) {
    const route = malwareScanRoute(bucketNames);
    new events.Rule(stack, 'MalwareScanThreats', {
      eventPattern: route.pattern as unknown as events.EventPattern,
      targets: [new targets.SnsTopic(topic)],
    });
  }
}

/** One account and region with client data: detector, recorder and delivery, hub and the four standards, analyzer, Macie, finding rules. */
function detectionStack(app: App, config: Config, env: DetectionEnvironment): void {
  const provider = config.provider as unknown as ProviderConfig;
  const stack = new Stack(app, `detection-${env.account}-${env.region}`, {
    env: { account: env.account, region: env.region },
    stackName: detectionStackName(provider, env.account, env.region),
  });
  const topic = alertTopic(stack, config.provider.alerts.emails);
  new guardduty.CfnDetector(stack, 'Detector', {
    enable: true,
    features: [{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }],
    findingPublishingFrequency: 'FIFTEEN_MINUTES',
  });
  const slr = env.recordsGlobalTypes
    ? new iam.CfnServiceLinkedRole(stack, 'ConfigRole', { awsServiceName: 'config.amazonaws.com' })
    : undefined;
  const recorder = new awsconfig.CfnConfigurationRecorder(stack, 'Recorder', {
    name: configRecorderName(provider),
    roleArn: configServiceLinkedRoleArn('aws', env.account),
    recordingGroup: { allSupported: true, includeGlobalResourceTypes: env.recordsGlobalTypes },
  });
  if (slr) recorder.node.addDependency(slr);
  new awsconfig.CfnDeliveryChannel(stack, 'Delivery', {
    name: configDeliveryChannelName(provider),
    s3BucketName: configHistoryBucketName(provider),
    s3KeyPrefix: DETECTION_DEFAULTS.configKeyPrefix,
  }).node.addDependency(recorder);
  const hub = new securityhub.CfnHub(stack, 'Hub', { enableDefaultStandards: false });
  for (const standard of SECURITY_HUB_STANDARDS) {
    new securityhub.CfnStandard(stack, `Standard-${standard.path}`, {
      standardsArn: standardArn(standard, 'aws', env.region),
    }).node.addDependency(hub);
  }
  new accessanalyzer.CfnAnalyzer(stack, 'Analyzer', { type: 'ACCOUNT', analyzerName: accessAnalyzerName(provider) });
  const macieHere = offeredIn('sensitiveDataDiscovery', env.region);
  if (macieHere) new macie.CfnSession(stack, 'Macie', { status: 'ENABLED', findingPublishingFrequency: 'FIFTEEN_MINUTES' });
  for (const route of FINDING_ROUTES) {
    if (route.feature === 'sensitiveDataDiscovery' && !macieHere) continue;
    new events.Rule(stack, route.id, {
      eventPattern: route.pattern as unknown as events.EventPattern,
      targets: [new targets.SnsTopic(topic)],
    });
  }
}

function clientStack(app: App, config: Config, client: Client, kind: 'data' | 'replica'): Stack {
  const account = names(client).account;
  const region = kind === 'data' ? client.regions.primary : client.regions.replica;
  const stack = new Stack(app, `${client.id}-${kind}`, {
    env: { account, region },
    stackName: kind === 'data' ? names(client).dataStack : names(client).replicaStack,
    terminationProtection: true,
    tags: { 'client-id': client.id, 'managed-by': 'client-data-baseline' },
  });
  Tags.of(stack).add('client-id', client.id);
  Tags.of(stack).add('managed-by', 'client-data-baseline');
  const topic = alertTopic(stack, config.provider.alerts.emails);
  const key = clientKey(stack, kind === 'data' ? 'DataKey' : 'ReplicaKey', client, names(client).keyAlias, [
    names(client).replicationRoleArn,
    names(client).backupRoleArn,
  ]);
  const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
    bucketName: names(client).accessLogBucket(region),
    encryption: s3.BucketEncryption.S3_MANAGED,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(400) }],
  });
  if (kind === 'replica') {
    const replicas = client.datasets.map((dataset) =>
      dataBucket(stack, `Replica-${dataset.name}`, client, dataset, names(client).datasetBucket(dataset.name, region), key, accessLogs),
    );
    malwareScanning(
      stack,
      topic,
      key,
      replicas,
      client.datasets.map((d) => names(client).datasetBucket(d.name, region)),
    );
    backupVault(stack, 'BackupCopyVault', client);
    return stack;
  }
  // Cross-region replication: the replica key's id is read at deploy time, the rest derives from names.
  const replicaRegion = client.regions.replica;
  const keyArnPrefix = names(client).kmsKeyArnPrefix(replicaRegion);
  const describeKey: cr.AwsSdkCall = {
    service: 'KMS',
    action: 'DescribeKey',
    parameters: { KeyId: names(client).keyAlias },
    region: replicaRegion,
    physicalResourceId: cr.PhysicalResourceId.fromResponse('KeyMetadata.KeyId'),
    outputPaths: ['KeyMetadata.KeyId'],
  };
  const lookup = new cr.AwsCustomResource(stack, 'ReplicaKeyArn', {
    onCreate: describeKey,
    onUpdate: describeKey,
    installLatestAwsSdk: false,
    policy: cr.AwsCustomResourcePolicy.fromStatements([
      new iam.PolicyStatement({
        actions: ['kms:DescribeKey'],
        resources: [`${keyArnPrefix}*`],
        conditions: { StringEquals: { 'kms:RequestAlias': names(client).keyAlias } },
      }),
    ]),
  });
  const replicaKeyArn = Fn.join('', [keyArnPrefix, lookup.getResponseField('KeyMetadata.KeyId')]);
  const sources = client.datasets.map((d) => names(client).datasetBucketArn(d.name, region));
  const destinations = client.datasets.map((d) => names(client).datasetBucketArn(d.name, replicaRegion));
  const replicationPolicy = new iam.ManagedPolicy(stack, 'ReplicationPermissions', {
    statements: [
      new iam.PolicyStatement({ actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'], resources: sources }),
      new iam.PolicyStatement({
        actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
        resources: sources.map((a) => `${a}/*`),
      }),
      new iam.PolicyStatement({
        actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        resources: destinations.map((a) => `${a}/*`),
      }),
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': sources } },
      }),
      new iam.PolicyStatement({
        actions: ['kms:Encrypt'],
        resources: [replicaKeyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': `s3.${replicaRegion}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': destinations },
        },
      }),
    ],
  });
  const replicationRole = new iam.Role(stack, 'ReplicationRole', {
    roleName: names(client).replicationRole,
    assumedBy: new iam.ServicePrincipal('s3.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': account } } }),
    managedPolicies: [replicationPolicy],
  });
  const replicaKey = kms.Key.fromKeyArn(stack, 'ReplicaKeyRef', replicaKeyArn);
  const primaries: s3.Bucket[] = [];
  for (const dataset of client.datasets) {
    const name = names(client).datasetBucket(dataset.name, region);
    const destinationName = names(client).datasetBucket(dataset.name, replicaRegion);
    const destination = s3.Bucket.fromBucketAttributes(stack, `ReplicaRef-${dataset.name}`, {
      bucketName: destinationName,
      region: replicaRegion,
      account,
    });
    const bucket = dataBucket(stack, `Dataset-${dataset.name}`, client, dataset, name, key, accessLogs, {
      destination,
      key: replicaKey,
      role: replicationRole,
    });
    primaries.push(bucket);
    bucket.node.addDependency(replicationPolicy);
    const alarm = new cloudwatch.Alarm(stack, `ReplicationFailed-${dataset.name}`, {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/S3',
        metricName: 'OperationsFailedReplication',
        dimensionsMap: { SourceBucket: name, DestinationBucket: destinationName, RuleId: dataset.name },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new cwActions.SnsAction(topic));
    alarm.addOkAction(new cwActions.SnsAction(topic));
  }
  malwareScanning(
    stack,
    topic,
    key,
    primaries,
    client.datasets.map((d) => names(client).datasetBucket(d.name, region)),
  );
  backups(stack, client, topic);
  dutyRoles(stack, client);
  return stack;
}

const SECURITY_EVENTS: Record<string, string> = {
  RootAccountUse: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  UnauthorizedApiCalls: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  ConsoleSignInWithoutMfa: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  IamPolicyChanges: '{ ($.eventSource = "iam.amazonaws.com") && ($.eventName = "*Policy*") }',
  CloudTrailChanges:
    '{ ($.eventName = "CreateTrail") || ($.eventName = "UpdateTrail") || ($.eventName = "DeleteTrail") || ($.eventName = "StopLogging") }',
  KmsKeyDisabledOrScheduledForDeletion:
    '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "DisableKey") || ($.eventName = "ScheduleKeyDeletion")) }',
  S3BucketPolicyChanges:
    '{ ($.eventSource = "s3.amazonaws.com") && (($.eventName = "PutBucketPolicy") || ($.eventName = "DeleteBucketPolicy")) }',
  BackupVaultOrPlanChanges: '{ ($.eventSource = "backup.amazonaws.com") && (($.eventName = "Delete*") || ($.eventName = "Update*")) }',
};

/** The audit stack (home region): trail, audit key, locked log archive with its access logs, log group, security alarms. */
function auditStack(app: App, config: Config): void {
  const { provider } = config;
  const stack = new Stack(app, 'audit', {
    env: { account: provider.account, region: provider.homeRegion },
    stackName: auditStackName(PROVIDER_CONFIG),
    terminationProtection: true,
  });
  Tags.of(stack).add('managed-by', 'client-data-baseline');
  const trailName = auditTrailName(PROVIDER_CONFIG);
  const trailArn = auditTrailArn(PROVIDER_CONFIG);
  const key = new kms.Key(stack, 'AuditKey', {
    alias: auditKeyAlias(PROVIDER_CONFIG),
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${provider.homeRegion}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
    }),
  );
  const archiveLogs = new s3.Bucket(stack, 'ArchiveAccessLogs', {
    bucketName: logArchiveAccessLogBucketName(PROVIDER_CONFIG),
    encryption: s3.BucketEncryption.S3_MANAGED,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // What the archive and the configuration history share: private, TLS only, logged, retained.
  const archived = {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    serverAccessLogsBucket: archiveLogs,
    removalPolicy: RemovalPolicy.RETAIN,
  };
  const archive = new s3.Bucket(stack, 'LogArchive', {
    bucketName: logArchiveBucketName(PROVIDER_CONFIG),
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    versioned: true,
    objectLockEnabled: true,
    objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(365)),
    ...archived,
    lifecycleRules: [{ expiration: Duration.days(2555) }],
  });
  // AWS Config's configuration history (DP-POSTURE), delivered from every detection stack.
  new s3.Bucket(stack, 'ConfigHistory', {
    bucketName: configHistoryBucketName(PROVIDER_CONFIG),
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    versioned: true,
    ...archived,
  }).addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('config.amazonaws.com')],
      actions: ['s3:GetBucketAcl', 's3:ListBucket', 's3:PutObject'],
      resources: [`arn:aws:s3:::${configHistoryBucketName(PROVIDER_CONFIG)}`, `arn:aws:s3:::${configHistoryBucketName(PROVIDER_CONFIG)}/*`],
    }),
  );
  archive.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['s3:GetBucketAcl'],
      resources: [archive.bucketArn],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }),
  );
  archive.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [archive.arnForObjects(`AWSLogs/${provider.account}/*`)],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }),
  );
  const accounts = [...new Set(config.clients.map((client) => names(client).account))];
  archive.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('reports.backup.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: accounts.map((a) => archive.arnForObjects(`backup-reports/${a}/*`)),
      conditions: { StringEquals: { 'aws:SourceAccount': accounts } },
    }),
  );
  const logGroup = new logs.LogGroup(stack, 'AuditTrailLogGroup', {
    logGroupName: auditLogGroupName(PROVIDER_CONFIG),
    retention: logs.RetentionDays.ONE_YEAR,
    encryptionKey: key,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const logsPolicy = new iam.ManagedPolicy(stack, 'AuditTrailLogsPolicy', {
    statements: [
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup.logGroupArn}`] }),
    ],
  });
  const logsRole = new iam.Role(stack, 'AuditTrailLogsRole', {
    assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
    managedPolicies: [logsPolicy],
  });
  const trail = new cloudtrail.CfnTrail(stack, 'AuditTrail', {
    trailName,
    isLogging: true,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    s3BucketName: archive.bucketName,
    kmsKeyId: key.keyArn,
    cloudWatchLogsLogGroupArn: logGroup.logGroupArn,
    cloudWatchLogsRoleArn: logsRole.roleArn,
    advancedEventSelectors: [
      { name: 'Management events', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] },
      {
        name: 'Client data events',
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
          { field: 'resources.ARN', startsWith: [clientBucketArnPrefix(PROVIDER_CONFIG)] },
        ],
      },
    ],
  });
  trail.node.addDependency(archive, logsPolicy);
  const topic = alertTopic(stack, provider.alerts.emails, `${provider.name} security alerts`);
  const action = new cwActions.SnsAction(topic);
  for (const [id, pattern] of Object.entries(SECURITY_EVENTS)) {
    const filter = new logs.MetricFilter(stack, `${id}Filter`, {
      logGroup,
      filterName: id,
      filterPattern: logs.FilterPattern.literal(pattern),
      metricNamespace: SECURITY_METRIC_NAMESPACE,
      metricName: id,
      metricValue: '1',
    });
    new cloudwatch.Alarm(stack, `${id}Alarm`, {
      alarmName: `${auditStackName(PROVIDER_CONFIG)}-${id}`,
      metric: filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(action);
  }
  new cloudwatch.Alarm(stack, 'TrailDeliveryStoppedAlarm', {
    alarmName: `${auditStackName(PROVIDER_CONFIG)}-TrailDeliveryStopped`,
    metric: new cloudwatch.Metric({
      namespace: 'AWS/Logs',
      metricName: 'IncomingLogEvents',
      dimensionsMap: { LogGroupName: logGroup.logGroupName },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.hours(1),
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
  }).addAlarmAction(action);
  new events.Rule(stack, 'TrailTamperingRule', {
    eventPattern: {
      source: ['aws.cloudtrail'],
      detail: { eventName: ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors'] },
    },
    targets: [new targets.SnsTopic(topic)],
  });
  new events.Rule(stack, 'LogGroupTamperingRule', {
    eventPattern: {
      source: ['aws.logs'],
      detail: { eventName: ['DeleteLogGroup', 'DeleteMetricFilter', 'PutMetricFilter', 'DeleteRetentionPolicy', 'PutRetentionPolicy'] },
    },
    targets: [new targets.SnsTopic(topic)],
  });
}

/** One backup audit stack per account and primary region: an Audit Manager framework and two report plans. */
function backupAuditStack(app: App, account: string, region: string): void {
  const stack = new Stack(app, `backup-audit-${account}-${region}`, {
    env: { account, region },
    stackName: backupAuditStackName(PROVIDER_CONFIG, account, region),
    terminationProtection: true,
    tags: { 'managed-by': 'client-data-baseline' },
  });
  // Control scopes are raw JSON to CloudFormation: PascalCase keys, tags as a list.
  const scope = { Tags: [{ Key: 'managed-by', Value: 'client-data-baseline' }] };
  const tierScope = (tier: string) => ({ Tags: [{ Key: 'tier', Value: tier }], ComplianceResourceTypes: ['S3'] });
  const param = (parameterName: string, parameterValue: string | number) => ({ parameterName, parameterValue: String(parameterValue) });
  new backup.CfnFramework(stack, 'BackupAuditFramework', {
    frameworkName: backupFrameworkName(PROVIDER_CONFIG, region),
    frameworkControls: [
      { controlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED', controlScope: scope },
      { controlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED', controlScope: scope },
      {
        controlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
        controlInputParameters: [param('minRetentionDays', 30)],
        controlScope: scope,
      },
      ...TIERS.flatMap((tier) => [
        {
          controlName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
          controlInputParameters: [
            param('requiredFrequencyUnit', 'days'),
            param('requiredRetentionDays', TIER_POLICIES[tier].retentionDays),
          ],
          controlScope: tierScope(tier),
        },
        { controlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN', controlScope: tierScope(tier) },
        { controlName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION', controlScope: tierScope(tier) },
        {
          controlName: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
          controlInputParameters: [
            param('recoveryPointAgeUnit', 'days'),
            param('recoveryPointAgeValue', Math.ceil(TIER_POLICIES[tier].rpoHours / 24)),
          ],
          controlScope: tierScope(tier),
        },
      ]),
    ],
  });
  // Raw JSON to CloudFormation as well: PascalCase keys.
  const delivery = {
    S3BucketName: logArchiveBucketName(PROVIDER_CONFIG),
    S3KeyPrefix: `${BACKUP_REPORTS_PREFIX}${account}/${region}`,
    Formats: ['CSV', 'JSON'],
  };
  new backup.CfnReportPlan(stack, 'ComplianceReport', {
    reportPlanName: backupReportPlanName(PROVIDER_CONFIG, 'backup_compliance', region),
    reportDeliveryChannel: delivery,
    reportSetting: { ReportTemplate: 'RESOURCE_COMPLIANCE_REPORT' },
  });
  new backup.CfnReportPlan(stack, 'RestoreJobReport', {
    reportPlanName: backupReportPlanName(PROVIDER_CONFIG, 'restore_jobs', region),
    reportDeliveryChannel: delivery,
    reportSetting: { ReportTemplate: 'RESTORE_JOB_REPORT' },
  });
}

function main(): void {
  const app = new App({ context: cdkJsonContext(), autoSynth: false });
  const config = parse(readFileSync(String(app.node.tryGetContext('config')), 'utf8')) as Config;
  PROVIDER_CONFIG = config.provider as unknown as ProviderConfig;
  const only = app.node.tryGetContext('clients') as string | undefined;
  const selected = only === undefined ? undefined : new Set(only.split(','));
  const built = config.clients.filter((client) => selected === undefined || selected.has(client.id));
  for (const client of built) {
    const replica = clientStack(app, config, client, 'replica');
    clientStack(app, config, client, 'data').addStackDependency(replica);
  }
  auditStack(app, config);
  const auditRegions = new Set<string>();
  for (const client of built) {
    const key = `${names(client).account}/${client.regions.primary}`;
    if (auditRegions.has(key)) continue;
    auditRegions.add(key);
    backupAuditStack(app, names(client).account, client.regions.primary);
  }
  for (const env of detectionEnvironments(config as unknown as BaselineConfig, built as unknown as ClientConfig[]))
    detectionStack(app, config, env);
  app.synth();
}

main();
