/**
 * Secure defaults, in one place. Constructs read their defaults from here and
 * nowhere else, so that a reviewer can see every default the baseline applies
 * and the control each one serves.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';

/**
 * Data retention when a dataset does not state `retentionDays` (CDM-3.7-RETENTION):
 * seven years for every class, the longest common regulatory minimum (HIPAA six
 * years, SOX seven). Per class so that an agreement-driven change stays local.
 */
export const DEFAULT_RETENTION_DAYS = {
  confidential: 2555,
  pii: 2555,
  phi: 2555,
  pci: 2555,
  cui: 2555,
} as const;

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

/** Defaults for backup vaults and their keys (BKP-3.3-METHOD, BKP-IMMUTABLE). */
export const BACKUP_VAULT_DEFAULTS = {
  /** Stateful: kept when the stack is deleted or the resource replaced. */
  removalPolicy: RemovalPolicy.RETAIN,
  /** Vault lock mode unless the agreement opts into `compliance` (privileged roles can still remove a governance lock). */
  lockMode: 'governance',
  /** Compliance mode: days before the lock becomes immutable (AWS's minimum, see `AWS_LIMITS.backupVaultLockMinChangeableDays`). */
  lockChangeableForDays: 3,
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
  replicationTimeControlTiers: ['critical'] as readonly string[],
  /** Whether datasets of a regulated classification get S3 Replication Time Control too. */
  replicationTimeControlRegulated: true,
  /** Datasets per replication-role managed policy (IAM caps a managed policy at 6,144 characters). */
  datasetsPerPolicy: 10,
} as const;

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
