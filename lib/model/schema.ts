/**
 * The configuration model: the one YAML file a platform engineer edits. The
 * zod schema is the single source of truth for its shape; the TypeScript types
 * and the published JSON Schema (`config/baseline.schema.json`) are derived
 * from it. Semantic checks that span fields live in `validate.ts`.
 */
import { z } from 'zod';
import { AWS_LIMITS } from '../aws-limits';
import {
  AUDIT_ARCHIVE_MIN_RETENTION_DAYS,
  AUDIT_DEFAULTS,
  AUDIT_LOG_RETENTION_CHOICES,
  BACKUP_VAULT_DEFAULTS,
  OFFBOARDING_DEFAULTS,
} from '../defaults';
import { IAM_PRINCIPAL_ARN_PATTERN, iamPrincipalArnProblem } from './iam-arn';
import { descriptiveText, recordedText } from './text';
import { detectionSchema } from './detection';
import { CLASSIFICATIONS, LOCK_MODES, TIERS } from './vocabulary';
import { KNOWN_REGIONS } from './regions';

/** Datasets a client may have: its permission boundary names each, and IAM caps a managed policy at 6,144 characters. */
export const MAX_DATASETS_PER_CLIENT = 12;

const slug = (what: string, max: number) =>
  z
    .string()
    .max(max, { message: `${what} must be at most ${max} characters` })
    .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, {
      message: `${what} must be a lowercase slug: a-z, 0-9 and '-', starting with a letter, not ending with '-'`,
    })
    .refine((v) => !v.includes('--'), { message: `${what} must not contain '--'` });

const accountId = z.string({ message: 'expected a 12-digit AWS account id in quotes, e.g. "111111111111"' }).regex(/^\d{12}$/, {
  message: 'expected a 12-digit AWS account id in quotes, e.g. "111111111111"',
});

const region = z.enum(KNOWN_REGIONS, {
  message: `expected a known AWS region: one of ${KNOWN_REGIONS.join(', ')}`,
});

/** An IAM role, user or account root ARN, in IAM's grammar (`lib/model/iam-arn.ts`). */
const principalArn = z
  .string({ message: 'expected an IAM role, user or account root ARN, e.g. "arn:aws:iam::111111111111:role/acme-ops"' })
  .superRefine((arn, context) => {
    const problem = iamPrincipalArnProblem(arn);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  })
  .meta({ pattern: IAM_PRINCIPAL_ARN_PATTERN.source }); // for editors (config/baseline.schema.json); the messages come from the check

/** Longest approver text of an erasure record (no AWS limit applies: the compliance report only). */
const MAX_RECORD_APPROVER_CHARS = 256;

/** Longest ISO date-time accepted (`2026-12-01T00:00:00.000000000+01:00`): it is also an IAM tag value. */
const MAX_DATE_TIME_CHARS = 35;

/** Days, as a whole number within 100 years. */
const wholeDays = (min: number, why: string) =>
  z
    .number({ message: 'expected a whole number of days' })
    .int({ message: 'expected a whole number of days' })
    .min(min, { message: `expected at least ${min} day${min === 1 ? '' : 's'}${why}` })
    .max(36500, { message: 'expected at most 36500 days (100 years)' });

/** The log archive: where the trail's files are kept, locked (DP-LOG-INTEGRITY, CDM-3.7-RETENTION). */
export const auditArchiveSchema = z
  .object({
    lockMode: z
      .enum(LOCK_MODES, { message: `expected one of ${LOCK_MODES.join(', ')}` })
      .default(AUDIT_DEFAULTS.archive.lockMode)
      .describe(
        'Object Lock mode of every log file: governance (default; the bucket policy also denies bypassing it) or compliance (nobody, not even root, can shorten it: explicit opt-in).',
      ),
    lockDays: wholeDays(1, '')
      .default(AUDIT_DEFAULTS.archive.lockDays)
      .describe(`Days each log file is locked; at most retentionDays. Default ${AUDIT_DEFAULTS.archive.lockDays}.`),
    retentionDays: wholeDays(AUDIT_ARCHIVE_MIN_RETENTION_DAYS, ' (one year of audit trail, PCI DSS 10.7)')
      .default(AUDIT_DEFAULTS.archive.retentionDays)
      .describe(`Days each log file is kept before it expires. Default ${AUDIT_DEFAULTS.archive.retentionDays} (7 years).`),
  })
  .strict();

