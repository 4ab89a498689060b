/**
 * The one registry of rules and the controls they check, in one shape for
 * every engine: this baseline's pack (`CDB-*`, cdk-nag rules judged per
 * resource), the standard cdk-nag rules mapped to our controls, the stack and
 * account limits (judged on the synthesized templates) and the kinds of
 * finding of the tenant isolation proof. The pack, the limit plugin, the
 * proof, the compliance report and `docs/RULES.md` all read it, so a rule's
 * controls have one home.
 */
import type { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, type NagRuleResult, rules } from 'cdk-nag';
import { AWS_LIMITS } from '../aws-limits';
import { DECLARED_QUOTAS_METADATA } from '../detection/settings';
import {
  BackupAuditFrameworkComplete,
  BackupCopyCrossRegion,
  BackupCopyOutOfAccount,
  BackupDatasetSelected,
  BackupJobFailuresAlerted,
  BackupPlanMeetsTier,
  BackupRestoreTested,
  BackupRtoRecorded,
  BackupVaultCmkEncrypted,
  BackupVaultLocked,
} from './rules/backup';
import { ClientDataInAllowedRegion, ClientResourceTagged, StatefulResourceRetained } from './rules/general';
import {
  IamBreakGlassTimeBoxed,
  IamHumanRoleShortSession,
  IamNoStandingAdminAccess,
  IamHumanRoleBoundaryAttached,
  IamHumanRoleMfaRequired,
  IamHumanRoleSessionTagRequired,
  IamNoCrossClientResource,
  IamReplicationRoleScoped,
} from './rules/iam';
import { KmsKeyAdminSeparated, KmsKeyUseClientScoped } from './rules/kms';
import {
  S3ClientAbacEnforced,
  S3ClientKeyEncryption,
  S3ClientKeyUploadsEnforced,
  S3DatasetReplicated,
  S3ReplicaEncryptedWithClientKey,
  S3ReplicationInAllowedRegions,
  S3SingleClassification,
  S3TlsEnforced,
} from './rules/s3';
import {
  CloudTrailArchiveInOwnAccount,
  CloudTrailArchiveLocked,
  CloudTrailArchiveRetained,
  CloudTrailClientDataEvents,
  CloudTrailEncryptedWithCmk,
  CloudTrailLogFileValidation,
  CloudTrailMultiRegion,
  CloudTrailToEncryptedLogGroup,
} from './rules/cloudtrail';
import { SnsTopicEncryptedWithCmk } from './rules/sns';
import { OrganizationGuardrailsAttached } from './rules/organizations';
import {
  AccessAnalyzerCoversClientData,
  ConfigRecorderComplete,
  DetectionFindingsRouted,
  GuardDutyCoversClientData,
  GuardDutyS3ProtectionEnabled,
  MacieCoversClientData,
  PostureCoversClientData,
  S3DatasetMalwareScanned,
  SecurityHubStandardsEnabled,
} from './rules/detection';
import {
  CloudTrailSelectorLimits,
  CodePipelineStructureLimits,
  IamManagedPolicySize,
  IamRoleInlinePoliciesSize,
  IamRoleManagedPolicyCount,
  IamTrustPolicySize,
  KmsKeyPolicySize,
  OrganizationsPoliciesPerTarget,
  OrganizationsPolicySize,
  S3BucketPolicySize,
  SnsTopicPolicySize,
} from './rules/limits';

/** Which engine judges a rule. */
export type RuleEngine = 'pack' | 'standard' | 'stack-limit' | 'account-limit' | 'proof';

/** What every registered rule states. */
interface RuleBase {
  /** The rule id findings carry (`CDB-<Rule>`, a proof finding kind, or the cdk-nag rule name for a standard rule). */
  readonly id: string;
  /** Control ids from `shared/policies/CONTROLS.md` this rule checks. */
  readonly controls: readonly string[];
  /** What a finding means. */
  readonly info: string;
  /** Why the rule exists. */
  readonly explanation: string;
  /** The engine that judges it. */
  readonly engine: RuleEngine;
}

/** A cdk-nag rule function; its `name` is the rule id's suffix. */
export type RuleFunction = ((node: CfnResource) => NagRuleResult) & { readonly name: string };

/** A rule of this baseline's pack, judged per resource. */
export interface PackRuleEntry extends RuleBase {
  readonly engine: 'pack';
  /** The rule function. */
  readonly rule: RuleFunction;
  /** How a finding is treated. */
  readonly level: NagMessageLevel;
}

/** A standard cdk-nag rule that checks one of our controls (the packs enforce it; the report uses it as evidence). */
export interface StandardRuleEntry extends RuleBase {
  readonly engine: 'standard';
  /** The rule function (cdk-nag's `rules.<service>.<Name>`). */
  readonly rule: RuleFunction;
  /** The ids it runs under in the packs this baseline registers. */
  readonly ids: readonly string[];
}

