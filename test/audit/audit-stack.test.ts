import { Match, Template } from 'aws-cdk-lib/assertions';
import { AuditStack, parseConfig, SECURITY_METRIC_NAMESPACE } from '../../lib/internal';
import { SECURITY_EVENTS } from '../../lib/constructs/audit';
import { BACKUP_REPORTS_ROLE_PATTERN } from '../../lib/constructs/backup';
import { auditStackName } from '../../lib/model';
import { exampleConfig, exampleRaw, plainApp, synthBaseline } from '../util';

const TRAIL_ARN = 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/precision-audit';
const TRAIL_CONTEXT = 'arn:aws:cloudtrail:*:111111111111:trail/*';
const LOG_GROUP = '/precision/audit/cloudtrail';

/** The logical id of the only resource of a type whose id starts with a prefix. */
function idOf(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('audit stack of the example', () => {
  let template: Template;
  let stack: AuditStack;
  let keyId: string;
  let archiveId: string;
  let topicId: string;
  let logGroupId: string;

  beforeAll(() => {
    const built = synthBaseline();
    stack = built.stacks.audit!;
    template = built.template(stack);
    keyId = idOf(template, 'AWS::KMS::Key', 'AuditKey');
    archiveId = idOf(template, 'AWS::S3::Bucket', 'LogArchive');
    topicId = idOf(template, 'AWS::SNS::Topic', 'AlertsTopic');
    logGroupId = idOf(template, 'AWS::Logs::LogGroup', 'AuditTrailLogGroup');
  });

  test('lives in the provider account and home region, shared: managed-by tag, no client id', () => {
    expect(stack.stackName).toBe('precision-audit');
    expect(auditStackName(exampleConfig().provider)).toBe('precision-audit');
    expect(stack.account).toBe('111111111111');
    expect(stack.region).toBe('eu-west-1');
    expect(stack.terminationProtection).toBe(true);
    const tagged = Object.entries(template.toJSON().Resources as Record<string, any>).filter(([, r]) => r.Properties?.Tags !== undefined);
    expect(tagged.length).toBeGreaterThan(5);
    for (const [, resource] of tagged) {
      expect(resource.Properties.Tags).toContainEqual({ Key: 'managed-by', Value: 'client-data-baseline' });
      expect(resource.Properties.Tags).not.toContainEqual(expect.objectContaining({ Key: 'client-id' }));
    }
  });

  test('one trail: multi-region, global events, validated, encrypted, to the archive and the log group', () => {
    template.resourceCountIs('AWS::CloudTrail::Trail', 1);
    template.hasResource('AWS::CloudTrail::Trail', {
      Properties: {
        TrailName: 'precision-audit',
        IsLogging: true,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
        KMSKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
        S3BucketName: { Ref: archiveId },
        CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
        CloudWatchLogsRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditTrailLogsRole'), 'Arn'] },
        EventSelectors: Match.absent(),
      },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^LogArchivePolicy')]),
    });
  });

  test('advanced selectors: every management event, and object reads and writes on every client bucket', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: [
        { Name: 'Management events, read and write', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        {
          Name: 'Client bucket object events, read and write',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::precision-'] },
          ],
        },
      ],
    });
  });

  test('the audit key follows AWS’s documented CloudTrail and CloudWatch Logs statements', () => {
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: [
            Match.objectLike({ Sid: 'KeyAdministrationNotUse', Principal: { AWS: Match.anyValue() } }),
            Match.objectLike({ Sid: 'GrantsForAwsServicesOnly', Effect: 'Deny', Action: 'kms:CreateGrant' }),
            {
              Sid: 'CloudTrailEncryptLogs',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 'kms:GenerateDataKey*',
              Resource: '*',
              Condition: {
                StringEquals: { 'aws:SourceArn': TRAIL_ARN },
                StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_CONTEXT },
              },
            },
            {
              Sid: 'CloudTrailDescribeKey',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 'kms:DescribeKey',
              Resource: '*',
              Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
            },
            {
              Sid: 'AccountDecryptsLogFiles',
              Effect: 'Allow',
              Principal: { AWS: Match.anyValue() },
              Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
              Resource: '*',
              Condition: {
                StringEquals: { 'kms:CallerAccount': '111111111111' },
                StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_CONTEXT },
              },
            },
            {
              Sid: 'CloudWatchLogsUseKeyForTrailLogGroup',
              Effect: 'Allow',
              Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
              Action: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
              Resource: '*',
              Condition: {
                ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:111111111111:log-group:${LOG_GROUP}` },
              },
            },
            {
              Sid: 'BackupAuditManagerReportsEncrypt',
              Effect: 'Allow',
              Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root'] },
              Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
              Resource: '*',
              Condition: {
                ArnLike: { 'aws:PrincipalArn': BACKUP_REPORTS_ROLE_PATTERN },
                StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
              },
            },
            // AWS Config of every account with client data encrypts its deliveries to the configuration history bucket (DP-POSTURE).
            {
              Sid: 'ConfigDeliveryEncrypt',
              Effect: 'Allow',
              Principal: { Service: 'config.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
              Resource: '*',
              Condition: {
                StringEquals: { 'aws:SourceAccount': ['111111111111', '222222222222'], 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
              },
            },
          ],
        },
      },
    });
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/precision/audit',
      TargetKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
  });

  test('the log archive: SSE-KMS without Bucket Key, versioned, locked, lifecycle, access logged, retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BucketName: '111111111111-precision-audit-eu-west-1',
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: false,
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } },
            },
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        ObjectLockEnabled: true,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } },
        LifecycleConfiguration: {
          Rules: [
            {
              Id: 'audit-log-retention',
              Status: 'Enabled',
              ExpirationInDays: 2557,
              NoncurrentVersionExpiration: { NoncurrentDays: 30 },
              Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
            },
          ],
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^ArchiveAccessLogs') }, LogFilePrefix: 'archive/' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      },
    });
  });

  test('the access log target of the archive has no Object Lock (S3 refuses locked log targets)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: '111111111111-precision-audit-eu-west-1-s3logs',
      ObjectLockEnabled: Match.absent(),
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
  });

  test('the archive policy admits CloudTrail only with the documented conditions and denies deleting logs', () => {
    const archiveArn = { 'Fn::GetAtt': [archiveId, 'Arn'] };
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: archiveId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'CloudTrailAclCheck',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:GetBucketAcl',
            Resource: archiveArn,
            Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
          },
          {
            Sid: 'CloudTrailWrite',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [archiveArn, '/AWSLogs/111111111111/*']] },
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN } },
          },
          {
            Sid: 'DenyLogDeletion',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: ['s3:BypassGovernanceRetention', 's3:DeleteObject', 's3:DeleteObjectVersion'],
            Resource: { 'Fn::Join': ['', [archiveArn, '/*']] },
          },
        ]),
      },
    });
    // No statement admits CloudTrail without aws:SourceArn (aws-cdk #15515).
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: archiveId } } }))[0];
    const cloudtrailStatements = (policy.Properties.PolicyDocument.Statement as any[]).filter(
      (s) => s.Principal?.Service === 'cloudtrail.amazonaws.com',
    );
    expect(cloudtrailStatements).toHaveLength(2);
    expect(cloudtrailStatements.every((s) => s.Condition.StringEquals['aws:SourceArn'] === TRAIL_ARN)).toBe(true);
  });

  test('the log group: fixed name, the audit key, retention from config, retained', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { LogGroupName: LOG_GROUP, KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] }, RetentionInDays: 365 },
    });
  });

  test('CloudTrail writes to the log group through a role with a managed policy scoped to it', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' } }],
      },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } },
        ],
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^AuditTrailLogsRole') }],
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('the alert topic is encrypted with its own key and subscribed by provider.alerts.emails', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlertsKey'), 'Arn'] },
      DisplayName: 'precision security alerts',
    });
    template.resourceCountIs('AWS::SNS::Subscription', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'secops@example.com',
      TopicArn: { Ref: topicId },
    });
  });

  test('eight security events, each a metric filter on the trail’s log group', () => {
    expect(SECURITY_EVENTS.map((e) => e.id)).toEqual([
      'RootAccountUse',
      'UnauthorizedApiCalls',
      'ConsoleSignInWithoutMfa',
      'IamPolicyChanges',
      'CloudTrailChanges',
      'KmsKeyDisabledOrScheduledForDeletion',
      'S3BucketPolicyChanges',
      'BackupVaultOrPlanChanges',
    ]);
    template.resourceCountIs('AWS::Logs::MetricFilter', SECURITY_EVENTS.length);
    for (const event of SECURITY_EVENTS) {
      expect(event.pattern.length).toBeLessThanOrEqual(1024);
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { Ref: logGroupId },
        FilterName: event.id,
        FilterPattern: event.pattern,
        MetricTransformations: [{ MetricNamespace: SECURITY_METRIC_NAMESPACE, MetricName: event.id, MetricValue: '1' }],
      });
    }
  });

  test.each([
    ['RootAccountUse', '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'],
    [
      'ConsoleSignInWithoutMfa',
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    ],
    [
      'KmsKeyDisabledOrScheduledForDeletion',
      '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
    ],
  ])('the %s pattern is the CIS one', (id, pattern) => {
    expect(SECURITY_EVENTS.find((e) => e.id === id)?.pattern).toBe(pattern);
  });

  test.each([
    ['IamPolicyChanges', ['PutRolePolicy', 'AttachRolePolicy', 'CreatePolicyVersion', 'DetachGroupPolicy']],
    ['CloudTrailChanges', ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors']],
    ['S3BucketPolicyChanges', ['PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAcl', 'PutBucketReplication']],
    ['BackupVaultOrPlanChanges', ['DeleteBackupVault', 'DeleteBackupVaultLockConfiguration', 'UpdateBackupPlan', 'DeleteRecoveryPoint']],
  ])('the %s pattern names the calls that matter', (id, calls) => {
    const pattern = SECURITY_EVENTS.find((e) => e.id === id)?.pattern ?? '';
    for (const call of calls) expect(pattern).toContain(`($.eventName = ${call})`);
  });

  test('each filter has an alarm that pages the topic at the first event in five minutes', () => {
    for (const event of SECURITY_EVENTS) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `precision-audit-${event.id}`,
        AlarmDescription: Match.stringLikeRegexp('^\\[DP-MONITOR\\]'),
        Namespace: SECURITY_METRIC_NAMESPACE,
        MetricName: event.id,
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: topicId }],
      });
    }
    template.resourceCountIs('AWS::CloudWatch::Alarm', SECURITY_EVENTS.length + 1);
  });

  test('a heartbeat alarm pages when the trail stops delivering to its log group', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'precision-audit-TrailDeliveryStopped',
      Namespace: 'AWS/Logs',
      MetricName: 'IncomingLogEvents',
      Dimensions: [{ Name: 'LogGroupName', Value: { Ref: logGroupId } }],
      Statistic: 'Sum',
      Period: 3600,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      AlarmActions: [{ Ref: topicId }],
    });
  });

  test('real-time rules for changes to the trail and to its log group, to the topic', () => {
    template.resourceCountIs('AWS::Events::Rule', 2);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.cloudtrail'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['cloudtrail.amazonaws.com'],
          eventName: ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors'],
        },
      },
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { Ref: topicId } })],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.logs'],
        detail: {
          eventSource: ['logs.amazonaws.com'],
          eventName: Match.arrayWith(['DeleteLogGroup', 'DeleteMetricFilter', 'DisassociateKmsKey']),
          requestParameters: { logGroupName: [{ Ref: logGroupId }] },
        },
      },
      Targets: [Match.objectLike({ Arn: { Ref: topicId } })],
    });
  });

  test('the topic admits each rule by its ARN and the audit alarms by name, nothing broader', () => {
    const rules = Object.keys(template.findResources('AWS::Events::Rule'));
    const policy = Object.values(template.findResources('AWS::SNS::TopicPolicy'))[0];
    const publishers = (policy.Properties.PolicyDocument.Statement as any[]).filter((s) => s.Effect === 'Allow');
    expect(publishers).toEqual(
      expect.arrayContaining([
        {
          Sid: 'CloudWatchAlarmsPublish',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: { Ref: topicId },
          Condition: {
            ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:precision-audit-*' },
            StringEquals: { 'aws:SourceAccount': '111111111111' },
          },
        },
        ...rules.map((rule) => ({
          Sid: expect.stringMatching(/^EventRule\w+Publishes$/),
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: { Ref: topicId },
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } },
        })),
      ]),
    );
    expect(publishers).toHaveLength(rules.length + 1);
  });

  test('the alert key admits its publishers for this account only (no unconditioned grant from an event target)', () => {
    const key = Object.values(
      template.findResources('AWS::KMS::Key', { Properties: { Description: 'Encrypts the client-data-baseline alert topic' } }),
    )[0];
    const uses = (key.Properties.KeyPolicy.Statement as any[]).filter(
      (s) => s.Sid !== 'KeyAdministrationNotUse' && s.Sid !== 'GrantsForAwsServicesOnly',
    );
    expect(uses).toHaveLength(1);
    expect(uses[0].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '111111111111' } });
  });
});

describe('audit settings from the configuration', () => {
  test('compliance mode, lock and retention days and log retention reach the template', () => {
    const raw = structuredClone(exampleRaw()) as any;
    raw.provider.audit = { logRetentionDays: 731, archive: { lockMode: 'compliance', lockDays: 2555, retentionDays: 3650 } };
    const app = plainApp();
    const template = Template.fromStack(new AuditStack(app, 'audit', { config: parseConfig(raw) }));
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2555 } } },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 3650 })] },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
  });
});