/** The audit trail's settings (DP-LOG-ALL-ACCESS, DP-LOG-INTEGRITY). */
export const auditSchema = z
  .object({
    logRetentionDays: z
      .literal(AUDIT_LOG_RETENTION_CHOICES, {
        message: `expected a CloudWatch Logs retention of at least 90 days: one of ${AUDIT_LOG_RETENTION_CHOICES.join(', ')}`,
      })
      .default(AUDIT_DEFAULTS.logRetentionDays)
      .describe(`Days the trail's CloudWatch Logs group keeps events. Default ${AUDIT_DEFAULTS.logRetentionDays}.`),
    archive: auditArchiveSchema.prefault({}).describe('The locked S3 archive of the trail’s log files.'),
  })
  .strict();

/**
 * An approved, recorded, time-boxed emergency access (DP-ALWAYS-OFF). While
 * present (and before `expires`), a break-glass role exists whose trust policy
 * stops admitting anyone at `expires`, whether or not anyone redeploys.
 */
export const breakGlassSchema = z
  .object({
    approvedBy: recordedText('break-glass needs the approver (who approved the change), e.g. "jane@example.com"').describe(
      'Who approved the emergency access. Recorded on the role as a tag value and in its description, so validated (never rewritten) against both: at most 256 characters of letters (Latin-1), digits, spaces and _.:/=+-@.',
    ),
    ticket: recordedText('break-glass needs the change ticket, e.g. "CHG-1234"').describe(
      'The approved change that grants it. Recorded on the role as a tag value and in its description, so validated (never rewritten) against both: at most 256 characters of letters (Latin-1), digits, spaces and _.:/=+-@.',
    ),
    expires: z.iso
      .datetime({ offset: true, message: 'expected an ISO 8601 date-time with a zone, e.g. "2026-12-01T00:00:00Z"' })
      .refine((v) => v.length <= MAX_DATE_TIME_CHARS, {
        message: `expected an ISO 8601 date-time of at most ${MAX_DATE_TIME_CHARS} characters, e.g. "2026-12-01T00:00:00Z"`,
      })
      .describe(
        'When the access stops by itself (IAM time condition; also a tag value on the role); at most provider.breakGlassMaxHours after the synth.',
      ),
    principals: z
      .array(principalArn)
      .min(1, { message: 'list at least one principal, or leave principals out to use the client’s operators' })
      .optional()
      .describe("IAM ARNs that may assume the break-glass role; default the client's access.operators."),
  })
  .strict();

/**
 * Accounts of the organization that hold no client data and that the
 * provider's operators do not administer (DP-LOG-INTEGRITY, DP-IDS-INDEPENDENT,
 * BKP-BLAST-RADIUS). Each is a 12-digit account of `provider.organizationId`,
 * none a client's account.
 */
export const accountsSchema = z
  .object({
    security: accountId.optional().describe('Delegated administrator of detection; findings gather here (DP-IDS-INDEPENDENT).'),
    logArchive: accountId
      .optional()
      .describe(
        'The audit archive lives here: the trail delivers to a locked bucket of this account, encrypted with its key (DP-LOG-INTEGRITY).',
      ),
    backup: accountId
      .optional()
      .describe('Second copies of critical and regulated backups, in a locked vault per client (BKP-BLAST-RADIUS).'),
  })
  .strict();

