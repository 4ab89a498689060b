import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { addBaselineStacks, parseConfig, SECURITY_HUB_STANDARDS } from '../../lib/internal';
import { generateConfig } from '../../lib/config/generate';
import { exampleWith, plainApp, synthBaseline } from '../util';

const built = synthBaseline();
const { stacks } = built;
const euWest = stacks.detection['111111111111/eu-west-1'];
const euCentral = stacks.detection['111111111111/eu-central-1'];
const t = Template.fromStack(euWest);
const tCentral = Template.fromStack(euCentral);
const ofType = (template: Template, type: string) => Object.entries(template.findResources(type));

describe('detection stacks', () => {
  test('one per account and region holding client data (primary and replica), named per account and region', () => {
    expect(Object.keys(stacks.detection)).toEqual([
      '111111111111/eu-central-1',
      '111111111111/eu-west-1',
      '222222222222/us-east-1',
      '222222222222/us-west-2',
    ]);
    expect(euWest.stackName).toBe('precision-detection-111111111111-eu-west-1');
    expect(euWest.terminationProtection).toBe(true);
  });

  test('GuardDuty: one retained detector with S3 Protection as a feature, findings every 15 minutes', () => {
    t.resourceCountIs('AWS::GuardDuty::Detector', 1);
    const [[, detector]] = ofType(t, 'AWS::GuardDuty::Detector');
    expect(detector.Properties).toEqual({
      Enable: true,
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
      Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }],
      Tags: [{ Key: 'managed-by', Value: 'client-data-baseline' }],
    });
    expect(detector.DeletionPolicy).toBe('Retain');
  });

  test('Security Hub: no default standards, the four standards with regional ARNs, each after the hub and the recorder', () => {
    const [[hubId, hub]] = ofType(t, 'AWS::SecurityHub::Hub');
    expect(hub.Properties).toMatchObject({
      EnableDefaultStandards: false,
      ControlFindingGenerator: 'SECURITY_CONTROL',
      AutoEnableControls: true,
    });
    const [[recorderId]] = ofType(t, 'AWS::Config::ConfigurationRecorder');
    const standards = ofType(t, 'AWS::SecurityHub::Standard');
    expect(standards.map(([, s]) => s.Properties.StandardsArn)).toEqual(
      SECURITY_HUB_STANDARDS.map((s) => `arn:aws:securityhub:eu-west-1::standards/${s.path}`),
    );
    expect(SECURITY_HUB_STANDARDS.map((s) => s.path)).toEqual([
      'aws-foundational-security-best-practices/v/1.0.0',
      'cis-aws-foundations-benchmark/v/3.0.0',
      'nist-800-53/v/5.0.0',
      'pci-dss/v/4.0.1',
    ]);
    for (const [, s] of standards) expect(s.DependsOn).toEqual(expect.arrayContaining([hubId, recorderId]));
  });

  test('Config: the service-linked role, every supported type, IAM types in one region per account; delivery to the history bucket', () => {
    const [[, recorder]] = ofType(t, 'AWS::Config::ConfigurationRecorder');
    expect(recorder.Properties).toEqual({
      Name: 'precision-recorder',
      RoleARN: 'arn:aws:iam::111111111111:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
    });
    const [[, central]] = ofType(tCentral, 'AWS::Config::ConfigurationRecorder');
    expect(central.Properties.RecordingGroup).toEqual({ AllSupported: true, IncludeGlobalResourceTypes: false });
    // The service-linked role is created once per account, in the region recording global types.
    t.resourceCountIs('AWS::IAM::ServiceLinkedRole', 1);
    t.hasResourceProperties('AWS::IAM::ServiceLinkedRole', { AWSServiceName: 'config.amazonaws.com' });
    tCentral.resourceCountIs('AWS::IAM::ServiceLinkedRole', 0);
    expect(euCentral.dependencies).toEqual(expect.arrayContaining([euWest, stacks.audit]));
    const [[, channel]] = ofType(t, 'AWS::Config::DeliveryChannel');
    expect(channel.Properties).toEqual({
      Name: 'precision-delivery',
      S3BucketName: '111111111111-precision-config-eu-west-1',
      S3KeyPrefix: 'config',
      ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' },
    });
    // Each needs the other at creation: neither depends on the other.
    expect(channel.DependsOn).toBeUndefined();
    expect(recorder.DependsOn ?? []).not.toContain(ofType(t, 'AWS::Config::DeliveryChannel')[0][0]);
  });

  test('the configuration history bucket: not locked, deletion denied, Config of each account with client data admitted', () => {
    const audit = Template.fromStack(stacks.audit);
    audit.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: '111111111111-precision-config-eu-west-1',
      ObjectLockEnabled: Match.absent(),
      VersioningConfiguration: { Status: 'Enabled' },
    });
    audit.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^ConfigHistory') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'ConfigDelivery',
            Principal: { Service: 'config.amazonaws.com' },
            Action: 's3:PutObject',
            Condition: {
              StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': ['111111111111', '222222222222'] },
            },
          }),
          Match.objectLike({ Sid: 'DenyConfigHistoryDeletion', Effect: 'Deny', Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'] }),
        ]),
      },
    });
    audit.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'ConfigDeliveryEncrypt',
            Principal: { Service: 'config.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': ['111111111111', '222222222222'], 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
            },
          }),
        ]),
      },
    });
  });

  test('Access Analyzer: one account analyzer, no archive rules; Macie: one session, no service-linked role created by the stack', () => {
    t.resourcePropertiesCountIs(
      'AWS::AccessAnalyzer::Analyzer',
      { Type: 'ACCOUNT', AnalyzerName: 'precision-external-access', ArchiveRules: Match.absent() },
      1,
    );
    t.resourceCountIs('AWS::Macie::Session', 1);
    t.hasResourceProperties('AWS::Macie::Session', { Status: 'ENABLED', FindingPublishingFrequency: 'FIFTEEN_MINUTES' });
    // Enabling Macie creates AWSServiceRoleForAmazonMacie itself; a second creation would fail.
    t.resourcePropertiesCountIs('AWS::IAM::ServiceLinkedRole', { AWSServiceName: 'macie.amazonaws.com' }, 0);
  });

  test('findings reach the encrypted alert topic, whose policy admits each rule by ARN', () => {
    const rules = ofType(t, 'AWS::Events::Rule');
    expect(rules.map(([, r]) => r.Properties.EventPattern.source[0]).sort()).toEqual([
      'aws.access-analyzer',
      'aws.guardduty',
      'aws.macie',
      'aws.securityhub',
      'aws.securityhub',
    ]);
    const guardDuty = rules.find(([, r]) => r.Properties.EventPattern.source[0] === 'aws.guardduty')![1];
    expect(guardDuty.Properties.EventPattern).toEqual({
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', 4] }] },
    });
    const [[topicId, topic]] = ofType(t, 'AWS::SNS::Topic');
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    const [[, policy]] = ofType(t, 'AWS::SNS::TopicPolicy');
    for (const [id, rule] of rules) {
      expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: { Ref: topicId } })]);
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [id, 'Arn'] } } },
        }),
      );
    }
  });
});

