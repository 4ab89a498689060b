/**
 * The security events that page a human (DP-MONITOR), as CloudWatch Logs
 * metric filter patterns over the audit trail's events. Patterns follow the
 * CIS AWS Foundations Benchmark (v1.5+, section 4 "Monitoring"), whose control
 * each entry names; the backup entry has no CIS counterpart and follows the
 * same form.
 */

/** One security event: a metric filter and the alarm on it. */
export interface SecurityEvent {
  /** Construct id and metric name, e.g. `RootAccountUse`. */
  readonly id: string;
  /** What happened, for the alarm description and the e-mail. */
  readonly description: string;
  /** Where the pattern comes from. */
  readonly source: string;
  /** CloudWatch Logs filter pattern (at most 1,024 characters). */
  readonly pattern: string;
  /** Alarm when the sum over five minutes reaches this. */
  readonly threshold: number;
}

/** `($.eventName = A) || ($.eventName = B) ...` */
function anyEvent(names: readonly string[]): string {
  return names.map((n) => `($.eventName = ${n})`).join(' || ');
}

/** Every security event the audit stack alarms on. */
export const SECURITY_EVENTS: readonly SecurityEvent[] = [
  {
    id: 'RootAccountUse',
    description: 'The root user of the account was used.',
    source: 'CIS AWS Foundations 4.3',
    pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    threshold: 1,
  },
  {
    id: 'UnauthorizedApiCalls',
    description: 'An API call was refused as unauthorized or access denied (including client data access outside its owner).',
    source: 'CIS AWS Foundations 4.1',
    pattern:
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    threshold: 1,
  },
  {
    id: 'ConsoleSignInWithoutMfa',
    description: 'An IAM user signed in to the console without MFA.',
    source: 'CIS AWS Foundations 4.2',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    threshold: 1,
  },
  {
    id: 'IamPolicyChanges',
    description: 'An IAM policy was created, changed, attached, detached or deleted.',
    source: 'CIS AWS Foundations 4.4',
    pattern: `{ ${anyEvent([
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ])} }`,
    threshold: 1,
  },
  {
    id: 'CloudTrailChanges',
    description: 'A trail was created, changed, deleted, stopped or started, or its event selectors were changed.',
    source: 'CIS AWS Foundations 4.5, plus PutEventSelectors (which can turn data events off)',
    pattern: `{ ${anyEvent(['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging', 'PutEventSelectors'])} }`,
    threshold: 1,
  },
  {
    id: 'KmsKeyDisabledOrScheduledForDeletion',
    description: 'A customer-managed KMS key was disabled or scheduled for deletion.',
    source: 'CIS AWS Foundations 4.7',
    pattern: `{ ($.eventSource = kms.amazonaws.com) && (${anyEvent(['DisableKey', 'ScheduleKeyDeletion'])}) }`,
    threshold: 1,
  },
  {
    id: 'S3BucketPolicyChanges',
    description: 'An S3 bucket policy, ACL, CORS, lifecycle or replication configuration was changed.',
    source: 'CIS AWS Foundations 4.8',
    pattern: `{ ($.eventSource = s3.amazonaws.com) && (${anyEvent([
      'PutBucketAcl',
      'PutBucketPolicy',
      'PutBucketCors',
      'PutBucketLifecycle',
      'PutBucketReplication',
      'DeleteBucketPolicy',
      'DeleteBucketCors',
      'DeleteBucketLifecycle',
      'DeleteBucketReplication',
    ])}) }`,
    threshold: 1,
  },
  {
    id: 'BackupVaultOrPlanChanges',
    description:
      'A backup vault, its policy, lock or notifications, a backup plan or selection, or a recovery point was changed or deleted.',
    source: 'Baseline (BKP-IMMUTABLE), in the form of the CIS patterns',
    pattern: `{ ($.eventSource = backup.amazonaws.com) && (${anyEvent([
      'DeleteBackupVault',
      'PutBackupVaultAccessPolicy',
      'DeleteBackupVaultAccessPolicy',
      'PutBackupVaultLockConfiguration',
      'DeleteBackupVaultLockConfiguration',
      'PutBackupVaultNotifications',
      'DeleteBackupVaultNotifications',
      'UpdateBackupPlan',
      'DeleteBackupPlan',
      'DeleteBackupSelection',
      'DeleteRecoveryPoint',
      'UpdateRecoveryPointLifecycle',
      'DisassociateRecoveryPoint',
    ])}) }`,
    threshold: 1,
  },
];