/** Provider-wide settings. */
export const providerSchema = z
  .object({
    /** Slug used in resource names. */
    name: slug('provider.name', 16).describe('Slug used in resource and stack names.'),
    /** The provider's AWS account: default for clients without their own. */
    account: accountId.describe('The provider account (12 digits, quoted).'),
    /** Audit trail, log archive and alerting live in this region. */
    homeRegion: region.describe('Region for the audit trail, log archive and alerting.'),
    /** Who is alerted. */
    alerts: z
      .object({
        emails: z.array(z.email({ message: 'expected an email address' })).min(1, {
          message: 'at least one alert email is required (BKP-5-MONITOR, DP-MONITOR)',
        }),
      })
      .strict()
      .describe('Subscribers of the encrypted alert topic.'),
    /** The audit trail and its archive; secure defaults when absent. */
    audit: auditSchema.optional().describe('Audit trail retention and log archive lock; defaults in lib/defaults.ts (AUDIT_DEFAULTS).'),
    breakGlass: breakGlassSchema
      .optional()
      .describe('Emergency access to every client (one break-glass role per client, each confined to it); off when absent.'),
    breakGlassMaxHours: z
      .number({ message: 'expected a whole number of hours' })
      .int({ message: 'expected a whole number of hours' })
      .min(1, { message: 'expected at least 1 hour' })
      .max(720, { message: 'expected at most 720 hours (30 days)' })
      .optional()
      .describe('How far ahead a break-glass expiry may be, in hours; default 72 (DP-ALWAYS-OFF).'),
    organizationTrail: z
      .boolean({ message: 'expected true or false' })
      .optional()
      .describe(
        "Make the provider's trail an organization trail recording every account of the organization (CDM-3.3-SEGREGATE: clients in accounts of their own); deploy from the management account or a delegated CloudTrail administrator; needs organizationId. Default false.",
      ),
    organizationId: z
      .string({ message: 'expected an AWS Organizations id, e.g. "o-a1b2c3d4e5"' })
      .regex(/^o-[a-z0-9]{10,32}$/, { message: 'expected an AWS Organizations id, e.g. "o-a1b2c3d4e5"' })
      .optional()
      .describe(
        'The one home of the organization id: the organization trail records it (its log files arrive under AWSLogs/<organizationId>/), the guardrails and the accounts of provider.accounts belong to it.',
      ),
    accounts: accountsSchema
      .optional()
      .describe(
        "Accounts of the organization apart from the clients' (a small blast radius): security, log archive, backup. Each needs provider.organizationId.",
      ),
    guardrails: z
      .boolean({ message: 'expected true or false' })
      .optional()
      .describe(
        'Organization mode: service control policies and a resource control policy generated from the configuration and attached to every client account (DP-MINIMAL-SERVICES); needs organizationId. Default false.',
      ),
    pipeline: z
      .object({
        connectionArn: z
          .string({ message: 'expected a CodeStar connection ARN' })
          .regex(/^arn:aws:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/, {
            message: 'expected a CodeStar connection ARN, e.g. "arn:aws:codestar-connections:eu-west-1:111111111111:connection/abc-123"',
          })
          .describe('The CodeStar (CodeConnections) connection to the repository host, created and authorized once in the console.'),
        repository: z
          .string({ message: 'expected "owner/repository"' })
          .regex(/^[\w.-]+\/[\w.-]+$/, { message: 'expected "owner/repository", e.g. "precision/client-data-baseline"' })
          .describe('The repository holding this project and its configuration, as owner/repository.'),
        branch: z
          .string({ message: 'expected a branch name, e.g. "main"' })
          .regex(/^(?![./])(?!.*(?:\.\.|\/\/|\/\.|\.lock$|[./]$))[A-Za-z0-9._/-]{1,255}$/, {
            message:
              'expected a branch name of at most 255 letters, digits and ._/- (not starting or ending with "." or "/", no "..", "//" nor ".lock" ending), e.g. "main"',
          })
          .default('main')
          .describe('The branch the pipeline deploys (the source action’s branch name, validated as a Git branch name); default main.'),
        account: accountId
          .optional()
          .describe(
            "The account the pipelines run in: a deployment account apart from the provider's, so that their roles, keys and buckets do not count against the provider account's quotas (IAM's 1,000 roles), and a compromised pipeline reaches the other accounts only through their CDK deployment roles; bootstrap every target account with --trust <this account>. Neither a client's account nor one of provider.accounts. Default provider.account.",
          ),
        shards: z
          .number({ message: 'expected a whole number of pipelines' })
          .int({ message: 'expected a whole number of pipelines' })
          .min(1, { message: 'expected at least 1 pipeline' })
          // Two digits keep `<account>-<provider>-pipeline-<shard>-<region>-s3logs` within S3's 63 characters.
          .max(99, { message: 'expected at most 99 pipelines' })
          .default(1)
          .describe(
            "How many pipelines share the rollout (CodePipeline allows 50 stages per pipeline): each client's stacks deploy from pipeline sha256(client id) mod shards, so adding a client never moves another; changing it reassigns clients. Default 1.",
          ),
      })
      .strict()
      .optional()
      .describe('Source of the deployment pipeline (`-c pipeline=true`): required in pipeline mode.'),
    detection: detectionSchema
      .optional()
      .describe(
        'Detection after deploy (GuardDuty, Malware Protection, Config, Security Hub, Access Analyzer, Macie); every feature on when absent.',
      ),
  })
  .strict();

/** One dataset: one bucket, one classification, one tier. */
export const datasetSchema = z
  .object({
    name: slug('dataset name', 24).describe('Slug naming the dataset bucket.'),
    classification: z
      .enum(CLASSIFICATIONS, { message: `expected one of ${CLASSIFICATIONS.join(', ')}` })
      .default('confidential')
      .describe('The one classification of the data in this store (DP-CLASS-SEPARATE).'),
    tier: z.enum(TIERS, { message: `expected one of ${TIERS.join(', ')}` }).describe('Backup tier (BKP-2-TIERS).'),
    retentionDays: z
      .number({ message: 'expected a whole number of days' })
      .int({ message: 'expected a whole number of days' })
      .min(1, { message: 'expected at least 1 day' })
      .max(36500, { message: 'expected at most 36500 days (100 years)' })
      .optional()
      .describe('Days objects are kept before they expire; default by classification (CDM-3.7-RETENTION).'),
  })
  .strict();