/** A synthesized template as the limit rules read it. */
export interface LimitTemplate {
  readonly Metadata?: Record<string, unknown>;
  readonly Resources?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
  readonly Parameters?: Record<string, unknown>;
  readonly Mappings?: Record<string, unknown>;
}

/** A stack-level CloudFormation limit, measured on the synthesized template. */
export interface StackLimitEntry extends RuleBase {
  readonly engine: 'stack-limit';
  /** What is counted. */
  readonly unit: string;
  /** The limit. */
  readonly limit: number;
  /** Measures a template (parsed) and its file size in bytes. */
  readonly measure: (template: LimitTemplate, bytes: number) => number;
}

/** An account-wide quota, counted over every stack of the synth in that account (and region, when `perRegion`). */
export interface AccountLimitEntry extends RuleBase {
  readonly engine: 'account-limit';
  /** What is counted. */
  readonly unit: string;
  /** The quota. */
  readonly limit: number;
  /** Whether the quota is per region (CloudFormation stacks) or account-wide (S3 buckets, IAM). */
  readonly perRegion: boolean;
  /** How many a template contributes. */
  readonly measure: (template: LimitTemplate) => number;
  /**
   * A raised quota a template declares for its scope (the largest declared
   * in the scope applies).
   *
   * @default - only the default quota
   */
  readonly declared?: (template: LimitTemplate) => number | undefined;
}

/** A kind of finding of the tenant isolation proof (`lib/isolation`); its explanation is the finding's fix text. */
export interface ProofRuleEntry extends RuleBase {
  readonly engine: 'proof';
}

/** One registered rule. */
export type RegisteredRule = PackRuleEntry | StandardRuleEntry | StackLimitEntry | AccountLimitEntry | ProofRuleEntry;

/** The pack's name, the prefix of every rule id (`CDB-<Rule>`). */
export const PACK_NAME = 'CDB';

type PackRuleSpec = Omit<PackRuleEntry, 'id' | 'engine'>;

/**
 * Every rule of the pack with the controls it serves: the mapping from policy
 * clauses to checks lives here, beside each rule's registration.
 */
