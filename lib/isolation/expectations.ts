/**
 * What the proof asks of each principal, by the kind of request it makes:
 * which requests on its own client's stores each duty must be allowed (so the
 * proof cannot pass by denying everything) and must be refused (least
 * privilege within the client), which requests on another client's stores
 * must be refused by every layer, and which actions the access matrix lists.
 */
import { isBucketLevelS3Action, KMS_AUDIT_ACTIONS, S3_AUDIT_ACTIONS, S3_DATA_ACTIONS } from '../access';

/** What a request targets: a bucket, an object in it, a key, or a log bucket and its objects. */
export type Target = 'bucket' | 'object' | 'key' | 'log-bucket' | 'log-object';

/** One request shape. */
export interface Probe {
  readonly on: Target;
  readonly action: string;
}

/** The layers a request is judged by, each on its own and together. */
export type Layer = 'identity' | 'boundary' | 'resource' | 'effective';

const p = (on: Target, ...actions: string[]): Probe[] => actions.map((action) => ({ on, action }));

/** Requests each kind of role must be allowed, and refused, on its own client's stores. */
export const OWN_CLIENT_EXPECTATIONS: Readonly<Record<string, { readonly allow: readonly Probe[]; readonly deny: readonly Probe[] }>> = {
  operator: {
    allow: [
      ...p('object', 's3:GetObject', 's3:PutObject', 's3:DeleteObject'),
      ...p('bucket', 's3:ListBucket'),
      ...p('key', 'kms:Decrypt', 'kms:GenerateDataKey'),
    ],
    deny: [
      ...p('object', 's3:DeleteObjectVersion'),
      ...p('bucket', 's3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:PutEncryptionConfiguration'),
      ...p('key', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:CreateGrant'),
    ],
  },
  reader: {
    allow: [...p('object', 's3:GetObject'), ...p('bucket', 's3:ListBucket'), ...p('key', 'kms:Decrypt')],
    deny: [
      ...p('object', 's3:PutObject', 's3:DeleteObject'),
      ...p('bucket', 's3:PutBucketPolicy'),
      ...p('key', 'kms:GenerateDataKey', 'kms:Encrypt'),
    ],
  },
  auditor: {
    allow: [
      ...p('bucket', 's3:GetBucketPolicy', 's3:GetEncryptionConfiguration'),
      ...p('key', 'kms:GetKeyPolicy', 'kms:DescribeKey'),
      ...p('log-bucket', 's3:ListBucket'),
      ...p('log-object', 's3:GetObject'),
    ],
    deny: [
      ...p('object', 's3:GetObject', 's3:PutObject'),
      ...p('bucket', 's3:ListBucket', 's3:PutBucketPolicy'),
      ...p('key', 'kms:Decrypt'),
      ...p('log-object', 's3:PutObject'),
    ],
  },
  'break-glass': {
    allow: [...p('object', 's3:GetObject', 's3:PutObject', 's3:DeleteObjectVersion'), ...p('key', 'kms:Decrypt', 'kms:GenerateDataKey')],
    deny: [...p('bucket', 's3:PutBucketPolicy'), ...p('key', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion')],
  },
};

/**
 * Requests on another client's stores that must be refused. Data actions by
 * every layer on its own (identity policies, permission boundary, bucket or
 * key policy) and together; configuration reads and writes, which bucket and
 * key policies leave to IAM (so that CloudFormation can manage them), by the
 * principal's own layers and together.
 */
export const CROSS_CLIENT_PROBES: readonly (Probe & { readonly layers: readonly Layer[] })[] = [
  ...p('object', 's3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'),
  ...p('bucket', 's3:ListBucket', 's3:ListBucketVersions'),
  ...p('key', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom'),
]
  .map((probe) => ({ ...probe, layers: ['identity', 'boundary', 'resource', 'effective'] as Layer[] }))
  .concat(
    [...p('bucket', 's3:GetBucketPolicy', 's3:PutBucketPolicy'), ...p('key', 'kms:GetKeyPolicy', 'kms:PutKeyPolicy')].map((probe) => ({
      ...probe,
      layers: ['identity', 'boundary', 'effective'] as Layer[],
    })),
  );

/** Actions the access matrix evaluates, per target. */
export const MATRIX_ACTIONS: Readonly<Record<Target, readonly string[]>> = {
  bucket: [
    ...new Set([
      ...S3_DATA_ACTIONS.filter(isBucketLevelS3Action),
      ...S3_AUDIT_ACTIONS,
      's3:DeleteBucket',
      's3:PutBucketPolicy',
      's3:PutEncryptionConfiguration',
      's3:PutLifecycleConfiguration',
    ]),
  ].sort(),
  object: S3_DATA_ACTIONS.filter((a) => !isBucketLevelS3Action(a)),
  key: [
    ...new Set([
      'kms:Decrypt',
      'kms:Encrypt',
      'kms:GenerateDataKey',
      'kms:GenerateDataKeyWithoutPlaintext',
      'kms:ReEncryptFrom',
      'kms:ReEncryptTo',
      ...KMS_AUDIT_ACTIONS,
      'kms:CreateGrant',
      'kms:DisableKey',
      'kms:PutKeyPolicy',
      'kms:ScheduleKeyDeletion',
    ]),
  ].sort(),
  'log-bucket': ['s3:GetBucketPolicy', 's3:ListBucket', 's3:PutBucketPolicy'],
  'log-object': ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
};
