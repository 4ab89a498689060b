import * as iam from 'aws-cdk-lib/aws-iam';
import { Stack, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acmeFindings as findings } from '../../../util';

const ROLE = 'acme-data/Default/ReplicationRole/Resource';

describe('CDB-IamReplicationRoleScoped (CDM-3.5-AUTHORIZED-COPY, CDM-3.2-LEAST-PRIV)', () => {
  const replicaKeyArn = 'arn:aws:kms:eu-central-1:111111111111:key/11111111-2222-3333-4444-555555555555';
  const bucket = 'arn:aws:s3:::precision-acme-records-111111111111-eu-central-1';
  const attach = (role: iam.Role, statement: iam.PolicyStatement) => {
    new iam.ManagedPolicy(Stack.of(role), 'Extra', { statements: [statement], roles: [role] });
  };

  test('compliant: exactly the replication permissions (the lookup’s Lambda role is not a replication role)', () => {
    expect(findings('IamReplicationRoleScoped')).toEqual([]);
  });

  test('non-compliant: a wildcard action', () => {
    expect(
      findings('IamReplicationRoleScoped', ({ data }) =>
        data.replicationRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:Replicate*'], resources: [`${bucket}/*`] })),
      ),
    ).toEqual([ROLE]);
  });

  test('non-compliant: an action replication does not need', () => {
    expect(
      findings('IamReplicationRoleScoped', ({ data }) =>
        attach(data.replicationRole, new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`${bucket}/*`] })),
      ),
    ).toEqual([ROLE]);
  });

  test('non-compliant: objects of any bucket', () => {
    expect(
      findings('IamReplicationRoleScoped', ({ data }) =>
        attach(data.replicationRole, new iam.PolicyStatement({ actions: ['s3:ReplicateObject'], resources: ['arn:aws:s3:::*/*'] })),
      ),
    ).toEqual([ROLE]);
  });

  test('non-compliant: replication into a bucket that is not one of the client’s own', () => {
    expect(
      findings('IamReplicationRoleScoped', ({ data }) =>
        attach(
          data.replicationRole,
          new iam.PolicyStatement({ actions: ['s3:ReplicateObject'], resources: ['arn:aws:s3:::somebody-elses-bucket/*'] }),
        ),
      ),
    ).toEqual([ROLE]);
  });

  test('non-compliant: reading another client’s bucket', () => {
    expect(
      findings('IamReplicationRoleScoped', ({ data }) => {
        const other = new s3.Bucket(Stack.of(data.replicationRole), 'Other', { bucketName: 'precision-other-client-bucket' });
        Tags.of(other).add('client-id', 'other');
        attach(
          data.replicationRole,
          new iam.PolicyStatement({
            actions: ['s3:GetObjectVersionForReplication'],
            resources: ['arn:aws:s3:::precision-other-client-bucket/*'],
          }),
        );
      }),
    ).toEqual([ROLE]);
  });

  test('non-compliant: KMS use without kms:ViaService', () => {
    expect(
      findings('IamReplicationRoleScoped', ({ data }) =>
        attach(
          data.replicationRole,
          new iam.PolicyStatement({
            actions: ['kms:Encrypt'],
            resources: [replicaKeyArn],
            conditions: { StringEquals: { 'kms:EncryptionContext:aws:s3:arn': [bucket] } },
          }),
        ),
      ),
    ).toEqual([ROLE]);
  });

  test('non-compliant: KMS use through S3 in a region the client does not allow', () => {
    expect(
      findings('IamReplicationRoleScoped', ({ data }) =>
        attach(
          data.replicationRole,
          new iam.PolicyStatement({
            actions: ['kms:Encrypt'],
            resources: [replicaKeyArn],
            conditions: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': [bucket] } },
          }),
        ),
      ),
    ).toEqual([ROLE]);
  });

  test('non-compliant: KMS use without the bucket encryption context', () => {
    expect(
      findings('IamReplicationRoleScoped', ({ data }) =>
        attach(
          data.replicationRole,
          new iam.PolicyStatement({
            actions: ['kms:Encrypt'],
            resources: [replicaKeyArn],
            conditions: { StringEquals: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' } },
          }),
        ),
      ),
    ).toEqual([ROLE]);
  });

  test('non-compliant: KMS use on every key', () => {
    expect(
      findings('IamReplicationRoleScoped', ({ data }) =>
        attach(
          data.replicationRole,
          new iam.PolicyStatement({
            actions: ['kms:Decrypt'],
            resources: ['*'],
            conditions: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': [bucket] } },
          }),
        ),
      ),
    ).toEqual([ROLE]);
  });

  test('non-compliant: an AWS managed policy', () => {
    expect(
      findings('IamReplicationRoleScoped', ({ data }) =>
        data.replicationRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3ReadOnlyAccess')),
      ),
    ).toEqual([ROLE]);
  });

  test('non-compliant: an inline policy with NotAction', () => {
    expect(
      findings('IamReplicationRoleScoped', ({ data }) =>
        data.replicationRole.attachInlinePolicy(
          new iam.Policy(Stack.of(data.replicationRole), 'Inline', {
            statements: [new iam.PolicyStatement({ notActions: ['s3:DeleteBucket'], resources: [bucket] })],
          }),
        ),
      ),
    ).toEqual([ROLE]);
  });
});