const PACK: readonly PackRuleSpec[] = [
  {
    rule: S3ClientKeyEncryption,
    controls: ['CDM-3.4-AT-REST', 'CDM-3.3-SEGREGATE'],
    info: 'The client dataset bucket is not encrypted by default with a rotating customer-managed KMS key of the same client.',
    explanation:
      'Client data must be encrypted with the client’s own customer-managed key, never an AWS-owned or S3-managed key or another client’s key.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: S3ClientKeyUploadsEnforced,
    controls: ['CDM-3.4-AT-REST'],
    info: 'The client dataset bucket policy does not refuse uploads encrypted otherwise than SSE-KMS with the client key.',
    explanation: 'An upload that names another algorithm or key would store client data outside the client’s key.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: S3TlsEnforced,
    controls: ['CDM-3.4-IN-TRANSIT'],
    info: 'The bucket policy does not deny requests without TLS and with TLS below 1.2.',
    explanation: 'Client data in transit must be protected with TLS 1.2 or later.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: S3SingleClassification,
    controls: ['CDM-3.1-CLASSIFY', 'DP-CLASS-SEPARATE', 'BKP-2-TIERS'],
    info: 'The client bucket is not tagged with exactly one known classification and backup tier.',
    explanation: 'One store holds one classification, at least confidential, so that its controls follow that class.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: S3ClientAbacEnforced,
    controls: ['DP-ABAC', 'CDM-3.3-TENANT-ISOLATION'],
    info: 'The client dataset bucket policy does not deny data access to sessions without the owning client’s id tag.',
    explanation: 'The client id must travel in the session and every data access must be conditioned on it.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: KmsKeyAdminSeparated,
    controls: ['DP-KEY-ADMIN'],
    info: 'The key policy lets one statement both administer and use the key, or leaves the key unmanageable.',
    explanation: 'Key administration and key use are separate duties; KMS refuses a policy nobody can update.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: KmsKeyUseClientScoped,
    controls: ['DP-ABAC', 'CDM-3.3-TENANT-ISOLATION'],
    info: 'The client key policy allows key use to a whole account without requiring the client’s session tag.',
    explanation: 'Only the owning client’s principals and the baseline’s service roles may decrypt its data.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: ClientResourceTagged,
    controls: ['CDM-3.1-CLASSIFY', 'CDM-3.3-SEGREGATE'],
    info: 'A taggable resource in a client stack is not tagged with that client’s id.',
    explanation: 'Every client resource carries its owner.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: StatefulResourceRetained,
    controls: ['DP-INTEGRITY', 'CDM-3.7-DISPOSAL'],
    info: 'A stateful resource (bucket, key, log group, vault) is not retained on stack deletion and replacement, and is not a key of an approved erasure.',
    explanation:
      'Data and the keys to it must survive a stack deletion or a replacing update; only the keys of an offboarding client, tagged with its approved ticket, may be deleted (cryptographic erasure).',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: BackupDatasetSelected,
    controls: ['BKP-2-TIERS', 'BKP-3.1-FREQUENCY'],
    info: 'The client dataset bucket is not selected by a backup plan of its tier (a selection requiring its client id and tier).',
    explanation:
      'Every client data store is backed up on the schedule and retention of its tier. A lone ClientDataBucket is not: ClientDataStore selects each of its dataset buckets in its ClientBackup.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: BackupPlanMeetsTier,
    controls: ['BKP-3.1-FREQUENCY', 'BKP-3.2-RETENTION', 'BKP-4.1-RPO'],
    info: 'The backup plan does not meet its tier: a schedule gap plus start window over the RPO, a retention under the tier’s, or cold storage under 90 days.',
    explanation: 'The longest gap between two scheduled backups, not the nominal frequency, decides the recovery point objective.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: BackupVaultCmkEncrypted,
    controls: ['BKP-3.3-METHOD', 'CDM-3.4-AT-REST'],
    info: 'The backup vault is not encrypted with a rotating customer-managed KMS key of the same client.',
    explanation: 'Backups are client data: encrypted at rest with a customer-managed key, never the AWS-managed backup key.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: BackupVaultLocked,
    controls: ['BKP-IMMUTABLE'],
    info: 'The backup vault has no vault lock with a minimum retention, or its access policy does not deny deleting recovery points to everyone.',
    explanation: 'Recovery points must not be deletable before their retention ends, even by administrators.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: BackupCopyCrossRegion,
    controls: ['BKP-3.5-OFFSITE', 'CDM-3.8-SOVEREIGNTY'],
    info: 'A backup rule does not copy to a vault in another region, or copies to a region outside the client’s allowed regions.',
    explanation: 'Backups are kept offsite, in a second region the client’s agreement allows.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: BackupRestoreTested,
    controls: ['BKP-3.4-TESTING'],
    info: 'The backup plan’s tier has no restore testing selection in a restore testing plan that runs at least quarterly.',
    explanation: 'Restores are tested automatically at least quarterly, and the result recorded.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: BackupJobFailuresAlerted,
    controls: ['BKP-5-MONITOR'],
    info: 'Failed, aborted or expired backup, copy or restore jobs do not alert through an encrypted SNS topic.',
    explanation: 'People must learn of backup failures and act on them.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: S3DatasetReplicated,
    controls: ['DP-MULTI-REGION'],
    info: 'The client dataset bucket does not replicate all its objects, and is not itself the replica of a dataset bucket.',
    explanation:
      'Client data is replicated to a second region for redundancy and disaster recovery. A lone ClientDataBucket does not replicate: ClientDataStore replicates each dataset into the ClientReplicaStore of the client’s replica region.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: S3ReplicationInAllowedRegions,
    controls: ['CDM-3.8-SOVEREIGNTY', 'DP-MULTI-REGION'],
    info: 'The bucket replicates into its own region, or its source or destination region (the region of the replica key ARN) is outside the client’s allowed regions.',
    explanation:
      'A client’s data, replicas included, stays in the regions its agreement allows, and the replica must be in another region.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: S3ReplicaEncryptedWithClientKey,
    controls: ['CDM-3.4-AT-REST', 'DP-MULTI-REGION'],
    info: 'A replication rule does not replicate SSE-KMS objects into replicas encrypted with the destination bucket’s own rotating client key, named by key ARN.',
    explanation: 'Replicas are client data and must be encrypted with the client’s customer-managed key in the destination region.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamReplicationRoleScoped,
    controls: ['CDM-3.5-AUTHORIZED-COPY', 'CDM-3.2-LEAST-PRIV'],
    info: 'The replication role can do more than replicate named buckets, or uses KMS without kms:ViaService S3 in an allowed region and the bucket encryption context.',
    explanation: 'Data can only be copied to approved destinations; the role that copies it gets exactly what replication needs.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: ClientDataInAllowedRegion,
    controls: ['CDM-3.8-SOVEREIGNTY'],
    info: 'A stateful resource (bucket, key, log group, vault) of a client stack is in a region outside the client’s allowed regions.',
    explanation: 'A client’s data (primary, replica, backup copies, logs of its data) stays in the regions its agreement allows.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: CloudTrailMultiRegion,
    controls: ['DP-LOG-ALL-ACCESS'],
    info: 'The trail does not record every region and the global services.',
    explanation: 'API activity must be logged in every region, including IAM, STS and console sign-in events.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: CloudTrailLogFileValidation,
    controls: ['DP-LOG-INTEGRITY'],
    info: 'The trail does not validate its log files (no digest files).',
    explanation: 'Signed digests show whether a log file was changed, deleted or forged after delivery.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: CloudTrailEncryptedWithCmk,
    controls: ['CDM-3.4-AT-REST', 'DP-LOG-INTEGRITY'],
    info: 'The trail does not encrypt its log files with a rotating customer-managed KMS key of its stack.',
    explanation: 'Logs describe client data access and must be encrypted with a key whose use is controlled and recorded.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: CloudTrailToEncryptedLogGroup,
    controls: ['DP-MONITOR', 'DP-LOG-INTEGRITY', 'CDM-3.7-RETENTION'],
    info: 'The trail does not deliver to a CloudWatch Logs group of its stack encrypted with a customer-managed key and with a retention.',
    explanation:
      'The security alarms read the trail’s near real-time copy in CloudWatch Logs; it must be encrypted and kept on a schedule.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: CloudTrailClientDataEvents,
    controls: ['DP-LOG-ALL-ACCESS', 'CDM-5.1-AUDIT'],
    info: 'The trail does not record object reads and writes on every client dataset bucket of its account.',
    explanation: 'Every access to client data must be logged; coverage is computed from the trail’s selectors against each bucket name.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: CloudTrailArchiveLocked,
    controls: ['DP-LOG-INTEGRITY'],
    info: 'The trail’s log archive is not versioned with an Object Lock default retention, or its policy does not deny deleting log files to everyone.',
    explanation: 'Log files must be stored where administrators cannot alter or delete them.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: CloudTrailArchiveRetained,
    controls: ['DP-LOG-INTEGRITY', 'CDM-3.7-RETENTION'],
    info: 'The trail’s log archive is not retained on deletion, or has no expiry schedule, or expires log files before their lock ends.',
    explanation: 'Logs are kept on a stated schedule and survive the deletion of their stack.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: CloudTrailArchiveInOwnAccount,
    controls: ['DP-LOG-INTEGRITY'],
    info: 'With a log archive account, the trail’s archive or its key is not in that account, or that account is the trail’s or holds client stores.',
    explanation:
      'Logs are copied in real time to a system outside the control of the administrators and operators of the accounts whose activity they record.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: BackupCopyOutOfAccount,
    controls: ['BKP-BLAST-RADIUS', 'CDM-3.8-SOVEREIGNTY'],
    info: 'With a backup account, a rule of a plan backing up critical or regulated data does not copy to a vault of that account in an allowed region.',
    explanation: 'One copy of every critical or regulated backup lives outside the blast radius of the account it protects.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: OrganizationGuardrailsAttached,
    controls: ['DP-MINIMAL-SERVICES', 'DP-IDS-INDEPENDENT', 'CDM-3.8-SOVEREIGNTY'],
    info: 'In organization mode, the client account lacks an SCP whose regions equal its allowed regions, the SCP that protects the trail, detection and backups, or the data perimeter RCP.',
    explanation:
      'Services that are not required are disabled: a client account cannot leave its regions, switch off logging, detection or backups, or open its stores outside the organization.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: SnsTopicEncryptedWithCmk,
    controls: ['CDM-3.4-AT-REST', 'DP-MONITOR', 'BKP-5-MONITOR'],
    info: 'The SNS topic is not encrypted with a customer-managed KMS key.',
    explanation: 'Alerts carry event details; topics are encrypted like every other store.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamHumanRoleMfaRequired,
    controls: ['CDM-3.2-MFA'],
    info: 'A role that people can assume does not require MFA (Bool aws:MultiFactorAuthPresent = true) in every trust statement.',
    explanation: 'Human-assumable roles require MFA in their trust policy.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamHumanRoleSessionTagRequired,
    controls: ['DP-ABAC'],
    info: 'A role people assume in a client stack does not require the session to be tagged client-id=<client> (sts:TagSession with aws:RequestTag).',
    explanation: 'The client id travels in the session; an untagged or otherwise tagged session must be refused.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamHumanRoleBoundaryAttached,
    controls: ['CDM-3.2-LEAST-PRIV', 'CDM-3.3-TENANT-ISOLATION'],
    info: 'A role people assume in a client stack has no permission boundary.',
    explanation: 'The client’s boundary confines every role of the client to its own resources, whatever its policies say.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamNoCrossClientResource,
    controls: ['CDM-3.3-TENANT-ISOLATION', 'CDM-3.2-LEAST-PRIV'],
    info: 'An IAM policy in a client stack names or matches another client’s resources, or uses key/* for key use without the client’s own alias or tag condition.',
    explanation: 'No principal of one client may reach another client’s data; no wildcard resources on data actions.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamBreakGlassTimeBoxed,
    controls: ['DP-ALWAYS-OFF'],
    info: 'A break-glass role does not stop by itself (DateLessThan aws:CurrentTime = its recorded expiry) or lacks its recorded approval and ticket.',
    explanation: 'Break-glass access is granted only by an approved, recorded, time-boxed change and expires by itself.',
    level: NagMessageLevel.ERROR,
  },
  // Deploy-time limits caught at synth (AWS refuses these only when deploying); each finding names the size and the limit.
  {
    rule: S3BucketPolicySize,
    controls: ['CDM-3.3-TENANT-ISOLATION'],
    info: 'The S3 bucket policy is larger than S3’s 20 KB limit.',
    explanation: 'S3 refuses the policy at deploy time and the bucket is left without the statements that isolate it.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: KmsKeyPolicySize,
    controls: ['DP-KEY-ADMIN'],
    info: 'The KMS key policy is larger than KMS’s 32 KB limit.',
    explanation: 'KMS refuses the key policy at deploy time.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamManagedPolicySize,
    controls: ['CDM-3.2-LEAST-PRIV'],
    info: 'The managed IAM policy is longer than IAM’s 6,144 characters (whitespace not counted).',
    explanation: 'IAM refuses the policy at deploy time; split it by duty rather than widening it.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamTrustPolicySize,
    controls: ['CDM-3.2-MFA', 'CDM-3.2-LEAST-PRIV'],
    info: 'The role trust policy is longer than IAM’s default 2,048 characters (whitespace not counted).',
    explanation: 'IAM refuses the role at deploy time unless the account’s quota was raised.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamRoleInlinePoliciesSize,
    controls: ['CDM-3.2-LEAST-PRIV'],
    info: 'The role’s inline policies together are longer than IAM’s 10,240 characters (whitespace not counted).',
    explanation: 'IAM refuses the last policy that crosses the limit at deploy time.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamRoleManagedPolicyCount,
    controls: ['CDM-3.2-LEAST-PRIV'],
    info: 'The role has more managed policies attached than IAM’s default 10.',
    explanation: 'IAM refuses the attachment at deploy time unless the account’s quota was raised.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: SnsTopicPolicySize,
    controls: ['DP-MONITOR', 'BKP-5-MONITOR'],
    info: 'The SNS topic policy is larger than SNS’s 30 KB limit.',
    explanation: 'SNS refuses the policy at deploy time and alerts cannot be published.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: OrganizationsPolicySize,
    controls: ['DP-MINIMAL-SERVICES'],
    info: 'The service or resource control policy is longer than Organizations’ 5,120 characters (whitespace counted).',
    explanation: 'Organizations refuses the policy at deploy time and the accounts stay unguarded.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: OrganizationsPoliciesPerTarget,
    controls: ['DP-MINIMAL-SERVICES'],
    info: 'An account, OU or root would carry more than 5 policies of one type (counting the AWS managed FullAWSAccess or RCPFullAWSAccess).',
    explanation: 'Organizations refuses the attachment at deploy time and the account stays unguarded.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: CloudTrailSelectorLimits,
    controls: ['DP-LOG-ALL-ACCESS'],
    info: 'The trail’s event selectors exceed CloudTrail’s limits (5 selectors and 250 data resources, or 500 advanced selector values, not both kinds).',
    explanation: 'CloudTrail refuses the selectors at deploy time and data events go unlogged.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamHumanRoleShortSession,
    controls: ['CDM-3.2-REVIEW'],
    info: 'A role people assume grants sessions longer than one hour.',
    explanation: 'Sessions are short-lived, so access that a quarterly review revokes ends within the hour.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamNoStandingAdminAccess,
    controls: ['DP-ALWAYS-OFF'],
    info: 'A role people assume can administer data stores, keys or IAM without a trust that expires at a fixed time.',
    explanation: 'No standing administrative access to production data: only an approved, time-boxed break-glass role may administer.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: BackupRtoRecorded,
    controls: ['BKP-4.2-RTO'],
    info: 'The client dataset does not record a recovery time objective (rto-hours tag) within its tier’s RTO.',
    explanation:
      'The RTO is recorded per store, and restore tests are judged against it. A lone ClientDataBucket records none: ClientDataStore and ClientReplicaStore tag each dataset with its tier’s objectives.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: BackupAuditFrameworkComplete,
    controls: ['BKP-6-AUDIT'],
    info: 'The Backup Audit Manager framework lacks a control that maps to the backup policy, or no report plan reports on it.',
    explanation: 'Backup compliance is continuously audited and reported.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: GuardDutyS3ProtectionEnabled,
    controls: ['DP-THREAT-DETECTION'],
    info: 'The GuardDuty detector is not enabled with S3 Protection (feature S3_DATA_EVENTS, no legacy DataSources) and 15-minute finding export.',
    explanation: 'Threat detection watches API activity and S3 data access; findings must reach people within 15 minutes.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: GuardDutyCoversClientData,
    controls: ['DP-THREAT-DETECTION'],
    info: 'The account and region of this client dataset bucket has no GuardDuty detector with S3 Protection in the app, and threat detection is not turned off with a reason.',
    explanation:
      "Every account and region that holds client data runs managed threat detection. A lone store does not build detection: add one AccountDetection to a stack of each account and region with client data (the baseline's DetectionStack holds the same).",
    level: NagMessageLevel.ERROR,
  },
  {
    rule: S3DatasetMalwareScanned,
    controls: ['DP-THREAT-DETECTION'],
    info: 'The client dataset bucket has no GuardDuty Malware Protection plan of its stack scanning every new object, tagging it, with a role only GuardDuty Malware Protection assumes.',
    explanation:
      'New objects in every client bucket are scanned for malware. A lone ClientDataBucket is not scanned: ClientDataStore and ClientReplicaStore scan each of their dataset buckets.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: SecurityHubStandardsEnabled,
    controls: ['DP-POSTURE'],
    info: 'The Security Hub hub enables the default standards, or its stack does not subscribe (after the hub) to FSBP, CIS, NIST 800-53 R5 and PCI DSS.',
    explanation: 'The deployed configuration is assessed against the same frameworks the synth checks use.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: ConfigRecorderComplete,
    controls: ['DP-POSTURE'],
    info: 'The Config recorder does not record the baseline’s resource types with Config’s service-linked role, or has no delivery channel in its stack (or one that depends on it).',
    explanation: 'Security Hub’s controls are evaluated from Config’s records; without them the controls have no data.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: PostureCoversClientData,
    controls: ['DP-POSTURE'],
    info: 'The account and region of this client dataset bucket has no Security Hub hub with the four standards and complete Config recorder in the app, and posture is not turned off with a reason.',
    explanation:
      "Every account and region that holds client data is assessed continuously. A lone store does not build detection: add one AccountDetection to a stack of each account and region with client data (the baseline's DetectionStack holds the same).",
    level: NagMessageLevel.ERROR,
  },
  {
    rule: AccessAnalyzerCoversClientData,
    controls: ['DP-POSTURE'],
    info: 'The account and region of this client dataset bucket has no external-access analyzer without archive rules in the app, and access analysis is not turned off with a reason.',
    explanation:
      "Any bucket or key policy opened outside the zone of trust must become a finding, none hidden. A lone store does not build detection: add one AccountDetection to a stack of each account and region with client data (the baseline's DetectionStack holds the same).",
    level: NagMessageLevel.ERROR,
  },
  {
    rule: MacieCoversClientData,
    controls: ['DP-CLASS-DISCOVERY'],
    info: 'The account and region of this client dataset bucket has no enabled Macie session publishing every 15 minutes in the app, and sensitive-data discovery is not turned off with a reason.',
    explanation:
      "Client stores are sampled for sensitive data above their declared classification. A lone store does not build detection: add one AccountDetection to a stack of each account and region with client data (the baseline's DetectionStack holds the same).",
    level: NagMessageLevel.ERROR,
  },
  {
    rule: DetectionFindingsRouted,
    controls: ['DP-THREAT-DETECTION', 'DP-POSTURE', 'DP-CLASS-DISCOVERY'],
    info: 'A finding source (GuardDuty, Malware Protection plan, Security Hub, Access Analyzer, Macie) has no enabled EventBridge rule in its stack sending its findings to an encrypted topic that admits the rule by ARN.',
    explanation: 'Every finding must reach people.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: CodePipelineStructureLimits,
    controls: ['CDM-3.3-SEGREGATE'],
    info: 'The pipeline has more stages than CodePipeline’s 50, or a stage with more than its 50 actions.',
    explanation:
      'CodePipeline refuses the pipeline at deploy time, so no client’s stacks deploy to its own account; shard the rollout (provider.pipeline.shards).',
    level: NagMessageLevel.ERROR,
  },
];

