/**
 * The replication rules of the pack, each with its compliant case and every
 * way of failing. The baseline of one client (acme: eu-west-1 to
 * eu-central-1, allowed [eu-west-1, eu-central-1]) is built and then broken
 * at the L1 level, as a hand-written template could be.
 */
import { Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnAlias, type CfnKey } from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { addBaselineStacks, type BaselineStacks } from '../../lib/internal';
import { parseConfig } from '../../lib/config';
import { RESIDENCY_METADATA } from '../../lib/model';
import { exampleRaw, packFindings } from '../util';

const ACME = (() => {
  const raw = structuredClone(exampleRaw()) as { clients: unknown[] };
  raw.clients = [raw.clients[0]];
  return parseConfig(raw, 'acme.yaml');
})();

const RECORDS = 'acme-data/Default/Dataset-records/Resource';
const BILLING = 'acme-data/Default/Dataset-billing/Resource';
const ROLE = 'acme-data/Default/ReplicationRole/Resource';

/** The findings of one rule over acme's stacks, after an optional change. */
function findings(rule: string, change: (stacks: BaselineStacks['clients'][string]) => void = () => undefined): string[] {
  return packFindings(`CDB-${rule}`, (stack) => {
    const stacks = addBaselineStacks(stack.node.root, ACME);
    change(stacks.clients.acme);
  })
    .map((f) => f.split(' ')[1])
    .sort();
}

/** The L1 replication configuration of a dataset bucket. */
function replicationOf(bucket: s3.IBucket): s3.CfnBucket.ReplicationConfigurationProperty {
  return (bucket.node.defaultChild as s3.CfnBucket).replicationConfiguration as s3.CfnBucket.ReplicationConfigurationProperty;
}

/** Changes the first rule of a dataset bucket's replication configuration. */
function changeRule(
  bucket: s3.IBucket,
  change: (rule: s3.CfnBucket.ReplicationRuleProperty) => s3.CfnBucket.ReplicationRuleProperty,
): void {
  const config = replicationOf(bucket);
  const rules = config.rules as s3.CfnBucket.ReplicationRuleProperty[];
  (bucket.node.defaultChild as s3.CfnBucket).replicationConfiguration = { ...config, rules: [change(rules[0]), ...rules.slice(1)] };
}

/** A rule whose replica key ARN is replaced by a literal. */
const withKey = (arn: string) => (rule: s3.CfnBucket.ReplicationRuleProperty) => ({
  ...rule,
  destination: { ...(rule.destination as s3.CfnBucket.ReplicationDestinationProperty), encryptionConfiguration: { replicaKmsKeyId: arn } },
});

describe('CDB-S3DatasetReplicated (DP-MULTI-REGION)', () => {
  test('compliant: every dataset bucket replicates and the replicas are their destinations', () => {
    expect(findings('S3DatasetReplicated')).toEqual([]);
  });

  test('non-compliant: a dataset bucket without replication (and its replica, now nobody’s destination)', () => {
    expect(
      findings('S3DatasetReplicated', ({ data }) => {
        (data.buckets.records.node.defaultChild as s3.CfnBucket).replicationConfiguration = undefined;
      }),
    ).toEqual([RECORDS, 'acme-replica/Default/Replica-records/Resource']);
  });

  test('non-compliant: a rule that copies only a prefix', () => {
    expect(
      findings('S3DatasetReplicated', ({ data }) => changeRule(data.buckets.records, (r) => ({ ...r, filter: { prefix: 'some/' } }))),
    ).toEqual([RECORDS]);
  });

  test('non-compliant: a disabled rule', () => {
    expect(findings('S3DatasetReplicated', ({ data }) => changeRule(data.buckets.billing, (r) => ({ ...r, status: 'Disabled' })))).toEqual([
      BILLING,
    ]);
  });
});