describe('malware protection plans, in the client stacks', () => {
  const data = Template.fromStack(stacks.clients.acme.data);
  const replica = Template.fromStack(stacks.clients.acme.replica);

  test('one plan per dataset bucket, primary and replica, tagging the results, each after its role policy and bucket', () => {
    for (const [template, region] of [
      [data, 'eu-west-1'],
      [replica, 'eu-central-1'],
    ] as const) {
      const plans = ofType(template, 'AWS::GuardDuty::MalwareProtectionPlan');
      expect(plans.map(([, p]) => p.Properties.ProtectedResource.S3Bucket.BucketName).sort()).toEqual([
        `precision-acme-billing-111111111111-${region}`,
        `precision-acme-records-111111111111-${region}`,
      ]);
      for (const [, plan] of plans) {
        expect(plan.Properties.Actions).toEqual({ Tagging: { Status: 'ENABLED' } });
        expect(plan.Properties.ProtectedResource.S3Bucket.ObjectPrefixes).toBeUndefined();
        expect(plan.DependsOn).toEqual(
          expect.arrayContaining([expect.stringMatching(/^MalwareScanning.*Permissions/), expect.stringMatching(/^Dataset|^Replica/)]),
        );
      }
    }
  });

  test('the plan role: only GuardDuty Malware Protection of the account, exactly its bucket and its key', () => {
    const [[roleId]] = ofType(data, 'AWS::IAM::Role').filter(([id]) => id.startsWith('MalwareScanningrecords'));
    data.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: { 'aws:SourceAccount': '111111111111' },
              ArnLike: { 'aws:SourceArn': 'arn:aws:guardduty:eu-west-1:111111111111:malware-protection-plan/*' },
            },
          },
        ],
      },
    });
    const policy = ofType(data, 'AWS::IAM::ManagedPolicy').find(
      ([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
    )![1];
    const text = JSON.stringify(policy.Properties.PolicyDocument);
    expect(text).toContain('precision-acme-records-111111111111-eu-west-1');
    expect(text).not.toContain('precision-acme-billing');
    expect(policy.Properties.PolicyDocument.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'ManageGuardDutyManagedRule',
      'MonitorGuardDutyManagedRule',
      'BucketEventsAndOwnership',
      'ScanAndTagObjects',
      'PutValidationObject',
      'DecryptThroughS3',
    ]);
    expect(policy.Properties.PolicyDocument.Statement[5]).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: {
        'Fn::GetAtt': [stacks.clients.acme.data.getLogicalId(stacks.clients.acme.data.key.node.defaultChild as CfnElement), 'Arn'],
      },
    });
  });

  test('the client key admits each plan role by ARN, through S3 of its region, with the client tag; the bucket exempts it from the ABAC deny', () => {
    const [[roleId]] = ofType(data, 'AWS::IAM::Role').filter(([id]) => id.startsWith('MalwareScanningrecords'));
    data.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'MalwareScanRecordsDecryptsThroughS3',
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Condition: {
              StringEquals: { 'aws:PrincipalTag/client-id': 'acme', 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
              ArnEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [roleId, 'Arn'] } },
            },
          }),
        ]),
      },
    });
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DenyDataAccessOutsideClient',
            Condition: {
              StringNotEquals: { 'aws:PrincipalTag/client-id': 'acme' },
              ArnNotEquals: { 'aws:PrincipalArn': Match.arrayWith([{ 'Fn::GetAtt': [roleId, 'Arn'] }]) },
            },
          }),
        ]),
      },
    });
  });

  test('threats found in the client’s buckets alert the client’s topic', () => {
    data.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
        detail: {
          s3ObjectDetails: {
            bucketName: ['precision-acme-billing-111111111111-eu-west-1', 'precision-acme-records-111111111111-eu-west-1'],
          },
          scanResultDetails: { scanResultStatus: ['THREATS_FOUND'] },
        },
      },
    });
  });
});