const HIPAA = 'HIPAA.Security';
const NIST = 'NIST.800.53.R5';
const PCI = 'PCI.DSS.321';
const ALL = [HIPAA, NIST, PCI];
const standard = (
  rule: RuleFunction,
  packs: readonly string[],
  awsSolutions: string | undefined,
  controls: readonly string[],
): StandardRuleEntry => ({
  id: rule.name,
  engine: 'standard',
  rule,
  ids: [...(awsSolutions ? [`AwsSolutions-${awsSolutions}`] : []), ...packs.map((pack) => `${pack}-${rule.name}`)],
  controls,
  info: `cdk-nag rule ${rule.name}`,
  explanation: 'Enforced by the standard packs on every synth; the compliance report uses it as evidence for its controls.',
});

/** The standard rules mapped to our controls, one entry per rule function (a test checks each id against the packs). */
const STANDARD: readonly StandardRuleEntry[] = [
  standard(rules.s3.S3DefaultEncryptionKMS, ALL, undefined, ['CDM-3.4-AT-REST']),
  standard(rules.kms.KMSBackingKeyRotationEnabled, [NIST, PCI], 'KMS5', ['CDM-3.4-AT-REST']),
  standard(rules.sns.SNSEncryptedKMS, ALL, undefined, ['CDM-3.4-AT-REST']),
  standard(rules.s3.S3BucketSSLRequestsOnly, ALL, 'S10', ['CDM-3.4-IN-TRANSIT']),
  standard(rules.sns.SNSTopicSSLPublishOnly, [], 'SNS3', ['CDM-3.4-IN-TRANSIT']),
  standard(rules.s3.S3BucketVersioningEnabled, ALL, undefined, ['DP-INTEGRITY']),
  standard(rules.s3.S3BucketLevelPublicAccessProhibited, ALL, 'S2', ['DP-INTEGRITY']),
  standard(rules.s3.S3BucketPublicReadProhibited, ALL, undefined, ['DP-INTEGRITY']),
  standard(rules.s3.S3BucketPublicWriteProhibited, ALL, undefined, ['DP-INTEGRITY']),
  standard(rules.s3.S3BucketLoggingEnabled, ALL, 'S1', ['DP-LOG-ALL-ACCESS']),
  standard(rules.s3.S3BucketReplicationEnabled, ALL, undefined, ['DP-MULTI-REGION']),
];