describe('CDB-S3ReplicationInAllowedRegions (CDM-3.8-SOVEREIGNTY, DP-MULTI-REGION)', () => {
  test('compliant: eu-west-1 to eu-central-1, both allowed', () => {
    expect(findings('S3ReplicationInAllowedRegions')).toEqual([]);
  });

  test('non-compliant: the replica key (so the replica) is in the source region', () => {
    expect(
      findings('S3ReplicationInAllowedRegions', ({ data }) =>
        changeRule(data.buckets.records, withKey('arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555')),
      ),
    ).toEqual([RECORDS]);
  });

  test('non-compliant: the replica is in a region the client does not allow', () => {
    expect(
      findings('S3ReplicationInAllowedRegions', ({ data }) =>
        changeRule(data.buckets.records, withKey('arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555')),
      ),
    ).toEqual([RECORDS]);
  });

  test('non-compliant: the replica key is an alias, so its region cannot be read', () => {
    expect(
      findings('S3ReplicationInAllowedRegions', ({ data }) =>
        changeRule(data.buckets.billing, withKey('arn:aws:kms:eu-central-1:111111111111:alias/precision/acme/data')),
      ),
    ).toEqual([BILLING]);
  });

  test('non-compliant: the destination bucket lives in another region than the replica key', () => {
    expect(
      findings('S3ReplicationInAllowedRegions', ({ data }) =>
        changeRule(data.buckets.records, (r) => ({
          ...r,
          destination: {
            ...(r.destination as s3.CfnBucket.ReplicationDestinationProperty),
            bucket: 'arn:aws:s3:::precision-acme-billing-111111111111-eu-west-1',
          },
        })),
      ),
    ).toEqual([RECORDS]);
  });

  test('non-compliant: a replicating bucket in a stack that does not record its allowed regions', () => {
    const found = packFindings('CDB-S3ReplicationInAllowedRegions', (stack) => {
      new s3.CfnBucket(stack, 'Bucket', {
        versioningConfiguration: { status: 'Enabled' },
        replicationConfiguration: {
          role: 'arn:aws:iam::111111111111:role/r',
          rules: [
            {
              status: 'Enabled',
              destination: {
                bucket: 'arn:aws:s3:::elsewhere',
                encryptionConfiguration: { replicaKmsKeyId: 'arn:aws:kms:eu-central-1:111111111111:key/k' },
              },
            },
          ],
        },
      });
    });
    expect(found).toEqual(['CDB-S3ReplicationInAllowedRegions Test/Bucket']);
  });

  test('compliant: the same bucket once its stack records the allowed regions (eu-west-1 to eu-central-1)', () => {
    const found = packFindings('CDB-S3ReplicationInAllowedRegions', (stack) => {
      stack.node.addMetadata(RESIDENCY_METADATA, ['eu-central-1', 'eu-west-1']);
      new s3.CfnBucket(stack, 'Bucket', {
        versioningConfiguration: { status: 'Enabled' },
        replicationConfiguration: {
          role: 'arn:aws:iam::111111111111:role/r',
          rules: [
            {
              status: 'Enabled',
              destination: {
                bucket: 'arn:aws:s3:::elsewhere',
                encryptionConfiguration: { replicaKmsKeyId: 'arn:aws:kms:eu-central-1:111111111111:key/k' },
              },
            },
          ],
        },
      });
    });
    expect(found).toEqual([]);
  });
});

