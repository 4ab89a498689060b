import { Match, type Template } from 'aws-cdk-lib/assertions';
import { KMS_ADMIN_ACTIONS, KMS_USE_ACTIONS, S3_DATA_ACTIONS } from '../../lib/internal';
import { synthBaseline } from '../util';

// One synthesis of the example, shared by every assertion below.
const { stacks, template } = synthBaseline();
const acme: Template = template(stacks.clients.acme.data);
const globex: Template = template(stacks.clients.globex.data);

const bucketArn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const objectsArn = (id: string) => ({ 'Fn::Join': ['', [bucketArn(id), '/*']] });
const logicalId = (t: Template, type: string, props: object) => {
  const ids = Object.keys(t.findResources(type, { Properties: props }));
  expect(ids).toHaveLength(1);
  return ids[0];
};

describe('client data stack', () => {
  test('lives in the client account and primary region, with a derived name and termination protection', () => {
    const stack = stacks.clients.globex.data;
    expect(stack.account).toBe('222222222222');
    expect(stack.region).toBe('us-east-1');
    expect(stack.stackName).toBe('precision-globex-data');
    expect(stack.terminationProtection).toBe(true);
    expect(stacks.clients.acme.data.account).toBe('111111111111');
  });

  test('holds the client data key, the backup vault key and the alert key, one bucket per dataset and one log bucket', () => {
    acme.resourceCountIs('AWS::KMS::Key', 3);
    acme.resourceCountIs('AWS::S3::Bucket', 3);
    globex.resourceCountIs('AWS::S3::Bucket', 3);
    template(stacks.clients.initech.data).resourceCountIs('AWS::S3::Bucket', 2);
  });

  test('no template uses cross-region exports', () => {
    for (const client of Object.values(stacks.clients)) {
      for (const stack of [client.data, client.replica]) {
        template(stack).resourceCountIs('Custom::CrossRegionExportWriter', 0);
        expect(JSON.stringify(template(stack).toJSON())).not.toContain('Fn::ImportValue');
      }
    }
  });
});

describe('client key', () => {
  const key = () => acme.findResources('AWS::KMS::Key', { Properties: { Description: 'Data key of client acme' } });

  test('rotates, is symmetric, retained, tagged and aliased', () => {
    expect(Object.values(key())).toHaveLength(1);
    const [resource] = Object.values(key());
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
    expect(resource.Properties.EnableKeyRotation).toBe(true);
    expect(resource.Properties.KeySpec).toBeUndefined(); // SYMMETRIC_DEFAULT, the only kind S3 supports
    expect(resource.Properties.PendingWindowInDays).toBe(30);
    expect(resource.Properties.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'client-id', Value: 'acme' },
        { Key: 'managed-by', Value: 'client-data-baseline' },
      ]),
    );
    acme.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/precision/acme/data' });
  });

  test('policy: the account administers but cannot use; only the client’s tagged principals use', () => {
    const [resource] = Object.values(key());
    expect(resource.Properties.KeyPolicy.Statement.slice(0, 3)).toEqual([
      {
        Sid: 'KeyAdministrationNotUse',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: [...KMS_ADMIN_ACTIONS],
        Resource: '*',
      },
      {
        Sid: 'GrantsForAwsServicesOnly',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      },
      {
        Sid: 'KeyUseByClientPrincipalsOnly',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: [...KMS_USE_ACTIONS],
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalTag/client-id': 'acme' } },
      },
    ]);
    // Every further statement admits one baseline service role by exact ARN (a malware scan role of this stack by
    // its ARN attribute), and only with the client tag.
    for (const statement of resource.Properties.KeyPolicy.Statement.slice(3)) {
      expect(statement.Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:root' });
      expect(statement.Condition.StringEquals).toMatchObject({ 'aws:PrincipalTag/client-id': 'acme' });
      const arn = statement.Condition.ArnEquals['aws:PrincipalArn'];
      if (typeof arn === 'string') expect(arn).toMatch(/^arn:aws:iam::111111111111:role\/precision-acme-/);
      else expect(arn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^MalwareScanning[a-z]+Role/), 'Arn'] });
    }
    expect(KMS_ADMIN_ACTIONS).toContain('kms:Put*'); // keeps the key manageable, as KMS requires
    expect(KMS_ADMIN_ACTIONS.some((a) => /Decrypt|Encrypt|GenerateDataKey/.test(a))).toBe(false);
  });

  test('a client with its own account gets its key used only from that account', () => {
    globex.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Data key of client globex',
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'KeyUseByClientPrincipalsOnly',
            Principal: { AWS: 'arn:aws:iam::222222222222:root' },
            Condition: { StringEquals: { 'aws:PrincipalTag/client-id': 'globex' } },
          }),
        ]),
      },
    });
  });
});