const count = (section: Record<string, unknown> | undefined) => Object.keys(section ?? {}).length;
const ofType = (type: string) => (t: LimitTemplate) =>
  Object.values((t.Resources ?? {}) as Record<string, { Type?: string }>).filter((r) => r.Type === type).length;
const DEPLOYS = ['CDM-3.3-SEGREGATE'];
const stackLimit = (name: string, unit: string, limit: number, measure: StackLimitEntry['measure']): StackLimitEntry => ({
  id: `${PACK_NAME}-${name}`,
  engine: 'stack-limit',
  controls: DEPLOYS,
  unit,
  limit,
  measure,
  info: `A stack's template has more than CloudFormation's ${limit} ${unit}.`,
  explanation: 'CloudFormation refuses the template at deploy time; per-resource rules cannot see a whole stack.',
});

/** Stack-level limits that a per-resource rule cannot see. Append new limits at the end. */
const STACK: readonly StackLimitEntry[] = [
  stackLimit('StackResourceCount', 'resources', AWS_LIMITS.stackResources, (t) => count(t.Resources)),
  stackLimit('StackOutputCount', 'outputs', AWS_LIMITS.stackOutputs, (t) => count(t.Outputs)),
  stackLimit('StackParameterCount', 'parameters', AWS_LIMITS.stackParameters, (t) => count(t.Parameters)),
  stackLimit('StackMappingCount', 'mappings', AWS_LIMITS.stackMappings, (t) => count(t.Mappings)),
  stackLimit('StackTemplateSize', 'bytes', AWS_LIMITS.templateBytes, (_t, bytes) => bytes),
];