/** Regions a client's data lives in (CDM-3.8-SOVEREIGNTY, DP-MULTI-REGION). */
export const regionsSchema = z
  .object({
    primary: region.describe('Region of the primary data stores.'),
    replica: region.describe('Region of the disaster-recovery replica; must differ from primary.'),
    allowed: z
      .array(region)
      .min(1, { message: 'at least one allowed region is required' })
      .describe("Every region the client's agreement allows its data in."),
  })
  .strict();

/** Principals allowed to assume the client's duty roles (CDM-3.2-LEAST-PRIV). */
export const accessSchema = z
  .object({
    operators: z.array(principalArn).default([]),
    readers: z.array(principalArn).default([]),
    auditors: z.array(principalArn).default([]),
  })
  .strict();

const whole = (what: string, min: number, max: number) =>
  z
    .number({ message: `expected a whole number of ${what}` })
    .int({ message: `expected a whole number of ${what}` })
    .min(min, { message: `expected at least ${min} ${what}` })
    .max(max, { message: `expected at most ${max} ${what}` });

/** One tier's terms in a client agreement; each may only tighten the policy's (BKP-3.1, BKP-3.2, BKP-4.1, BKP-4.2). */
export const tierOverrideSchema = z
  .object({
    schedule: z
      .string()
      .regex(/^cron\(.+\)$/, { message: 'expected an AWS cron schedule, e.g. "cron(0 */12 * * ? *)"' })
      .optional()
      .describe('AWS cron schedule (UTC) of the backups; must run at least as often as the tier and meet its RPO (BKP-3.1-FREQUENCY).'),
    retentionDays: whole('days', 1, 36500).optional().describe("Days recovery points are kept; at least the tier's (BKP-3.2-RETENTION)."),
    rpoHours: whole('hours', 1, 8784).optional().describe("Recovery point objective in hours; at most the tier's (BKP-4.1-RPO)."),
    rtoHours: whole('hours', 1, 8784).optional().describe("Recovery time objective in hours; at most the tier's (BKP-4.2-RTO)."),
    moveToColdStorageAfterDays: whole('days', 1, 36500)
      .optional()
      .describe('Days before recovery points move to cold storage; retentionDays must be at least 90 days more.'),
  })
  .strict();

/** The lock of a client's backup vaults (BKP-IMMUTABLE). */
export const vaultLockSchema = z
  .object({
    mode: z
      .enum(LOCK_MODES, { message: 'expected governance or compliance' })
      .default(BACKUP_VAULT_DEFAULTS.lockMode)
      .describe('governance (default): a lock privileged roles can still remove; compliance: immutable once changeableForDays pass.'),
    changeableForDays: whole('days', AWS_LIMITS.backupVaultLockMinChangeableDays, 36500)
      .optional()
      .describe(
        `Compliance mode only: days before the lock becomes immutable (AWS requires at least ${AWS_LIMITS.backupVaultLockMinChangeableDays}; default ${BACKUP_VAULT_DEFAULTS.lockChangeableForDays}).`,
      ),
    minRetentionDays: whole('days', 1, 36500)
      .optional()
      .describe('Shortest retention the vault accepts; default the shortest retention of the rules writing into it.'),
    maxRetentionDays: whole('days', 1, 36500)
      .optional()
      .describe('Longest retention the vault accepts; default the longest retention of the rules writing into it.'),
  })
  .strict();
export type BreakGlassConfig = z.infer<typeof breakGlassSchema>;

/** Per-agreement backup overrides: may tighten a tier, never loosen it. */
export const backupOverridesSchema = z
  .object({
    critical: tierOverrideSchema.optional().describe('Terms for the critical tier.'),
    important: tierOverrideSchema.optional().describe('Terms for the important tier.'),
    'non-essential': tierOverrideSchema.optional().describe('Terms for the non-essential tier.'),
    vaultLock: vaultLockSchema.optional().describe('Vault lock of the client’s backup and copy vaults; governance mode by default.'),
    accountCopyRegion: region
      .optional()
      .describe(
        "Region of the copy in provider.accounts.backup (BKP-BLAST-RADIUS); default the client's replica region; must be in regions.allowed.",
      ),
  })
  .strict();

/**
 * The end of a client's contract (CDM-3.7-DISPOSAL): once present, the
 * client's people lose data access (an export window may keep reading open),
 * replication and new backups stop, and the client's keys are deleted
 * `erasureAfterDays` after its stacks are removed: cryptographic erasure.
 */