describe('CDB-S3ReplicaEncryptedWithClientKey (CDM-3.4-AT-REST, DP-MULTI-REGION)', () => {
  test('compliant: replicas are encrypted with the replica bucket’s own rotating client key', () => {
    expect(findings('S3ReplicaEncryptedWithClientKey')).toEqual([]);
  });

  test('non-compliant: SSE-KMS objects are not replicated', () => {
    expect(
      findings('S3ReplicaEncryptedWithClientKey', ({ data }) =>
        changeRule(data.buckets.records, (r) => ({ ...r, sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Disabled' } } })),
      ),
    ).toEqual([RECORDS]);
  });

  test('non-compliant: a literal key ARN that cannot be proven to be the replica bucket’s key', () => {
    expect(
      findings('S3ReplicaEncryptedWithClientKey', ({ data }) =>
        changeRule(data.buckets.records, withKey('arn:aws:kms:eu-central-1:111111111111:key/11111111-2222-3333-4444-555555555555')),
      ),
    ).toEqual([RECORDS]);
  });

  test('non-compliant: the alias read at deploy time does not point at the key of the replica buckets', () => {
    expect(
      findings('S3ReplicaEncryptedWithClientKey', ({ replica }) => {
        const alias = replica.key.node.findAll().find((c): c is CfnAlias => c instanceof CfnAlias) as CfnAlias;
        alias.aliasName = 'alias/precision/acme/other';
      }),
    ).toEqual([BILLING, RECORDS]);
  });

  test('non-compliant: the replica key does not rotate', () => {
    expect(
      findings('S3ReplicaEncryptedWithClientKey', ({ replica }) => {
        (replica.key.node.defaultChild as CfnKey).enableKeyRotation = false;
      }),
    ).toEqual([BILLING, RECORDS]);
  });

  test('non-compliant: the destination bucket is not part of the baseline', () => {
    expect(
      findings('S3ReplicaEncryptedWithClientKey', ({ data }) =>
        changeRule(data.buckets.billing, (r) => ({
          ...r,
          destination: { ...(r.destination as s3.CfnBucket.ReplicationDestinationProperty), bucket: 'arn:aws:s3:::somebody-elses-bucket' },
        })),
      ),
    ).toEqual([BILLING]);
  });
});

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

describe('CDB-KmsKeyUseClientScoped and service roles (DP-ABAC)', () => {
  test('compliant: the replication role is named by an exact aws:PrincipalArn', () => {
    expect(findings('KmsKeyUseClientScoped')).toEqual([]);
  });

  test('non-compliant: a wildcard aws:PrincipalArn lets any role of the account use the key', () => {
    expect(
      findings('KmsKeyUseClientScoped', ({ data }) =>
        data.key.addToResourcePolicy(
          new iam.PolicyStatement({
            sid: 'AnyRole',
            principals: [new iam.AccountPrincipal('111111111111')],
            actions: ['kms:Decrypt'],
            resources: ['*'],
            conditions: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/*' } },
          }),
        ),
      ),
    ).toEqual(['acme-data/Default/DataKey/Resource']);
  });
});

describe('the client id of a client stack, read by the rules (CDM-3.1-CLASSIFY)', () => {
  // With `@aws-cdk/core:explicitStackTags` the stack's own tags are empty; the rules read the client from the stack.
  test('CDB-ClientResourceTagged flags a resource of a client stack that lost its client tag', () => {
    expect(findings('ClientResourceTagged', ({ data }) => Tags.of(data.accessLogs).remove('client-id', { priority: 1000 }))).toEqual([
      'acme-data/Default/AccessLogs/Resource',
    ]);
  });

  test('CDB-S3SingleClassification flags a dataset bucket without a classification', () => {
    expect(
      findings('S3SingleClassification', ({ data }) => Tags.of(data.buckets.records).remove('classification', { priority: 1000 })),
    ).toEqual([RECORDS]);
  });
});

describe('CDB-ClientDataInAllowedRegion (CDM-3.8-SOVEREIGNTY)', () => {
  const bucketIn = (stack: Stack, allowed: string[]) => {
    stack.node.addMetadata(RESIDENCY_METADATA, allowed);
    new s3.CfnBucket(stack, 'Bucket');
  };

  test('compliant: every bucket, key and log group of both client stacks is in an allowed region', () => {
    expect(findings('ClientDataInAllowedRegion')).toEqual([]);
  });

  test('non-compliant: a client stack in a region its client does not allow', () => {
    expect(packFindings('CDB-ClientDataInAllowedRegion', (stack) => bucketIn(stack, ['eu-central-1']))).toEqual([
      'CDB-ClientDataInAllowedRegion Test/Bucket',
    ]);
  });

  test('non-compliant: a client stack without a concrete region', () => {
    expect(
      packFindings('CDB-ClientDataInAllowedRegion', (stack) => bucketIn(new Stack(stack.node.root, 'Agnostic'), ['eu-west-1'])),
    ).toEqual(['CDB-ClientDataInAllowedRegion Agnostic/Bucket']);
  });

  test('not applicable: a stack that is not a client’s (no residency metadata)', () => {
    expect(packFindings('CDB-ClientDataInAllowedRegion', (stack) => new s3.CfnBucket(stack, 'Bucket'))).toEqual([]);
  });
});