const accountLimit = (
  name: string,
  controls: readonly string[],
  unit: string,
  limit: number,
  perRegion: boolean,
  measure: AccountLimitEntry['measure'],
): AccountLimitEntry => ({
  id: `${PACK_NAME}-${name}`,
  engine: 'account-limit',
  controls,
  unit,
  limit,
  perRegion,
  measure,
  info: `The stacks of one account${perRegion ? ' and region' : ''} would create more than the default quota of ${limit} ${unit}.`,
  explanation: 'AWS refuses what crosses the quota at deploy time unless it was raised; resources that already exist come on top.',
});

/**
 * Account quotas that a large configuration can reach: what this synth alone
 * would create in one account. Append new quotas at the end.
 */
const ACCOUNT: readonly AccountLimitEntry[] = [
  accountLimit('AccountStackCount', DEPLOYS, 'stacks', AWS_LIMITS.stacksPerAccountRegion, true, () => 1),
  accountLimit('AccountBucketCount', DEPLOYS, 'S3 buckets', AWS_LIMITS.bucketsPerAccount, false, ofType('AWS::S3::Bucket')),
  accountLimit('AccountRoleCount', ['CDM-3.2-LEAST-PRIV'], 'IAM roles', AWS_LIMITS.rolesPerAccount, false, ofType('AWS::IAM::Role')),
  accountLimit(
    'AccountManagedPolicyCount',
    ['CDM-3.2-LEAST-PRIV'],
    'IAM managed policies',
    AWS_LIMITS.managedPoliciesPerAccount,
    false,
    ofType('AWS::IAM::ManagedPolicy'),
  ),
  // Detection after deploy: one of each per account and region, and Malware Protection's bucket quota.
  ...(
    [
      [
        'AccountGuardDutyDetectorCount',
        'GuardDuty detectors',
        AWS_LIMITS.guardDutyDetectorsPerAccountRegion,
        'AWS::GuardDuty::Detector',
        'DP-THREAT-DETECTION',
      ],
      ['AccountSecurityHubCount', 'Security Hub hubs', AWS_LIMITS.securityHubHubsPerAccountRegion, 'AWS::SecurityHub::Hub', 'DP-POSTURE'],
      [
        'AccountConfigRecorderCount',
        'Config recorders',
        AWS_LIMITS.configRecordersPerAccountRegion,
        'AWS::Config::ConfigurationRecorder',
        'DP-POSTURE',
      ],
      [
        'AccountConfigDeliveryChannelCount',
        'Config delivery channels',
        AWS_LIMITS.configDeliveryChannelsPerAccountRegion,
        'AWS::Config::DeliveryChannel',
        'DP-POSTURE',
      ],
      ['AccountMacieSessionCount', 'Macie sessions', AWS_LIMITS.macieSessionsPerAccountRegion, 'AWS::Macie::Session', 'DP-CLASS-DISCOVERY'],
    ] as const
  ).map(([name, unit, limit, type, control]) => accountLimit(name, [control], unit, limit, true, ofType(type))),
  accountLimit(
    'AccountAccessAnalyzerCount',
    ['DP-POSTURE'],
    'account external-access analyzers',
    AWS_LIMITS.accountAnalyzersPerTypePerAccountRegion,
    true,
    (t) =>
      Object.values((t.Resources ?? {}) as Record<string, { Type?: string; Properties?: { Type?: string } }>).filter(
        (r) => r.Type === 'AWS::AccessAnalyzer::Analyzer' && r.Properties?.Type === 'ACCOUNT',
      ).length,
  ),
  {
    ...accountLimit(
      'AccountMalwareProtectedBucketCount',
      ['DP-THREAT-DETECTION'],
      'buckets protected by Malware Protection for S3',
      AWS_LIMITS.malwareProtectedBucketsPerAccountRegion,
      true,
      ofType('AWS::GuardDuty::MalwareProtectionPlan'),
    ),
    declared: (t) => (t.Metadata?.[DECLARED_QUOTAS_METADATA] as { malwareProtectedBuckets?: number } | undefined)?.malwareProtectedBuckets,
  },
];

