/**
 * Secure defaults, in one place. Constructs read their defaults from here and
 * nowhere else, so that a reviewer can see every default the baseline applies
 * and the control each one serves.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';

/** Tag keys the baseline writes and the policy pack reads (CDM-3.1-CLASSIFY, DP-ABAC). */
export const TAG_KEYS = {
  /** The owning client's id, on every client resource; also the ABAC principal tag. */
  clientId: 'client-id',
  /** The dataset a store holds. */
  dataset: 'dataset',
  /** The one classification of the data in a store (DP-CLASS-SEPARATE). */
  classification: 'classification',
  /** The backup tier of a store (BKP-2-TIERS). */
  tier: 'tier',
  /** Marks resources created by this baseline. */
  managedBy: 'managed-by',
  /** A store's recovery point objective in hours (BKP-4.1-RPO). */
  rpoHours: 'rpo-hours',
  /** A store's recovery time objective in hours, which restore tests are judged against (BKP-4.2-RTO). */
  rtoHours: 'rto-hours',
} as const;

/** Value of the `managed-by` tag. */
export const MANAGED_BY = 'client-data-baseline';

/** Classifications, lowest first; `confidential` is the floor (CDM-3.1-CLASSIFY). */
export const CLASSIFICATIONS = ['confidential', 'pii', 'phi', 'pci', 'cui'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Classifications that carry regulatory obligations and raise the controls. */
export const REGULATED_CLASSIFICATIONS: readonly Classification[] = ['pii', 'phi', 'pci', 'cui'];

/** Backup tiers from the Customer Data Backup Policy §2 (BKP-2-TIERS). */
export const TIERS = ['critical', 'important', 'non-essential'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * Data retention when a dataset does not state `retentionDays` (CDM-3.7-RETENTION):
 * seven years for every class, the longest common regulatory minimum (HIPAA six
 * years, SOX seven). Per class so that an agreement-driven change stays local.
 */
export const DEFAULT_RETENTION_DAYS: Readonly<Record<Classification, number>> = {
  confidential: 2555,
  pii: 2555,
  phi: 2555,
  pci: 2555,
  cui: 2555,
};

/** Defaults for client data buckets (CDM-3.4-AT-REST, DP-INTEGRITY, CDM-3.7-RETENTION). */
export const DATA_BUCKET_DEFAULTS = {
  /** Stateful: kept when the stack is deleted or the resource replaced. */
  removalPolicy: RemovalPolicy.RETAIN,
  /** How long superseded object versions are kept before they expire. */
  noncurrentVersionExpiration: Duration.days(90),
  /** Incomplete multipart uploads are aborted after this long. */
  abortIncompleteMultipartUploadAfter: Duration.days(7),
  /** The lowest TLS version a request may use (CDM-3.4-IN-TRANSIT). */
  minimumTlsVersion: 1.2,
} as const;

/** Defaults for server access log buckets (DP-LOG-ALL-ACCESS, CDM-3.7-RETENTION). */
export const ACCESS_LOG_BUCKET_DEFAULTS = {
  removalPolicy: RemovalPolicy.RETAIN,
  /** Server access logs are kept this long, then expire. */
  retention: Duration.days(400),
  minimumTlsVersion: 1.2,
} as const;

/** Defaults for customer-managed KMS keys (CDM-3.4-AT-REST, DP-KEY-ADMIN). */
export const KEY_DEFAULTS = {
  removalPolicy: RemovalPolicy.RETAIN,
  enableKeyRotation: true,
  /** Waiting period if a key is ever scheduled for deletion. */
  pendingWindow: Duration.days(30),
} as const;

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

/**
 * Stack metadata key under which every per-client stack records the regions
 * its client's agreement allows (CDM-3.8-SOVEREIGNTY); rules read it.
 */
export const RESIDENCY_METADATA = 'cdb:allowed-regions';

/**
 * Stack metadata key with which a client's replica stack names the region it
 * replicates from; backup rules skip its buckets (they are copies, their
 * source is backed up) (BKP-3.5-OFFSITE).
 */
export const REPLICA_METADATA = 'cdb:replica-of';

/** Defaults for backup vaults and their keys (BKP-3.3-METHOD, BKP-IMMUTABLE). */
export const BACKUP_VAULT_DEFAULTS = {
  /** Stateful: kept when the stack is deleted or the resource replaced. */
  removalPolicy: RemovalPolicy.RETAIN,
} as const;

/** AWS managed policies the backup service role needs for S3 (and nothing else). */
export const BACKUP_ROLE_MANAGED_POLICIES = ['AWSBackupServiceRolePolicyForS3Backup', 'AWSBackupServiceRolePolicyForS3Restore'] as const;

/**
 * Cross-region replication of client datasets (DP-MULTI-REGION, CDM-3.1-CLASSIFY).
 * Delete markers are not replicated: the replica is the recovery copy, and a
 * deletion in the primary (by mistake or by an attacker) must not hide data in
 * it; each bucket's own lifecycle enforces retention (CDM-3.7-RETENTION).
 */
export const REPLICATION_DEFAULTS = {
  /** Whether delete markers are replicated to the replica. */
  deleteMarkerReplication: false,
  /** Tiers whose datasets get S3 Replication Time Control (15-minute SLA). */
  replicationTimeControlTiers: ['critical'] as readonly Tier[],
  /** Classifications whose datasets get S3 Replication Time Control. */
  replicationTimeControlClassifications: REGULATED_CLASSIFICATIONS,
  /** Datasets per replication-role managed policy (IAM caps a managed policy at 6,144 characters). */
  datasetsPerPolicy: 10,
} as const;

/** Object Lock modes of the log archive; `compliance` only on explicit opt-in (DP-LOG-INTEGRITY). */
export const LOCK_MODES = ['governance', 'compliance'] as const;
export type LockMode = (typeof LOCK_MODES)[number];

/**
 * Retention periods CloudWatch Logs accepts, from 90 days up: three months of
 * audit trail immediately at hand (PCI DSS 10.7) is the floor the baseline
 * allows for the trail's log group (CDM-3.7-RETENTION).
 */
export const AUDIT_LOG_RETENTION_CHOICES = [90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/**
 * Defaults of `provider.audit` (DP-LOG-INTEGRITY, CDM-3.7-RETENTION): the
 * trail's log group keeps a year at hand; the archive keeps every log file
 * seven years (as long as client data by default), locked in governance mode
 * for the first year.
 */
export const AUDIT_DEFAULTS = {
  /** Days the CloudWatch Logs group keeps trail events. */
  logRetentionDays: 365,
  archive: {
    /** Object Lock mode of every log file. */
    lockMode: 'governance',
    /** Days each log file is locked against deletion and overwrite. */
    lockDays: 365,
    /** Days each log file is kept before it expires. */
    retentionDays: 2557,
  },
} as const;

/** The shortest archive retention allowed: one year of audit trail (PCI DSS 10.7). */
export const AUDIT_ARCHIVE_MIN_RETENTION_DAYS = 365;

/** Defaults of the log archive bucket (DP-LOG-INTEGRITY, CDM-3.7-RETENTION). */
export const LOG_ARCHIVE_DEFAULTS = {
  removalPolicy: RemovalPolicy.RETAIN,
  /** Log files move to S3 Glacier Instant Retrieval (still readable at once) after this long. */
  transitionToGlacierAfter: Duration.days(90),
  /** Versions that became non-current (after expiry) are removed this long after. */
  noncurrentVersionExpiration: Duration.days(30),
  minimumTlsVersion: 1.2,
} as const;

/** CloudWatch namespace of the security metrics the audit trail's metric filters emit (DP-MONITOR). */
export const SECURITY_METRIC_NAMESPACE = 'ClientDataBaseline/Audit';

/**
 * Duties a client's people can hold, each a role of its own (CDM-3.2-LEAST-PRIV):
 * `operator` reads and writes objects, `reader` reads them, `auditor` reads
 * configuration and logs but no object content.
 */
export const DUTIES = ['operator', 'reader', 'auditor'] as const;
export type Duty = (typeof DUTIES)[number];

/** Defaults of the roles people assume (CDM-3.2-REVIEW, CDM-3.2-MFA, DP-ABAC). */
export const DUTY_ROLE_DEFAULTS = {
  /** Longest session a duty or break-glass role grants (IAM's minimum is one hour). */
  maxSessionDuration: Duration.hours(1),
} as const;

/** Break-glass defaults (DP-ALWAYS-OFF). */
export const BREAK_GLASS_DEFAULTS = {
  /** An approval may run at most this many hours ahead of the synth (`provider.breakGlassMaxHours`). */
  maxHours: 72,
} as const;

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

/** Tag keys on the roles people assume (CDM-3.2-REVIEW, DP-ALWAYS-OFF); `client-id` is in TAG_KEYS. */
export const ACCESS_TAG_KEYS = {
  /** The duty of a role (`operator`, `reader`, `auditor`, `break-glass`). */
  duty: 'duty',
  /** The change that approved a break-glass role. */
  ticket: 'break-glass-ticket',
  /** Who approved it. */
  approvedBy: 'break-glass-approved-by',
  /** When it stops working. */
  expires: 'break-glass-expires',
} as const;

/** Condition keys the trust policies of people's roles use (CDM-3.2-MFA, DP-ABAC, DP-ALWAYS-OFF). */
export const TRUST_CONDITION_KEYS = {
  mfa: 'aws:MultiFactorAuthPresent',
  principalArn: 'aws:PrincipalArn',
  sessionTag: `aws:RequestTag/${TAG_KEYS.clientId}`,
  currentTime: 'aws:CurrentTime',
  requestedRegion: 'aws:RequestedRegion',
} as const;

/**
 * Offboarding by cryptographic erasure (CDM-3.7-DISPOSAL): the pending window
 * KMS allows before a scheduled key deletion takes effect, the tag that marks
 * a key whose destruction was approved (its value is the change ticket), and
 * the stack metadata key recording the offboarding on the client's stacks.
 */
export const OFFBOARDING_DEFAULTS = {
  /** KMS's shortest pending window, in days. */
  minErasureAfterDays: 7,
  /** KMS's longest pending window, in days. */
  maxErasureAfterDays: 30,
  /** Tag on every key of an offboarding client: the only keys that may carry RemovalPolicy.DESTROY. */
  keyTag: 'offboarding',
  /** Stack metadata key of an offboarding client's stacks (value: the erasure record's terms). */
  metadata: 'cdb:offboarding',
  /** The `duty` tag of the read-only role that stays during an export window. */
  exportDuty: 'export',
} as const;