describe('dataset bucket', () => {
  const records = () => logicalId(acme, 'AWS::S3::Bucket', { BucketName: 'precision-acme-records-111111111111-eu-west-1' });
  const logs = () => logicalId(acme, 'AWS::S3::Bucket', { BucketName: 'precision-acme-111111111111-eu-west-1-s3logs' });
  const dataKey = () => Object.keys(acme.findResources('AWS::KMS::Key', { Properties: { Description: 'Data key of client acme' } }))[0];

  test('is encrypted with the client key and Bucket Key, versioned, private, owner-enforced, logged, tagged (CDM-3.4-AT-REST, DP-INTEGRITY, DP-LOG-ALL-ACCESS, CDM-3.1-CLASSIFY)', () => {
    acme.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BucketName: 'precision-acme-records-111111111111-eu-west-1',
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: bucketArn(dataKey()) } },
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: logs() }, LogFilePrefix: 'records/' },
        Tags: [
          { Key: 'classification', Value: 'phi' },
          { Key: 'client-id', Value: 'acme' },
          { Key: 'dataset', Value: 'records' },
          { Key: 'managed-by', Value: 'client-data-baseline' },
          { Key: 'rpo-hours', Value: '48' },
          { Key: 'rto-hours', Value: '48' },
          { Key: 'tier', Value: 'critical' },
        ],
      },
    });
  });

  test('lifecycle: expiry after retentionDays, non-current versions after 90 days, multipart uploads after 7', () => {
    acme.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'precision-acme-records-111111111111-eu-west-1',
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'retention',
            Status: 'Enabled',
            ExpirationInDays: 2555,
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
        ],
      },
    });
    template(stacks.clients.initech.data).hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'precision-initech-archive-111111111111-eu-central-1',
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 365 })] },
    });
  });

  test('policy: TLS 1.2, uploads only with the client key, data access only by the client’s sessions', () => {
    const id = records();
    const statements = Object.values(acme.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: id } } }))[0].Properties
      .PolicyDocument.Statement;
    const both = [bucketArn(id), objectsArn(id)];
    expect(statements).toEqual([
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: both, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: both, Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } },
      {
        Sid: 'DenyUploadsNotEncryptedWithClientKey',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:PutObject',
        Resource: objectsArn(id),
        Condition: {
          StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
          Null: { 's3:x-amz-server-side-encryption': 'false' },
        },
      },
      {
        Sid: 'DenyUploadsWithForeignKey',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:PutObject',
        Resource: objectsArn(id),
        Condition: {
          StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': bucketArn(dataKey()) },
          Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' },
        },
      },
      {
        Sid: 'DenyDataAccessOutsideClient',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: [...S3_DATA_ACTIONS],
        Resource: both,
        Condition: {
          StringNotEquals: { 'aws:PrincipalTag/client-id': 'acme' },
          ArnNotEquals: {
            'aws:PrincipalArn': [
              'arn:aws:iam::111111111111:role/precision-acme-s3-replication',
              'arn:aws:iam::111111111111:role/precision-acme-backup',
              // The bucket's GuardDuty Malware Protection role (DP-THREAT-DETECTION).
              { 'Fn::GetAtt': [expect.stringMatching(/^MalwareScanning[a-z]+Role/), 'Arn'] },
            ],
          },
        },
      },
    ]);
  });

  test('the ABAC deny covers data actions only, never bucket administration', () => {
    expect(S3_DATA_ACTIONS.some((a) => /Put(Bucket|Lifecycle|Replication|Encryption)|DeleteBucket/.test(a))).toBe(false);
  });
});

describe('access log bucket', () => {
  test('is SSE-S3 (S3 requires it of log targets), versioned, private, expiring after 400 days, retained', () => {
    acme.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BucketName: 'precision-acme-111111111111-eu-west-1-s3logs',
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LifecycleConfiguration: {
          Rules: [
            { Id: 'access-log-retention', Status: 'Enabled', ExpirationInDays: 400, NoncurrentVersionExpiration: { NoncurrentDays: 400 } },
          ],
        },
      }),
    });
  });

  test('admits log delivery only from its own client’s buckets, one statement each, and stays far below 20 KB', () => {
    const logsId = logicalId(acme, 'AWS::S3::Bucket', { BucketName: 'precision-acme-111111111111-eu-west-1-s3logs' });
    const policy = Object.values(acme.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: logsId } } }))[0];
    const delivery = policy.Properties.PolicyDocument.Statement.filter((s: { Principal?: { Service?: string } }) => s.Principal?.Service);
    expect(delivery).toHaveLength(2);
    for (const statement of delivery) {
      expect(statement).toMatchObject({
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      });
    }
    expect(JSON.stringify(policy.Properties.PolicyDocument).length).toBeLessThan(20 * 1024);
  });
});

describe('alert topic', () => {
  test('is encrypted with its own key, usable only by the alerting services, and mails the provider', () => {
    const keyId = Object.keys(
      acme.findResources('AWS::KMS::Key', { Properties: { Description: 'Encrypts the client-data-baseline alert topic' } }),
    )[0];
    acme.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: bucketArn(keyId) });
    acme.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'secops@example.com' });
    const statements = acme.findResources('AWS::KMS::Key', {
      Properties: { Description: 'Encrypts the client-data-baseline alert topic' },
    })[keyId].Properties.KeyPolicy.Statement;
    expect(statements.slice(0, 3)).toEqual([
      expect.objectContaining({ Sid: 'KeyAdministrationNotUse', Principal: { AWS: 'arn:aws:iam::111111111111:root' } }),
      {
        Sid: 'GrantsForAwsServicesOnly',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      },
      {
        Sid: 'AlertPublishersUseKey',
        Effect: 'Allow',
        Principal: { Service: ['backup.amazonaws.com', 'cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      },
    ]);
    // aws-cdk-lib's EventBridge SNS target adds its own grant; it may only ever name an AWS service.
    // The data stack's key also lets CloudWatch Logs encrypt the replica-key lookup's log group (test/constructs/control-tower.test.ts).
    for (const statement of statements.slice(3).filter((s: { Sid?: string }) => s.Sid !== 'LookupLogsUseKey')) {
      expect(statement).toEqual({
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
      });
    }
  });
});