const proof = (id: string, controls: readonly string[], info: string, explanation: string): ProofRuleEntry => ({
  id,
  engine: 'proof',
  controls,
  info,
  explanation,
});

/** The kinds of finding of the tenant isolation proof. */
const PROOF: readonly ProofRuleEntry[] = [
  proof(
    'TenantLeak',
    ['CDM-3.3-TENANT-ISOLATION', 'DP-ABAC'],
    "A request for another client's data is allowed, or would be allowed by one layer on its own.",
    "A principal can reach another client's data, or a single layer would let it.",
  ),
  proof(
    'DutyBroken',
    ['CDM-3.2-LEAST-PRIV'],
    "A duty's intended request on its own client's stores is refused.",
    'A duty cannot do its job (the proof must not pass by denying everything).',
  ),
  proof(
    'ExcessPrivilege',
    ['CDM-3.2-LEAST-PRIV', 'DP-KEY-ADMIN'],
    "A duty is allowed a request beyond its job on its own client's stores.",
    'A duty can do more than its job on its own client.',
  ),
  proof(
    'TrustWeak',
    ['CDM-3.2-MFA', 'DP-ABAC', 'DP-ALWAYS-OFF'],
    "A role people assume admits a session without MFA, without or with another client's tag, from an unconfigured principal, or (break-glass) after its expiry or through another region.",
    'A role people assume admits sessions it should refuse.',
  ),
  proof(
    'ForeignReference',
    ['CDM-3.3-TENANT-ISOLATION'],
    "A client's policy names another client's bucket, key, alias, role or id.",
    "A client's policy names another client's resource or principal.",
  ),
  proof(
    'UnprovableWildcard',
    ['CDM-3.2-LEAST-PRIV', 'CDM-3.3-TENANT-ISOLATION'],
    "A wildcard appears where it could straddle two clients' names.",
    "A wildcard could match another client's names.",
  ),
  proof(
    'Unresolved',
    ['CDM-3.3-TENANT-ISOLATION'],
    'A policy value does not resolve at synth.',
    'A policy value cannot be resolved at synth.',
  ),
  proof(
    'PerimeterOpen',
    ['DP-MINIMAL-SERVICES', 'CDM-3.8-SOVEREIGNTY', 'CDM-3.4-IN-TRANSIT'],
    'In organization mode, a request from outside the organization, without TLS, or outside the allowed regions is not refused by the guardrails alone.',
    'In organization mode, the guardrails alone do not refuse a request from outside the organization, without TLS, or outside the allowed regions.',
  ),
  proof(
    'GuardrailBlocksDuty',
    ['DP-MINIMAL-SERVICES'],
    'The guardrails refuse a request from inside the organization, with TLS, in an allowed region.',
    'The guardrails refuse a request from inside the organization, with TLS, in an allowed region (the proof must not pass by denying everything).',
  ),
];

/** Every rule, in one shape: the pack's, the mapped standard rules, the limits, the proof's. */
export const RULES: readonly RegisteredRule[] = [
  ...PACK.map((r): PackRuleEntry => ({ id: `${PACK_NAME}-${r.rule.name}`, engine: 'pack', ...r })),
  ...STANDARD,
  ...STACK,
  ...ACCOUNT,
  ...PROOF,
];

/** The registered rules of one engine, in registration order. */
export function rulesOf<E extends RuleEngine>(engine: E): Extract<RegisteredRule, { engine: E }>[] {
  return RULES.filter((r): r is Extract<RegisteredRule, { engine: E }> => r.engine === engine);
}

/** The standard cdk-nag rules mapped to our controls. */
export const STANDARD_RULES: readonly StandardRuleEntry[] = rulesOf('standard');
