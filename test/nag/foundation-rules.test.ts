import { CfnDeletionPolicy, RemovalPolicy, type Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AccessLogBucket, ClientDataBucket, ClientKey, type ClientDataBucketProps } from '../../lib/constructs/data';
import { packFindings } from '../util';

/** Findings of one rule in a stack that belongs to client "acme". */
const clientFindings = (rule: string, build: (stack: Stack) => void) => packFindings(rule, build, 'acme');

/** A compliant client store of client "acme" (run it in a stack of that client: `clientFindings(rule, build, 'acme')`). */
function clientStore(stack: Stack, overrides: Partial<ClientDataBucketProps> = {}) {
  const key = new ClientKey(stack, 'Key', { clientId: 'acme', alias: 'alias/test/acme' });
  const logs = new AccessLogBucket(stack, 'Logs', { bucketName: 'test-acme-logs' });
  const bucket = new ClientDataBucket(stack, 'Records', {
    bucketName: 'test-acme-records',
    clientId: 'acme',
    dataset: 'records',
    classification: 'phi',
    tier: 'critical',
    encryptionKey: key,
    serverAccessLogsBucket: logs,
    ...overrides,
  });
  return { key, logs, bucket };
}

/** A bucket tagged as a dataset of "acme" but built from plain aws-cdk-lib props. */
function plainDataset(stack: Stack, props: s3.BucketProps) {
  const bucket = new s3.Bucket(stack, 'Plain', { removalPolicy: RemovalPolicy.RETAIN, ...props });
  Tags.of(bucket).add('dataset', 'plain');
  Tags.of(bucket).add('classification', 'pii');
  Tags.of(bucket).add('tier', 'important');
  return bucket;
}

