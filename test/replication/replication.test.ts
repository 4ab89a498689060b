/** Cross-region replication of client datasets (DP-MULTI-REGION, CDM-3.8-SOVEREIGNTY, CDM-3.5-AUTHORIZED-COPY). */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { parseConfig } from '../../lib/config';
import { S3_DATA_ACTIONS } from '../../lib/access';
import { exampleRaw, synthBaseline } from '../util';

const ROLE_ARN = 'arn:aws:iam::111111111111:role/precision-acme-s3-replication';
const bucketArn = (dataset: string, region: string, account = '111111111111', client = 'acme') =>
  `arn:aws:s3:::precision-${client}-${dataset}-${account}-${region}`;

/** The exact replication configuration of one dataset bucket. */
function replicationOf(dataset: string, to: string, rtc: boolean, account = '111111111111', client = 'acme') {
  return {
    Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ReplicationRole'), 'Arn'] },
    Rules: [
      {
        Id: `replicate-${dataset}`,
        Priority: 0,
        Status: 'Enabled',
        Filter: { Prefix: '' },
        DeleteMarkerReplication: { Status: 'Disabled' },
        SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
        Destination: {
          Bucket: bucketArn(dataset, to, account, client),
          EncryptionConfiguration: {
            ReplicaKmsKeyID: {
              'Fn::Join': [
                '',
                [
                  `arn:aws:kms:${to}:${account}:key/`,
                  { 'Fn::GetAtt': [Match.stringLikeRegexp('^ReplicaKeyArnDescribeKey'), 'KeyMetadata.KeyId'] },
                ],
              ],
            },
          },
          Metrics: rtc ? { Status: 'Enabled', EventThreshold: { Minutes: 15 } } : { Status: 'Enabled' },
          ...(rtc ? { ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } } } : {}),
        },
      },
    ],
  };
}