describe('features turned off, and many clients in one account', () => {
  test('a feature turned off with a reason is left out and recorded', () => {
    const config = exampleWith((raw) => {
      raw.provider.detection = {
        malwareScanning: { enabled: false, reason: 'scanned upstream' },
        sensitiveDataDiscovery: { enabled: false, reason: 'no unstructured data' },
      };
    });
    const { stacks: off } = synthBaseline(config);
    const detection = off.detection['111111111111/eu-west-1'];
    const template = Template.fromStack(detection);
    template.resourceCountIs('AWS::Macie::Session', 0);
    template.resourceCountIs('AWS::GuardDuty::Detector', 1);
    expect(detection.node.metadata.find((m) => m.type === 'cdb:detection-off')?.data).toEqual({
      malwareScanning: 'scanned upstream',
      sensitiveDataDiscovery: 'no unstructured data',
    });
    Template.fromStack(off.clients.acme.data).resourceCountIs('AWS::GuardDuty::MalwareProtectionPlan', 0);
  });

  test('forty clients in one account and region: still one detection stack there, and one of each service', () => {
    const raw = generateConfig({ clients: 40, maxDatasets: 1 }) as any;
    raw.clients = raw.clients.map((c: any) => ({
      ...c,
      account: undefined,
      regions: { primary: 'eu-west-1', replica: 'eu-central-1', allowed: ['eu-west-1', 'eu-central-1'] },
    }));
    const config = parseConfig(JSON.parse(JSON.stringify(raw)), 'generated');
    const app = plainApp();
    const built40 = addBaselineStacks(app, config);
    expect(Object.keys(built40.detection)).toEqual(['111111111111/eu-central-1', '111111111111/eu-west-1']);
    const all = app.node.children.filter((c): c is Stack => c instanceof Stack).map((s) => Template.fromStack(s));
    for (const type of ['AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub', 'AWS::Config::ConfigurationRecorder', 'AWS::Macie::Session']) {
      expect({ type, count: all.reduce((n, tt) => n + Object.keys(tt.findResources(type)).length, 0) }).toEqual({ type, count: 2 });
    }
  });
});