describe('CDB-S3ClientKeyEncryption', () => {
  const rule = 'CDB-S3ClientKeyEncryption';
  test('compliant: the client’s own rotating key', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('non-compliant 1: S3-managed encryption', () => {
    expect(clientFindings(rule, (s) => plainDataset(s, { encryption: s3.BucketEncryption.S3_MANAGED }))).toEqual([
      `${rule} Test/Plain/Resource`,
    ]);
  });
  test('non-compliant 2: another client’s key', () => {
    const findings = clientFindings(rule, (s) => {
      const other = new ClientKey(s, 'OtherKey', { clientId: 'globex', alias: 'alias/test/globex' });
      Tags.of(other).add('client-id', 'globex', { priority: 200 });
      clientStore(s, { encryptionKey: other });
    });
    expect(findings).toEqual([`${rule} Test/Records/Resource`]);
  });
  test('non-compliant 3: a key that does not rotate', () => {
    const findings = clientFindings(rule, (s) =>
      plainDataset(s, { encryption: s3.BucketEncryption.KMS, encryptionKey: new kms.Key(s, 'NoRotation', { enableKeyRotation: false }) }),
    );
    expect(findings).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('non-compliant 4: a key from outside the stack', () => {
    const findings = clientFindings(rule, (s) =>
      plainDataset(s, {
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: kms.Key.fromKeyArn(s, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
      }),
    );
    expect(findings).toEqual([`${rule} Test/Plain/Resource`]);
  });
});

describe('CDB-S3ClientKeyUploadsEnforced', () => {
  const rule = 'CDB-S3ClientKeyUploadsEnforced';
  const kmsBucket = (s: Stack) =>
    plainDataset(s, {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: new ClientKey(s, 'Key', { clientId: 'acme', alias: 'alias/k' }),
    });
  test('compliant: both upload denies', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('non-compliant 1: no upload deny at all', () => {
    expect(clientFindings(rule, kmsBucket)).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('non-compliant 2: the algorithm is enforced but not the key', () => {
    const findings = clientFindings(rule, (s) => {
      const bucket = kmsBucket(s);
      bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:PutObject'],
          resources: [bucket.arnForObjects('*')],
          conditions: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
        }),
      );
    });
    expect(findings).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('non-compliant 3: S3-managed encryption (no key to enforce)', () => {
    expect(clientFindings(rule, (s) => plainDataset(s, { encryption: s3.BucketEncryption.S3_MANAGED }))).toEqual([
      `${rule} Test/Plain/Resource`,
    ]);
  });
});

describe('CDB-S3TlsEnforced', () => {
  const rule = 'CDB-S3TlsEnforced';
  test('compliant: dataset and log buckets deny plain HTTP and TLS below 1.2', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('non-compliant 1: no TLS statement', () => {
    expect(clientFindings(rule, (s) => new s3.Bucket(s, 'Open'))).toEqual([`${rule} Test/Open/Resource`]);
  });
  test('non-compliant 2: TLS required but any version accepted', () => {
    expect(clientFindings(rule, (s) => new s3.Bucket(s, 'AnyTls', { enforceSSL: true }))).toEqual([`${rule} Test/AnyTls/Resource`]);
  });
  test('non-compliant 3: TLS 1.0 accepted', () => {
    expect(clientFindings(rule, (s) => new s3.Bucket(s, 'OldTls', { enforceSSL: true, minimumTLSVersion: 1.0 }))).toEqual([
      `${rule} Test/OldTls/Resource`,
    ]);
  });
});

describe('CDB-S3SingleClassification', () => {
  const rule = 'CDB-S3SingleClassification';
  test('compliant: one known classification and tier; the log target is not a data store', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('not applicable: a bucket outside client stacks', () => {
    expect(packFindings(rule, (s) => new s3.Bucket(s, 'Shared'))).toEqual([]);
  });
  test('non-compliant 1: a client bucket without classification', () => {
    expect(
      clientFindings(rule, (s) => {
        Tags.of(new s3.Bucket(s, 'Unclassified')).add('tier', 'critical');
      }),
    ).toEqual([`${rule} Test/Unclassified/Resource`]);
  });
  test('non-compliant 2: an unknown or mixed classification', () => {
    expect(
      clientFindings(rule, (s) => {
        const bucket = new s3.Bucket(s, 'Mixed');
        Tags.of(bucket).add('classification', 'phi+pci');
        Tags.of(bucket).add('tier', 'critical');
      }),
    ).toEqual([`${rule} Test/Mixed/Resource`]);
  });
  test('non-compliant 3: no backup tier', () => {
    expect(
      clientFindings(rule, (s) => {
        Tags.of(new s3.Bucket(s, 'Untiered')).add('classification', 'pii');
      }),
    ).toEqual([`${rule} Test/Untiered/Resource`]);
  });
});

describe('CDB-S3ClientAbacEnforced', () => {
  const rule = 'CDB-S3ClientAbacEnforced';
  const deny = (bucket: s3.Bucket, actions: string[], conditions: Record<string, Record<string, unknown>>) =>
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions,
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        conditions,
      }),
    );
  test('compliant: deny outside the client, with and without exempted service roles', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
    expect(clientFindings(rule, (s) => clientStore(s, { serviceRoleArns: ['arn:aws:iam::111111111111:role/replication'] }))).toEqual([]);
  });
  test('non-compliant 1: no ABAC deny', () => {
    expect(clientFindings(rule, (s) => plainDataset(s, {}))).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('non-compliant 2: the deny names another client', () => {
    expect(
      clientFindings(rule, (s) => deny(plainDataset(s, {}), ['s3:*'], { StringNotEquals: { 'aws:PrincipalTag/client-id': 'globex' } })),
    ).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('non-compliant 3: the deny leaves data actions out', () => {
    expect(
      clientFindings(rule, (s) =>
        deny(plainDataset(s, {}), ['s3:GetObject'], { StringNotEquals: { 'aws:PrincipalTag/client-id': 'acme' } }),
      ),
    ).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('non-compliant 4: an extra condition narrows the deny', () => {
    expect(
      clientFindings(rule, (s) =>
        deny(plainDataset(s, {}), ['s3:*'], {
          StringNotEquals: { 'aws:PrincipalTag/client-id': 'acme' },
          StringLike: { 'aws:userid': 'AIDA*' },
        }),
      ),
    ).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('compliant: s3:* covers every data action', () => {
    expect(
      clientFindings(rule, (s) => deny(plainDataset(s, {}), ['s3:*'], { StringNotEquals: { 'aws:PrincipalTag/client-id': 'acme' } })),
    ).toEqual([]);
  });
});

describe('CDB-KmsKeyAdminSeparated', () => {
  const rule = 'CDB-KmsKeyAdminSeparated';
  test('compliant: ClientKey', () => {
    expect(clientFindings(rule, (s) => new ClientKey(s, 'Key', { clientId: 'acme', alias: 'alias/k' }))).toEqual([]);
  });
  test('non-compliant 1: the default key policy (root kms:*) mixes administration and use', () => {
    expect(clientFindings(rule, (s) => new kms.Key(s, 'Default', { enableKeyRotation: true }))).toEqual([`${rule} Test/Default/Resource`]);
  });
  test('non-compliant 2: nobody can update the key policy', () => {
    const findings = clientFindings(
      rule,
      (s) =>
        new kms.Key(s, 'Unmanageable', {
          policy: new iam.PolicyDocument({
            statements: [
              new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['kms:Decrypt'], resources: ['*'] }),
            ],
          }),
        }),
    );
    expect(findings).toEqual([`${rule} Test/Unmanageable/Resource`]);
  });
});

describe('CDB-KmsKeyUseClientScoped', () => {
  const rule = 'CDB-KmsKeyUseClientScoped';
  const useStatement = (conditions?: Record<string, Record<string, string>>) =>
    new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['kms:Decrypt'], resources: ['*'], conditions });
  test('compliant: ClientKey in a client stack', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('compliant: a service principal may use a client-stack key', () => {
    expect(
      clientFindings(rule, (s) => {
        new kms.Key(s, 'Svc', {
          policy: new iam.PolicyDocument({
            statements: [
              new iam.PolicyStatement({
                principals: [new iam.ServicePrincipal('events.amazonaws.com')],
                actions: ['kms:Decrypt'],
                resources: ['*'],
              }),
            ],
          }),
        });
      }),
    ).toEqual([]);
  });
  test('not applicable: a key outside client stacks', () => {
    expect(packFindings(rule, (s) => new kms.Key(s, 'Shared'))).toEqual([]);
  });
  test('non-compliant 1: the default policy lets the whole account use a client key', () => {
    expect(
      clientFindings(rule, (s) => {
        new kms.Key(s, 'Default');
      }),
    ).toEqual([`${rule} Test/Default/Resource`]);
  });
  test('non-compliant 2: the session tag names another client', () => {
    expect(
      clientFindings(rule, (s) => {
        new kms.Key(s, 'Other', {
          policy: new iam.PolicyDocument({ statements: [useStatement({ StringEquals: { 'aws:PrincipalTag/client-id': 'globex' } })] }),
        });
      }),
    ).toEqual([`${rule} Test/Other/Resource`]);
  });
});

describe('CDB-ClientResourceTagged', () => {
  const rule = 'CDB-ClientResourceTagged';
  test('compliant: everything in the client stack carries the client id', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('not applicable: resources outside client stacks', () => {
    expect(packFindings(rule, (s) => new sns.Topic(s, 'Topic'))).toEqual([]);
  });
  test('non-compliant: a resource whose client tag was removed', () => {
    expect(
      clientFindings(rule, (s) => {
        clientStore(s);
        Tags.of(new sns.Topic(s, 'Untagged')).remove('client-id', { priority: 300 });
      }),
    ).toEqual([`${rule} Test/Untagged/Resource`]);
  });
});

describe('CDB-StatefulResourceRetained', () => {
  const rule = 'CDB-StatefulResourceRetained';
  test('compliant: keys and buckets of the baseline', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('non-compliant 1: a bucket destroyed with its stack', () => {
    expect(clientFindings(rule, (s) => new s3.Bucket(s, 'Gone', { removalPolicy: RemovalPolicy.DESTROY }))).toEqual([
      `${rule} Test/Gone/Resource`,
    ]);
  });
  test('non-compliant 2: a key retained on deletion but not on replacement', () => {
    expect(
      clientFindings(rule, (s) => {
        const key = new kms.Key(s, 'Replaced', { removalPolicy: RemovalPolicy.RETAIN });
        (key.node.defaultChild as kms.CfnKey).cfnOptions.updateReplacePolicy = CfnDeletionPolicy.DELETE;
      }),
    ).toEqual([`${rule} Test/Replaced/Resource`]);
  });
  test('non-compliant 3: a log group destroyed with its stack', () => {
    expect(clientFindings(rule, (s) => new logs.LogGroup(s, 'Logs', { removalPolicy: RemovalPolicy.DESTROY }))).toEqual([
      `${rule} Test/Logs/Resource`,
    ]);
  });
});