describe('cross-region replication of the example', () => {
  let built: ReturnType<typeof synthBaseline>;
  let acmeData: Template;
  let acmeReplica: Template;
  let initechData: Template;
  let globexData: Template;

  beforeAll(() => {
    built = synthBaseline();
    acmeData = built.template(built.stacks.clients.acme.data);
    acmeReplica = built.template(built.stacks.clients.acme.replica);
    initechData = built.template(built.stacks.clients.initech.data);
    globexData = built.template(built.stacks.clients.globex.data);
  });

  test('every dataset bucket replicates into its replica with the exact configuration', () => {
    // phi/critical and pci/important: regulated, so Replication Time Control.
    acmeData.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'precision-acme-records-111111111111-eu-west-1',
      ReplicationConfiguration: replicationOf('records', 'eu-central-1', true),
    });
    acmeData.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'precision-acme-billing-111111111111-eu-west-1',
      ReplicationConfiguration: replicationOf('billing', 'eu-central-1', true),
    });
    // confidential/non-essential: metrics only, no RTC.
    initechData.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'precision-initech-archive-111111111111-eu-central-1',
      ReplicationConfiguration: replicationOf('archive', 'eu-west-1', false, '111111111111', 'initech'),
    });
    // A client in its own account replicates inside that account.
    globexData.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'precision-globex-contracts-222222222222-us-east-1',
      ReplicationConfiguration: replicationOf('contracts', 'us-west-2', true, '222222222222', 'globex'),
    });
    // Only the dataset buckets replicate (not the access log bucket).
    const replicating = Object.values(acmeData.findResources('AWS::S3::Bucket')).filter((b) => b.Properties.ReplicationConfiguration);
    expect(replicating).toHaveLength(2);
  });

  test('each bucket waits for its replication role to hold its permissions', () => {
    const buckets = acmeData.findResources('AWS::S3::Bucket', { Properties: { BucketName: Match.stringLikeRegexp('records') } });
    const [records] = Object.values(buckets);
    expect(records.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^ReplicationRolePermissions0/)]));
  });

  test('the replica key ARN is read from its alias in the replica region, not exported across regions', () => {
    acmeData.resourceCountIs('Custom::AWS', 1);
    const [lookup] = Object.values(acmeData.findResources('Custom::AWS'));
    expect(JSON.parse(lookup.Properties.Create)).toEqual({
      service: 'KMS',
      action: 'DescribeKey',
      parameters: { KeyId: 'alias/precision/acme/data' },
      region: 'eu-central-1',
      physicalResourceId: { responsePath: 'KeyMetadata.KeyId' },
      outputPaths: ['KeyMetadata.KeyId'],
    });
    acmeData.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'kms:DescribeKey',
            Effect: 'Allow',
            Resource: 'arn:aws:kms:eu-central-1:111111111111:key/*',
            Condition: { StringEquals: { 'kms:RequestAlias': 'alias/precision/acme/data' } },
          },
        ],
      },
    });
  });

  test('no template carries cross-region export machinery', () => {
    for (const stacks of Object.values(built.stacks.clients)) {
      for (const stack of [stacks.data, stacks.replica]) {
        const template = built.template(stack);
        expect(Object.keys(template.findResources('Custom::CrossRegionExportWriter'))).toEqual([]);
        expect(Object.keys(template.findResources('Custom::CrossRegionExportReader'))).toEqual([]);
        expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
      }
    }
  });

  test('the data stack deploys after the replica stack it replicates into', () => {
    const { data, replica } = built.stacks.clients.acme;
    expect(data.dependencies).toContain(replica);
  });

  test('the replication role has a fixed per-client name and only S3 of the account may assume it', () => {
    acmeData.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'precision-acme-s3-replication',
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
          },
        ],
      },
    });
    const roles = acmeData.findResources('AWS::IAM::Role', { Properties: { RoleName: 'precision-acme-s3-replication' } });
    expect(Object.keys(roles)).toHaveLength(1);
    // Its permissions come from its own customer managed policy only.
    const [roleId] = Object.keys(roles);
    expect(roles[roleId].Properties.ManagedPolicyArns).toBeUndefined();
    expect(roles[roleId].Properties.Policies).toBeUndefined();
    acmeData.hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: [{ Ref: roleId }] });
  });

  test('the replication role has exactly the statements and conditions replication needs', () => {
    const [policy] = Object.values(acmeData.findResources('AWS::IAM::ManagedPolicy'));
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      {
        Sid: 'ReadSourceReplicationConfiguration',
        Effect: 'Allow',
        Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        Resource: [bucketArn('billing', 'eu-west-1'), bucketArn('records', 'eu-west-1')],
      },
      {
        Sid: 'ReadSourceObjectVersions',
        Effect: 'Allow',
        Action: ['s3:GetObjectVersionAcl', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionTagging'],
        Resource: [`${bucketArn('billing', 'eu-west-1')}/*`, `${bucketArn('records', 'eu-west-1')}/*`],
      },
      {
        Sid: 'ReplicateIntoReplicaBuckets',
        Effect: 'Allow',
        Action: ['s3:ReplicateDelete', 's3:ReplicateObject', 's3:ReplicateTags'],
        Resource: [`${bucketArn('billing', 'eu-central-1')}/*`, `${bucketArn('records', 'eu-central-1')}/*`],
      },
      {
        Sid: 'DecryptSourceThroughS3',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
        Condition: {
          StringEquals: {
            'kms:ViaService': 's3.eu-west-1.amazonaws.com',
            'kms:EncryptionContext:aws:s3:arn': [bucketArn('records', 'eu-west-1'), bucketArn('billing', 'eu-west-1')],
          },
        },
      },
      {
        Sid: 'EncryptReplicasThroughS3',
        Effect: 'Allow',
        Action: 'kms:Encrypt',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:aws:kms:eu-central-1:111111111111:key/',
              { 'Fn::GetAtt': [expect.stringMatching(/^ReplicaKeyArnDescribeKey/), 'KeyMetadata.KeyId'] },
            ],
          ],
        },
        Condition: {
          StringEquals: {
            'kms:ViaService': 's3.eu-central-1.amazonaws.com',
            'kms:EncryptionContext:aws:s3:arn': [bucketArn('records', 'eu-central-1'), bucketArn('billing', 'eu-central-1')],
          },
        },
      },
    ]);
    expect(
      Object.values(acmeData.findResources('AWS::IAM::ManagedPolicy')).filter((p) => JSON.stringify(p).includes('ReplicateObject')),
    ).toHaveLength(1);
  });

  test('both client keys let the replication role in by aws:PrincipalArn, not as a principal, only through S3', () => {
    acmeData.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'ReplicationRoleDecryptsThroughS3',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111111111111:root' },
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: {
              ArnEquals: { 'aws:PrincipalArn': ROLE_ARN },
              StringEquals: { 'aws:PrincipalTag/client-id': 'acme', 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
            },
          },
        ]),
      },
    });
    acmeReplica.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'ReplicationRoleEncryptsThroughS3',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111111111111:root' },
            Action: 'kms:Encrypt',
            Resource: '*',
            Condition: {
              ArnEquals: { 'aws:PrincipalArn': ROLE_ARN },
              StringEquals: { 'aws:PrincipalTag/client-id': 'acme', 'kms:ViaService': 's3.eu-central-1.amazonaws.com' },
            },
          },
        ]),
      },
    });
  });

  test('the ABAC deny exempts the replication, backup and malware scan roles by ARN in both regions', () => {
    for (const template of [acmeData, acmeReplica]) {
      const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).filter((p) =>
        JSON.stringify(p).includes('DenyDataAccessOutsideClient'),
      );
      expect(policies).toHaveLength(2);
      for (const policy of policies) {
        const deny = policy.Properties.PolicyDocument.Statement.find((s: { Sid?: string }) => s.Sid === 'DenyDataAccessOutsideClient');
        expect(deny.Condition).toEqual({
          StringNotEquals: { 'aws:PrincipalTag/client-id': 'acme' },
          ArnNotEquals: {
            'aws:PrincipalArn': [
              ROLE_ARN,
              'arn:aws:iam::111111111111:role/precision-acme-backup',
              { 'Fn::GetAtt': [expect.stringMatching(/^MalwareScanning[a-z]+Role/), 'Arn'] }, // the bucket's malware scan role
            ],
          },
        });
        expect(deny.Action).toEqual([...S3_DATA_ACTIONS]);
      }
    }
  });

  test('the replica stack holds one retained replica bucket per dataset, hardened like the source, that does not replicate', () => {
    const replicas = acmeReplica.findResources('AWS::S3::Bucket', { Properties: { BucketName: Match.stringLikeRegexp('-eu-central-1$') } });
    expect(Object.keys(replicas)).toHaveLength(2);
    for (const dataset of ['records', 'billing']) {
      const [primary] = Object.values(
        acmeData.findResources('AWS::S3::Bucket', { Properties: { BucketName: `precision-acme-${dataset}-111111111111-eu-west-1` } }),
      );
      const [replica] = Object.values(
        acmeReplica.findResources('AWS::S3::Bucket', { Properties: { BucketName: `precision-acme-${dataset}-111111111111-eu-central-1` } }),
      );
      expect(replica.DeletionPolicy).toBe('Retain');
      expect(replica.UpdateReplacePolicy).toBe('Retain');
      expect(replica.Properties.ReplicationConfiguration).toBeUndefined();
      for (const property of [
        'LifecycleConfiguration',
        'Tags',
        'VersioningConfiguration',
        'PublicAccessBlockConfiguration',
        'OwnershipControls',
      ]) {
        expect(replica.Properties[property]).toEqual(primary.Properties[property]);
      }
      expect(replica.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: {
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^ReplicaKey/), 'Arn'] },
        },
      });
    }
    acmeReplica.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/precision/acme/data' });
  });

  test('a failed replication alarms into the encrypted alert topic', () => {
    // One per dataset (the third alarm is the backup RPO alarm, BKP-5-MONITOR).
    expect(
      Object.keys(acmeData.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'OperationsFailedReplication' } })),
    ).toHaveLength(2);
    acmeData.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/S3',
      MetricName: 'OperationsFailedReplication',
      Dimensions: [
        { Name: 'DestinationBucket', Value: 'precision-acme-records-111111111111-eu-central-1' },
        { Name: 'RuleId', Value: 'replicate-records' },
        { Name: 'SourceBucket', Value: 'precision-acme-records-111111111111-eu-west-1' },
      ],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlertsTopic') }],
      OKActions: [{ Ref: Match.stringLikeRegexp('^AlertsTopic') }],
    });
    // The topic's policy (which replaces SNS's default) lets this account's alarms publish ...
    acmeData.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'CloudWatchAlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: Match.stringLikeRegexp('^AlertsTopic') },
            Condition: {
              StringEquals: { 'aws:SourceAccount': '111111111111' },
              ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:*' },
            },
          },
        ]),
      },
    });
    // ... and the topic's key admits CloudWatch.
    acmeData.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'AlertPublishersUseKey', Principal: { Service: Match.arrayWith(['cloudwatch.amazonaws.com']) } }),
        ]),
      },
    });
  });
});

