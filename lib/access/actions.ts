/**
 * The IAM action lists of the baseline's statements, by duty and service
 * (CDM-3.2-LEAST-PRIV, DP-KEY-ADMIN): one home each, read by the constructs
 * that grant them, the rules that judge them and the isolation proof.
 */
/**
 * Key administration actions: manage the key and its policy, never use it
 * (DP-KEY-ADMIN). Granted to the account (that is, to its privileged IAM roles).
 */
export const KMS_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias', // not kms:Create*: kms:CreateGrant would let an administrator grant itself key use
  'kms:Delete*',
  'kms:Describe*',
  'kms:Disable*',
  'kms:Enable*',
  'kms:Get*',
  'kms:List*',
  'kms:Put*',
  'kms:Revoke*',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:Update*',
] as const;

/** Key use actions: the only ones a client's own principals receive. */
export const KMS_USE_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'] as const;

/**
 * S3 actions that read or change object data or list it. Bucket policies deny
 * these (not bucket administration, so that CloudFormation can still manage the
 * bucket) to every principal outside the owning client (DP-ABAC).
 */
export const S3_DATA_ACTIONS = [
  's3:AbortMultipartUpload',
  's3:DeleteObject',
  's3:DeleteObjectTagging',
  's3:DeleteObjectVersion',
  's3:DeleteObjectVersionTagging',
  's3:GetObject',
  's3:GetObjectAcl',
  's3:GetObjectAttributes',
  's3:GetObjectTagging',
  's3:GetObjectVersion',
  's3:GetObjectVersionAcl',
  's3:GetObjectVersionAttributes',
  's3:GetObjectVersionTagging',
  's3:ListBucket',
  's3:ListBucketMultipartUploads',
  's3:ListBucketVersions',
  's3:ListMultipartUploadParts',
  's3:PutObject',
  's3:PutObjectAcl',
  's3:PutObjectTagging',
  's3:PutObjectVersionAcl',
  's3:PutObjectVersionTagging',
  's3:RestoreObject',
] as const;

/** S3 object and listing reads: what a reader needs (CDM-3.2-LEAST-PRIV). */
export const S3_READ_ACTIONS = [
  's3:GetObject',
  's3:GetObjectAttributes',
  's3:GetObjectTagging',
  's3:GetObjectVersion',
  's3:GetObjectVersionAttributes',
  's3:GetObjectVersionTagging',
  's3:ListBucket',
  's3:ListBucketMultipartUploads',
  's3:ListBucketVersions',
  's3:ListMultipartUploadParts',
] as const;

/**
 * S3 object writes an operator needs. Deleting an object only adds a delete
 * marker (the bucket is versioned); deleting versions is not among them.
 */
export const S3_WRITE_ACTIONS = [
  's3:AbortMultipartUpload',
  's3:DeleteObject',
  's3:PutObject',
  's3:PutObjectTagging',
  's3:RestoreObject',
] as const;

/** Version deletion: only break-glass may purge history (DP-INTEGRITY, DP-ALWAYS-OFF). */
export const S3_PURGE_ACTIONS = ['s3:DeleteObjectTagging', 's3:DeleteObjectVersion', 's3:DeleteObjectVersionTagging'] as const;

/** Bucket configuration reads an auditor needs; no object content. */
export const S3_AUDIT_ACTIONS = [
  's3:GetBucketAcl',
  's3:GetBucketLocation',
  's3:GetBucketLogging',
  's3:GetBucketObjectLockConfiguration',
  's3:GetBucketOwnershipControls',
  's3:GetBucketPolicy',
  's3:GetBucketPolicyStatus',
  's3:GetBucketPublicAccessBlock',
  's3:GetBucketTagging',
  's3:GetBucketVersioning',
  's3:GetEncryptionConfiguration',
  's3:GetLifecycleConfiguration',
  's3:GetReplicationConfiguration',
] as const;

/** Reads of server access logs (objects of the client's log buckets) for auditors (DP-LOG-ALL-ACCESS). */
export const S3_LOG_READ_ACTIONS = ['s3:GetObject', 's3:ListBucket'] as const;

/** Key use for reading data (SSE-KMS decrypt). */
export const KMS_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'] as const;

/** Key use for writing data (SSE-KMS encrypt, also multipart uploads). */
export const KMS_ENCRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] as const;

/** Key configuration reads for auditors; no key use (DP-KEY-ADMIN). */
export const KMS_AUDIT_ACTIONS = ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'] as const;
