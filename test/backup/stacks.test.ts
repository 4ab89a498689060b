import { type App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { ClientBackup, ClientBackupVault, TierBackupPlan } from '../../lib/constructs/backup';
import { effectiveTier, parseConfig, TIER_POLICIES, vaultLockTerms } from '../../lib/internal';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as sns from 'aws-cdk-lib/aws-sns';
import { exampleRaw, plainApp, synthBaseline } from '../util';

const ACCOUNT = '111111111111';
const COPY_VAULT_ACME = `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:precision-acme-backup`;
const ROLE_ACME = `arn:aws:iam::${ACCOUNT}:role/precision-acme-backup`;

describe('tiered backups in the client stacks', () => {
  let acmeData: Template;
  let acmeReplica: Template;
  let initechData: Template;
  let euWest1Audit: Template;
  let backupAuditStacks: string[];

  beforeAll(() => {
    const { stacks, template } = synthBaseline();
    acmeData = template(stacks.clients.acme.data);
    acmeReplica = template(stacks.clients.acme.replica);
    initechData = template(stacks.clients.initech.data);
    euWest1Audit = template(stacks.backupAudits['111111111111/eu-west-1']);
    backupAuditStacks = Object.values(stacks.backupAudits).map((s) => s.stackName);
  });

  test('the primary vault: own client key, governance lock bounded by the rules, deletion denied, retained (BKP-IMMUTABLE, BKP-3.3-METHOD)', () => {
    acmeData.resourceCountIs('AWS::Backup::BackupVault', 1);
    acmeData.hasResource('AWS::Backup::BackupVault', {
      Properties: {
        BackupVaultName: 'precision-acme-backup',
        EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupVaultKey'), 'Arn'] },
        LockConfiguration: { MinRetentionDays: 30, MaxRetentionDays: 90 },
        AccessPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
              Resource: '*',
            },
          ],
        },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    // Governance: no grace period, which would turn the lock into compliance mode.
    expect(JSON.stringify(acmeData.findResources('AWS::Backup::BackupVault'))).not.toContain('ChangeableForDays');
  });

  test('the copy vault in the replica region has the same name, lock and protections (BKP-3.5-OFFSITE)', () => {
    acmeReplica.hasResource('AWS::Backup::BackupVault', {
      Properties: {
        BackupVaultName: 'precision-acme-backup',
        EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupCopyVaultKey'), 'Arn'] },
        LockConfiguration: { MinRetentionDays: 30, MaxRetentionDays: 90 },
        AccessPolicy: Match.objectLike({
          Statement: [Match.objectLike({ Effect: 'Deny', Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'] })],
        }),
      },
      DeletionPolicy: 'Retain',
    });
    acmeReplica.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/precision/acme/backup' });
  });

  test('vault keys let only the backup role (by ARN, with the client tag) use them', () => {
    const role = { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupRole'), 'Arn'] };
    acmeData.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Backup vault key of client acme',
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'BackupRoleUsesKey',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalTag/client-id': 'acme' }, ArnEquals: { 'aws:PrincipalArn': role } },
          },
          {
            Sid: 'BackupRoleUsesKeyGrants',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'kms:CreateGrant',
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:PrincipalTag/client-id': 'acme' },
              ArnEquals: { 'aws:PrincipalArn': role },
              Bool: { 'kms:GrantIsForAWSResource': 'true' },
            },
          },
        ]),
      },
    });
  });

  test('the client data keys in both regions admit the backup role', () => {
    for (const template of [acmeData, acmeReplica]) {
      const keys = template.findResources('AWS::KMS::Key', { Properties: { Description: 'Data key of client acme' } });
      const statements = (Object.values(keys)[0] as { Properties: { KeyPolicy: { Statement: { Sid?: string }[] } } }).Properties.KeyPolicy
        .Statement;
      expect(statements.map((s) => s.Sid)).toEqual(expect.arrayContaining(['BackupRoleUsesKey', 'BackupRoleUsesKeyGrants']));
    }
  });

  test('the backup role: assumed by AWS Backup of the account only, with the S3 backup and restore managed policies', () => {
    acmeData.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'precision-acme-backup',
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'backup.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          },
        ],
      },
      ManagedPolicyArns: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup']] },
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore']] },
      ],
    });
  });

  test('dataset buckets in both regions exempt the backup role from the ABAC deny by ARN', () => {
    for (const template of [acmeData, acmeReplica]) {
      const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')) as {
        Properties: { PolicyDocument: { Statement: { Sid?: string; Condition?: Record<string, unknown> }[] } };
      }[];
      const denies = policies.flatMap((p) => p.Properties.PolicyDocument.Statement).filter((s) => s.Sid === 'DenyDataAccessOutsideClient');
      expect(denies).toHaveLength(2);
      for (const deny of denies) {
        expect(deny.Condition?.ArnNotEquals).toEqual({
          'aws:PrincipalArn': [
            `arn:aws:iam::${ACCOUNT}:role/precision-acme-s3-replication`,
            ROLE_ACME,
            { 'Fn::GetAtt': [expect.stringMatching(/^MalwareScanning[a-z]+Role/), 'Arn'] }, // the bucket's malware scan role
          ],
        });
      }
    }
  });

  test('one plan per tier in use, with the tier’s schedule, windows, retention and a copy to the replica vault (BKP-3.1, BKP-3.2, BKP-3.5)', () => {
    acmeData.resourceCountIs('AWS::Backup::BackupPlan', 2);
    const copy = (days: number) => [{ DestinationBackupVaultArn: COPY_VAULT_ACME, Lifecycle: { DeleteAfterDays: days } }];
    const vault = { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupVault'), 'BackupVaultName'] };
    acmeData.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanName: 'precision-acme-critical',
        BackupPlanRule: [
          {
            RuleName: 'critical-snapshot',
            ScheduleExpression: 'cron(0 3 * * ? *)',
            StartWindowMinutes: 60,
            CompletionWindowMinutes: 1440,
            EnableContinuousBackup: false,
            Lifecycle: { DeleteAfterDays: 30 },
            CopyActions: copy(30),
            TargetBackupVault: vault,
            RecoveryPointTags: { 'client-id': 'acme', tier: 'critical' },
          },
          {
            RuleName: 'critical-continuous',
            ScheduleExpression: 'cron(0 3 * * ? *)',
            StartWindowMinutes: 60,
            CompletionWindowMinutes: 1440,
            EnableContinuousBackup: true,
            Lifecycle: { DeleteAfterDays: 30 },
            CopyActions: copy(30),
            TargetBackupVault: vault,
            RecoveryPointTags: { 'client-id': 'acme', tier: 'critical' },
          },
        ],
      },
      BackupPlanTags: Match.objectLike({ tier: 'critical', 'client-id': 'acme' }),
    });
    acmeData.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanName: 'precision-acme-important',
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'important-snapshot',
            ScheduleExpression: 'cron(0 3 ? * SUN,WED *)',
            EnableContinuousBackup: false,
            Lifecycle: { DeleteAfterDays: 90 },
            CopyActions: copy(90),
          }),
        ],
      },
    });
    initechData.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanName: 'precision-initech-nonessential',
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'non-essential-snapshot',
            ScheduleExpression: 'cron(0 3 1,15 * ? *)',
            Lifecycle: { DeleteAfterDays: 180 },
            CopyActions: [
              {
                DestinationBackupVaultArn: `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-vault:precision-initech-backup`,
                Lifecycle: { DeleteAfterDays: 180 },
              },
            ],
          }),
        ],
      },
    });
  });

  test('selections pick S3 resources tagged with the client AND the tier, through the backup role (BKP-2-TIERS)', () => {
    acmeData.resourceCountIs('AWS::Backup::BackupSelection', 2);
    for (const tier of ['critical', 'important']) {
      acmeData.hasResourceProperties('AWS::Backup::BackupSelection', {
        BackupPlanId: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^BackupPlan${tier}Plan`), 'BackupPlanId'] },
        BackupSelection: {
          SelectionName: `${tier}-datasets`,
          IamRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupRole'), 'Arn'] },
          Resources: ['arn:aws:s3:::*'],
          Conditions: {
            StringEquals: [
              { ConditionKey: 'aws:ResourceTag/client-id', ConditionValue: 'acme' },
              { ConditionKey: 'aws:ResourceTag/tier', ConditionValue: tier },
            ],
          },
        },
      });
    }
  });

  test('dataset buckets record their RPO and RTO as tags (BKP-4.1-RPO, BKP-4.2-RTO)', () => {
    for (const template of [acmeData, acmeReplica]) {
      template.hasResourceProperties('AWS::S3::Bucket', {
        Tags: Match.arrayWith([
          { Key: 'dataset', Value: 'records' },
          { Key: 'rpo-hours', Value: '48' },
          { Key: 'rto-hours', Value: '48' },
        ]),
      });
      template.hasResourceProperties('AWS::S3::Bucket', {
        Tags: Match.arrayWith([
          { Key: 'dataset', Value: 'billing' },
          { Key: 'rpo-hours', Value: '168' },
          { Key: 'rto-hours', Value: '72' },
        ]),
      });
    }
  });

  test('restore tests: a monthly plan on the client vault, a selection per tier validated for the tier’s RTO (BKP-3.4-TESTING)', () => {
    acmeData.hasResourceProperties('AWS::Backup::RestoreTestingPlan', {
      RestoreTestingPlanName: 'precision_acme_restore',
      ScheduleExpression: 'cron(0 5 8 * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      StartWindowHours: 24,
      RecoveryPointSelection: {
        Algorithm: 'LATEST_WITHIN_WINDOW',
        IncludeVaults: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupVault'), 'BackupVaultArn'] }],
        RecoveryPointTypes: ['SNAPSHOT'],
        SelectionWindowDays: 30,
      },
    });
    acmeData.resourceCountIs('AWS::Backup::RestoreTestingSelection', 2);
    for (const [tier, hours] of [
      ['critical', 48],
      ['important', 72],
    ] as const) {
      acmeData.hasResourceProperties('AWS::Backup::RestoreTestingSelection', {
        RestoreTestingPlanName: 'precision_acme_restore',
        RestoreTestingSelectionName: tier,
        ProtectedResourceType: 'S3',
        ProtectedResourceArns: ['*'],
        ProtectedResourceConditions: {
          StringEquals: [
            { Key: 'aws:ResourceTag/client-id', Value: 'acme' },
            { Key: 'aws:ResourceTag/tier', Value: tier },
          ],
        },
        ValidationWindowHours: hours,
      });
    }
    initechData.hasResourceProperties('AWS::Backup::RestoreTestingSelection', {
      RestoreTestingSelectionName: 'non_essential',
      ValidationWindowHours: 168,
    });
  });

  test('failed, aborted and expired jobs go to the encrypted alert topic; an alarm watches the RPO (BKP-5-MONITOR)', () => {
    const topic = { Ref: Match.stringLikeRegexp('^AlertsTopic') };
    acmeData.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED',
      EventPattern: {
        source: ['aws.backup'],
        'detail-type': ['Backup Job State Change', 'Copy Job State Change'],
        detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
      },
      Targets: [Match.objectLike({ Arn: topic })],
    });
    acmeData.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.backup'], 'detail-type': ['Restore Job State Change'], detail: { status: ['FAILED', 'ABORTED'] } },
      Targets: [Match.objectLike({ Arn: topic })],
    });
    acmeData.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Backup',
      MetricName: 'NumberOfBackupJobsCompleted',
      Dimensions: [{ Name: 'BackupVaultName', Value: 'precision-acme-backup' }],
      Statistic: 'Sum',
      Period: 86400,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      AlarmActions: [topic],
    });
    // The 30-day RPO is beyond what CloudWatch can evaluate (7 days): no alarm, the audit control covers it.
    expect(Object.keys(initechData.findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: 'AWS/Backup' } }))).toHaveLength(0);
  });

  test('one audit framework per account and primary region maps the clauses to Backup Audit Manager controls, reports go to the log archive (BKP-6-AUDIT)', () => {
    // acme (111111111111/eu-west-1), globex (222222222222/us-east-1), initech (111111111111/eu-central-1)
    expect(backupAuditStacks.sort()).toEqual([
      'precision-backup-audit-111111111111-eu-central-1',
      'precision-backup-audit-111111111111-eu-west-1',
      'precision-backup-audit-222222222222-us-east-1',
    ]);
    acmeData.resourceCountIs('AWS::Backup::Framework', 0);
    const frameworks = Object.values(euWest1Audit.findResources('AWS::Backup::Framework')) as {
      Properties: {
        FrameworkName: string;
        FrameworkControls: { ControlName: string; ControlInputParameters?: unknown[]; ControlScope?: unknown }[];
      };
    }[];
    expect(frameworks).toHaveLength(1);
    const { FrameworkName, FrameworkControls } = frameworks[0].Properties;
    expect(FrameworkName).toBe('precision_backup_policy_eu_west_1');
    // 15 controls whatever the number of clients: within AWS's 50 per account and region.
    expect(FrameworkControls.map((c) => c.ControlName)).toEqual([
      'BACKUP_RECOVERY_POINT_ENCRYPTED',
      'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
      'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
      ...['critical', 'important', 'non-essential'].flatMap(() => [
        'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
        'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
        'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
        'BACKUP_LAST_RECOVERY_POINT_CREATED',
      ]),
    ]);
    expect(FrameworkControls[0].ControlScope).toEqual({ Tags: [{ Key: 'managed-by', Value: 'client-data-baseline' }] });
    expect(FrameworkControls[2].ControlInputParameters).toEqual([{ ParameterName: 'minRetentionDays', ParameterValue: '30' }]);
    expect(FrameworkControls[3]).toEqual({
      ControlName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
      ControlInputParameters: [
        { ParameterName: 'requiredFrequencyUnit', ParameterValue: 'days' },
        { ParameterName: 'requiredFrequencyValue', ParameterValue: '1' },
        { ParameterName: 'requiredRetentionDays', ParameterValue: '30' },
      ],
      ControlScope: { Tags: [{ Key: 'tier', Value: 'critical' }] },
    });
    expect(FrameworkControls[5]).toEqual({
      ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
      ControlScope: { Tags: [{ Key: 'tier', Value: 'critical' }], ComplianceResourceTypes: ['S3'] },
    });
    expect(FrameworkControls[6].ControlInputParameters).toEqual([
      { ParameterName: 'recoveryPointAgeUnit', ParameterValue: 'hours' },
      { ParameterName: 'recoveryPointAgeValue', ParameterValue: '48' },
    ]);
    const delivery = {
      S3BucketName: `${ACCOUNT}-precision-audit-eu-west-1`,
      S3KeyPrefix: `backup-reports/${ACCOUNT}/eu-west-1`,
      Formats: ['CSV', 'JSON'],
    };
    euWest1Audit.hasResourceProperties('AWS::Backup::ReportPlan', {
      ReportPlanName: 'precision_backup_compliance_eu_west_1',
      ReportDeliveryChannel: delivery,
      ReportSetting: {
        ReportTemplate: 'CONTROL_COMPLIANCE_REPORT',
        FrameworkArns: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupAuditFramework'), 'FrameworkArn'] }],
      },
    });
    euWest1Audit.hasResourceProperties('AWS::Backup::ReportPlan', {
      ReportPlanName: 'precision_restore_jobs_eu_west_1',
      ReportDeliveryChannel: delivery,
      ReportSetting: { ReportTemplate: 'RESTORE_JOB_REPORT' },
    });
  });
});

describe('client agreements that tighten the tiers', () => {
  let acmeData: Template;
  let initechData: Template;
  let initechReplica: Template;

  beforeAll(() => {
    const raw = structuredClone(exampleRaw()) as any;
    raw.clients[0].backup = { critical: { retentionDays: 35, schedule: 'cron(0 */12 * * ? *)', rpoHours: 24 } };
    raw.clients[2].backup = {
      vaultLock: { mode: 'compliance', changeableForDays: 7 },
      'non-essential': { retentionDays: 400, moveToColdStorageAfterDays: 30 },
    };
    const { stacks, template } = synthBaseline(parseConfig(raw));
    acmeData = template(stacks.clients.acme.data);
    initechData = template(stacks.clients.initech.data);
    initechReplica = template(stacks.clients.initech.replica);
  });

  test('the critical plan runs every 12 hours and keeps 35 days, continuous backup included; the alarm follows the tighter RPO', () => {
    acmeData.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanName: 'precision-acme-critical',
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'critical-snapshot',
            ScheduleExpression: 'cron(0 */12 * * ? *)',
            Lifecycle: { DeleteAfterDays: 35 },
          }),
          Match.objectLike({ RuleName: 'critical-continuous', EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 35 } }),
        ],
      },
    });
    acmeData.hasResourceProperties('AWS::Backup::BackupVault', { LockConfiguration: { MinRetentionDays: 35, MaxRetentionDays: 90 } });
    acmeData.hasResourceProperties('AWS::CloudWatch::Alarm', { Period: 86400, EvaluationPeriods: 1 });
    acmeData.hasResourceProperties('AWS::S3::Bucket', {
      Tags: Match.arrayWith([
        { Key: 'dataset', Value: 'records' },
        { Key: 'rpo-hours', Value: '24' },
      ]),
    });
  });

  test('a compliance lock opted into carries its grace period in both regions; cold storage reaches the copies', () => {
    for (const template of [initechData, initechReplica]) {
      template.hasResourceProperties('AWS::Backup::BackupVault', { LockConfiguration: { MinRetentionDays: 400, ChangeableForDays: 7 } });
    }
    initechData.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            Lifecycle: { DeleteAfterDays: 400, MoveToColdStorageAfterDays: 30 },
            CopyActions: [Match.objectLike({ Lifecycle: { DeleteAfterDays: 400, MoveToColdStorageAfterDays: 30 } })],
          }),
        ],
      },
    });
  });
});

describe('construct-level invariants', () => {
  const config = parseConfig(exampleRaw());
  const acme = config.clients[0];

  function stackWithTopic(app: App) {
    const stack = new Stack(app, 'Test', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    return { stack, topic: new sns.Topic(stack, 'Topic') };
  }

  test('a plan whose schedule’s longest gap exceeds the RPO fails the synth (BKP-4.1-RPO)', () => {
    const app = plainApp();
    const { stack } = stackWithTopic(app);
    const tier = { ...effectiveTier(acme, 'non-essential'), schedule: 'cron(0 3 1 * ? *)' };
    new TierBackupPlan(stack, 'Plan', {
      clientId: 'acme',
      tier,
      vault: backup.BackupVault.fromBackupVaultArn(stack, 'Vault', `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-vault:v`),
      copyVaultArn: COPY_VAULT_ACME,
      backupRoleArn: ROLE_ACME,
      planName: 'p',
    });
    expect(() => app.synth()).toThrow(
      'client "acme", tier non-essential: schedule "cron(0 3 1 * ? *)" leaves up to 744 h (31 d) between backups, plus a 1 h start window = 745 h, over the RPO of 720 h (30 d) (BKP-4.1-RPO)',
    );
  });

  test('a rule outside the vault lock fails the synth (BKP-IMMUTABLE)', () => {
    const app = plainApp();
    const { stack, topic } = stackWithTopic(app);
    new ClientBackup(stack, 'Backup', {
      clientId: 'acme',
      tiers: [effectiveTier(acme, 'critical')],
      lock: { ...vaultLockTerms(acme), minRetentionDays: TIER_POLICIES.critical.retentionDays + 1 },
      names: {
        vault: 'precision-acme-backup',
        plans: { critical: 'precision-acme-critical' },
        vaultKeyAlias: 'alias/precision/acme/backup',
        role: 'precision-acme-backup',
        restoreTestingPlan: 'precision_acme_restore',
      },
      copyVaultArn: COPY_VAULT_ACME,
      copyRegion: 'eu-central-1',
      alertTopic: topic,
    });
    expect(() => app.synth()).toThrow(
      'client "acme", tier critical: rule critical-snapshot keeps recovery points 30 days, outside the vault lock\'s [31, 90] days (BKP-IMMUTABLE)',
    );
  });

  test.each<[string, { mode: 'governance' | 'compliance'; changeableForDays?: number }, string]>([
    [
      'a compliance lock with less than 3 days of grace',
      { mode: 'compliance', changeableForDays: 2 },
      'compliance-mode vault lock needs changeableForDays >= 3 (AWS refuses less), got 2',
    ],
    [
      'a governance lock with a grace period',
      { mode: 'governance', changeableForDays: 3 },
      'a governance-mode vault lock has no changeableForDays (with it the lock turns into compliance mode), got 3',
    ],
  ])('a vault refuses %s', (_, lock, message) => {
    const { stack } = stackWithTopic(plainApp());
    expect(
      () =>
        new ClientBackupVault(stack, 'Vault', {
          vaultName: 'precision-acme-backup',
          clientId: 'acme',
          keyAlias: 'alias/precision/acme/backup',
          lock: { ...lock, minRetentionDays: 30 },
          backupRoleArn: ROLE_ACME,
        }),
    ).toThrow(message);
  });
});