describe('replication role at scale', () => {
  test('permissions are split into managed policies of at most 10 datasets, each within 6,144 characters', () => {
    const raw = structuredClone(exampleRaw()) as { clients: { id: string; datasets: unknown[] }[] };
    // 12 datasets (the per-client maximum) with the longest names that still fit S3's 63 characters.
    // 22 characters: precision-acme-<name>-111111111111-eu-central-1 is then exactly 63.
    raw.clients[0].datasets = Array.from({ length: 12 }, (_, i) => ({
      name: `d${String(i).padStart(2, '0')}-${'x'.repeat(18)}`,
      tier: 'important',
    }));
    raw.clients = [raw.clients[0]];
    const built = synthBaseline(parseConfig(raw, 'scale.yaml'));
    const template = built.template(built.stacks.clients.acme.data);
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
    const replication = policies.filter((p) => p.Properties.Roles !== undefined && JSON.stringify(p).includes('ReplicateObject'));
    expect(replication.map((p) => p.Properties.PolicyDocument.Statement[0].Resource.length)).toEqual([10, 2]);
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties.PolicyDocument).length).toBeLessThanOrEqual(6144);
    }
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role', { Properties: { RoleName: 'precision-acme-s3-replication' } }));
    for (const policy of replication) expect(policy.Properties.Roles).toEqual([{ Ref: roleId }]);
  });
});