export const offboardingSchema = z
  .object({
    requested: z.iso
      .date({ message: 'expected an ISO date, e.g. "2026-11-20"' })
      .describe(
        "The day the erasure is requested: the client's stacks are removed (second deploy) on this day at the earliest, and the keys are deleted erasureAfterDays later.",
      ),
    erasureAfterDays: z
      .number({ message: 'expected a whole number of days' })
      .int({ message: 'expected a whole number of days' })
      .min(OFFBOARDING_DEFAULTS.minErasureAfterDays, {
        message: `expected ${OFFBOARDING_DEFAULTS.minErasureAfterDays} to ${OFFBOARDING_DEFAULTS.maxErasureAfterDays} days (KMS's key deletion pending window)`,
      })
      .max(OFFBOARDING_DEFAULTS.maxErasureAfterDays, {
        message: `expected ${OFFBOARDING_DEFAULTS.minErasureAfterDays} to ${OFFBOARDING_DEFAULTS.maxErasureAfterDays} days (KMS's key deletion pending window)`,
      })
      .describe("Days between removing the client's stacks and the deletion of its keys (KMS pending window, 7 to 30)."),
    approvedBy: descriptiveText('offboarding needs the approver, e.g. "jane@example.com"', MAX_RECORD_APPROVER_CHARS).describe(
      'Who approved the erasure. Descriptive only (the erasure record of the compliance report): validated, never rewritten; one line of at most 256 printable characters.',
    ),
    ticket: z
      .string({ message: 'offboarding needs the change ticket, e.g. "CHG-2001"' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:/=+@-]{0,127}$/, {
        message: 'expected a change ticket of letters, digits and ._:/=+@- (a tag value), e.g. "CHG-2001"',
      })
      .describe('The approved change (tags the keys to be erased; recorded in the erasure record).'),
    exportUntil: z.iso
      .date({ message: 'expected an ISO date, e.g. "2026-12-01"' })
      .optional()
      .describe(
        "Readers may still read the client's data until this day (exclusive, IAM time condition); at most requested. No export when absent.",
      ),
  })
  .strict();
export type OffboardingConfig = z.infer<typeof offboardingSchema>;

/** One client of the provider. */
export const clientSchema = z
  .object({
    id: slug('client id', 20).describe('Unique slug; names the client and its resources, and is its ABAC tag value.'),
    name: descriptiveText('expected a non-empty display name').describe(
      'Display name. Descriptive only (the client’s stack descriptions and the compliance report): validated, never rewritten; one line of printable text, no "${Token[", short enough for its stack descriptions (CloudFormation 1,024 bytes, aws-cdk-lib 512 characters).',
    ),
    account: accountId.optional().describe("The client's own account; default provider.account."),
    regions: regionsSchema,
    datasets: z
      .array(datasetSchema)
      .min(1, { message: 'a client needs at least one dataset' })
      .max(MAX_DATASETS_PER_CLIENT, {
        message: `at most ${MAX_DATASETS_PER_CLIENT} datasets per client (keeps the client's IAM permission boundary within IAM's 6,144 characters)`,
      }),
    access: accessSchema.default({ operators: [], readers: [], auditors: [] }),
    backup: backupOverridesSchema.default({}),
    breakGlass: breakGlassSchema.optional().describe("Emergency access to this client's data; off when absent (DP-ALWAYS-OFF)."),
    offboarding: offboardingSchema
      .optional()
      .describe('Ends the contract by cryptographic erasure (CDM-3.7-DISPOSAL); see the README, Offboarding.'),
  })
  .strict();

/** The whole configuration file. */
export const baselineConfigSchema = z
  .object({
    provider: providerSchema,
    clients: z.array(clientSchema).min(1, { message: 'at least one client is required' }),
  })
  .strict();

export type BaselineConfig = z.infer<typeof baselineConfigSchema>;
export type ProviderConfig = BaselineConfig['provider'];
export type ClientConfig = BaselineConfig['clients'][number];
export type DatasetConfig = ClientConfig['datasets'][number];
export type BackupOverrides = ClientConfig['backup'];
export type TierOverride = NonNullable<BackupOverrides['critical']>;
export type VaultLockConfig = NonNullable<BackupOverrides['vaultLock']>;

export type AuditConfig = z.infer<typeof auditSchema>;
export type AccountsConfig = z.infer<typeof accountsSchema>;

/** The provider's audit settings with every default filled in. */
export function auditSettings(provider: ProviderConfig): AuditConfig {
  return provider.audit ?? auditSchema.parse({});
}
