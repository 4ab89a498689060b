/**
 * Deterministic names derived from the configuration. Stacks in different
 * regions refer to each other's resources by these names instead of by
 * CloudFormation exports (no `crossRegionReferences`), so every name that
 * crosses a stack boundary is computed here and only here.
 */
import type { ClientConfig, ProviderConfig } from './schema';

/** The account a client's resources live in. */
export function clientAccount(provider: ProviderConfig, client: ClientConfig): string {
  return client.account ?? provider.account;
}

/** S3 bucket name of a client dataset in a region (primary or replica). */
export function datasetBucketName(provider: ProviderConfig, client: ClientConfig, dataset: string, region: string): string {
  return `${provider.name}-${client.id}-${dataset}-${clientAccount(provider, client)}-${region}`;
}

/** S3 bucket name of a client's server access log bucket in a region. */
export function accessLogBucketName(provider: ProviderConfig, client: ClientConfig, region: string): string {
  return `${provider.name}-${client.id}-${clientAccount(provider, client)}-${region}-s3logs`;
}

/** KMS alias of a client's data key (the same alias in every region). */
export function clientKeyAlias(provider: ProviderConfig, client: ClientConfig): string {
  return `alias/${provider.name}/${client.id}/data`;
}

/** CloudFormation stack name of a client's primary data stack. */
export function clientDataStackName(provider: ProviderConfig, client: ClientConfig): string {
  return `${provider.name}-${client.id}-data`;
}

/** CloudFormation stack name of a client's replica stack (replica region). */
export function clientReplicaStackName(provider: ProviderConfig, client: ClientConfig): string {
  return `${provider.name}-${client.id}-replica`;
}

/** CloudFormation description of a client's primary data stack (its display name included: checked against the limits in `validate.ts`). */
export function clientDataStackDescription(client: ClientConfig): string {
  return `Data stores of client ${client.id} (${client.name}) - client-data-baseline`;
}

/** CloudFormation description of a client's replica stack. */
export function clientReplicaStackDescription(client: ClientConfig): string {
  return `Replica data stores of client ${client.id} (${client.name}) - client-data-baseline`;
}

/** S3 bucket naming rules (general purpose buckets). */
export const BUCKET_NAME_RULES = {
  maxLength: 63,
  pattern: /^[a-z0-9][a-z0-9-]*[a-z0-9]$/,
} as const;

/** Name of a client's backup vaults: the same name in the primary and the replica region (BKP-3.5-OFFSITE). */
export function backupVaultName(provider: ProviderConfig, client: ClientConfig): string {
  return `${provider.name}-${client.id}-backup`;
}

/** ARN of a client's backup vault in a region; copy actions name the replica region's by it. */
export function backupVaultArn(provider: ProviderConfig, client: ClientConfig, region: string): string {
  return `arn:aws:backup:${region}:${clientAccount(provider, client)}:backup-vault:${backupVaultName(provider, client)}`;
}

/** KMS alias of the key encrypting a client's backup vault (the same alias in every region). */
export function backupKeyAlias(provider: ProviderConfig, client: ClientConfig): string {
  return `alias/${provider.name}/${client.id}/backup`;
}

/** IAM name of the role AWS Backup assumes for a client's backups, copies and restore tests. */
export function backupRoleName(provider: ProviderConfig, client: ClientConfig): string {
  return `${provider.name}-${client.id}-backup`;
}

/** ARN of a client's backup role; key and bucket policies in both regions name it. */
export function backupRoleArn(provider: ProviderConfig, client: ClientConfig): string {
  return `arn:aws:iam::${clientAccount(provider, client)}:role/${backupRoleName(provider, client)}`;
}

/** `provider_client_suffix`: AWS Backup restore testing, framework and report plan names allow no hyphens. */
function backupObjectName(provider: ProviderConfig, client: ClientConfig, suffix: string): string {
  return `${provider.name}_${client.id}_${suffix}`.replace(/-/g, '_');
}

/** Name of a client's restore testing plan (at most 50 characters). */
export function restoreTestingPlanName(provider: ProviderConfig, client: ClientConfig): string {
  return backupObjectName(provider, client, 'restore');
}

/** Name of a client's backup plan for a tier (at most 50 characters: the tier without its hyphen). */
export function backupPlanName(provider: ProviderConfig, client: ClientConfig, tier: string): string {
  return `${provider.name}-${client.id}-${tier.replace(/-/g, '')}`;
}

/** ARN of a client dataset bucket in a region (S3 bucket ARNs carry no region or account). */
export function datasetBucketArn(provider: ProviderConfig, client: ClientConfig, dataset: string, region: string): string {
  return `arn:aws:s3:::${datasetBucketName(provider, client, dataset, region)}`;
}

/**
 * IAM role name of a client's S3 replication role: fixed and unique per client,
 * so the replica stack can name it in policies before it exists (aws-cdk #33355).
 */
export function replicationRoleName(provider: ProviderConfig, client: ClientConfig): string {
  return `${provider.name}-${client.id}-s3-replication`;
}

/** ARN of a client's S3 replication role (IAM is global: the same in every region). */
export function replicationRoleArn(provider: ProviderConfig, client: ClientConfig): string {
  return `arn:aws:iam::${clientAccount(provider, client)}:role/${replicationRoleName(provider, client)}`;
}

/** The ARN prefix of every KMS key of a client's account in a region; a key ARN is this plus the key id. */
export function kmsKeyArnPrefix(provider: ProviderConfig, client: ClientConfig, region: string): string {
  return `arn:aws:kms:${region}:${clientAccount(provider, client)}:key/`;
}

/** CloudFormation stack name of the provider's audit stack (home region, provider account). */
export function auditStackName(provider: ProviderConfig): string {
  return `${provider.name}-audit`;
}

/**
 * Name of the provider's CloudTrail trail. Fixed, so that its ARN is built
 * from it: the trail's own `Arn` attribute in the bucket and key policies
 * makes a dependency cycle (aws-cdk #31400).
 */
export function auditTrailName(provider: ProviderConfig): string {
  return `${provider.name}-audit`;
}

/** ARN of the provider's trail (all known regions are in the `aws` partition). */
export function auditTrailArn(provider: ProviderConfig): string {
  return `arn:aws:cloudtrail:${provider.homeRegion}:${provider.account}:trail/${auditTrailName(provider)}`;
}

/** CloudWatch Logs group that receives the trail's events. */
export function auditLogGroupName(provider: ProviderConfig): string {
  return `/${provider.name}/audit/cloudtrail`;
}

/** ARN of the trail's log group, as KMS's `aws:logs:arn` encryption context names it. */
export function auditLogGroupArn(provider: ProviderConfig): string {
  return `arn:aws:logs:${provider.homeRegion}:${provider.account}:log-group:${auditLogGroupName(provider)}`;
}

/** KMS alias of the audit key (trail, log group, log archive). */
export function auditKeyAlias(provider: ProviderConfig): string {
  return `alias/${provider.name}/audit`;
}

/**
 * The log archive bucket. It starts with the account id, a digit, and a
 * provider name starts with a letter: so it never falls under
 * {@link clientBucketArnPrefix}, and the trail does not log its own delivery.
 */
export function logArchiveBucketName(provider: ProviderConfig): string {
  return `${logArchiveAccount(provider)}-${provider.name}-audit-${provider.homeRegion}`;
}

/**
 * The account the log archive lives in: `provider.accounts.logArchive` when
 * set (DP-LOG-INTEGRITY's full form), otherwise the provider's own account.
 */
export function logArchiveAccount(provider: ProviderConfig): string {
  return provider.accounts?.logArchive ?? provider.account;
}

/** Whether the log archive lives in an account of its own (a log archive account). */
export function hasLogArchiveAccount(provider: ProviderConfig): boolean {
  return provider.accounts?.logArchive !== undefined;
}

/** CloudFormation stack name of the log archive stack (log archive account, home region). */
export function logArchiveStackName(provider: ProviderConfig): string {
  return `${provider.name}-log-archive`;
}

/**
 * ARN of the alias of the log archive's key (log archive account, home
 * region). A key id is random; the trail in another account names the key by
 * this alias ARN, which KMS accepts across accounts.
 */
export function logArchiveKeyAliasArn(provider: ProviderConfig): string {
  return `arn:aws:kms:${provider.homeRegion}:${logArchiveAccount(provider)}:${auditKeyAlias(provider)}`;
}

/** Server access log bucket of the log archive. */
export function logArchiveAccessLogBucketName(provider: ProviderConfig): string {
  return `${logArchiveBucketName(provider)}-s3logs`;
}

/**
 * The ARN prefix every client bucket (datasets, primary and replica, and the
 * clients' access log buckets) starts with: bucket names derived above all
 * begin with `<provider>-`, and S3 ARNs carry neither account nor region.
 * One `StartsWith` condition on it selects every client bucket's data events,
 * however many clients there are (DP-LOG-ALL-ACCESS).
 */
export function clientBucketArnPrefix(provider: ProviderConfig): string {
  return `arn:aws:s3:::${provider.name}-`;
}

/** Backup Audit Manager objects allow letters, digits and underscores only. */
function auditObjectName(...parts: string[]): string {
  return parts.join('_').replace(/-/g, '_');
}

/** CloudFormation stack name of the shared backup audit stack of one account and region (BKP-6-AUDIT). */
export function backupAuditStackName(provider: ProviderConfig, account: string, region: string): string {
  return `${provider.name}-backup-audit-${account}-${region}`;
}

/** Name of the Backup Audit Manager framework of one account and region. */
export function backupFrameworkName(provider: ProviderConfig, region: string): string {
  return auditObjectName(provider.name, 'backup_policy', region);
}

/** Name of a Backup Audit Manager report plan of one account and region, e.g. `precision_restore_jobs_eu_west_1`. */
export function backupReportPlanName(provider: ProviderConfig, report: string, region: string): string {
  return auditObjectName(provider.name, report, region);
}

/** IAM role name of a client's duty role, e.g. `precision-acme-operator` (CDM-3.2-LEAST-PRIV). */
export function dutyRoleName(provider: ProviderConfig, client: ClientConfig, duty: string): string {
  return `${provider.name}-${client.id}-${duty}`;
}

/** IAM role name of a client's break-glass role (DP-ALWAYS-OFF). */
export function breakGlassRoleName(provider: ProviderConfig, client: ClientConfig): string {
  return `${provider.name}-${client.id}-break-glass`;
}

/** Name of the customer-managed permission boundary that confines a client's roles to its resources. */
export function clientBoundaryName(provider: ProviderConfig, client: ClientConfig): string {
  return `${provider.name}-${client.id}-boundary`;
}

/** Name of the customer-managed permissions policy of a client's duty (or break-glass) role. */
export function dutyPolicyName(provider: ProviderConfig, client: ClientConfig, duty: string): string {
  return `${provider.name}-${client.id}-${duty}-access`;
}

/** ARN of an IAM role in the client's account. */
export function clientRoleArn(provider: ProviderConfig, client: ClientConfig, roleName: string): string {
  return `arn:aws:iam::${clientAccount(provider, client)}:role/${roleName}`;
}

/**
 * Server access log bucket of the pipeline's artifact store in one region. Like
 * the log archive's, it starts with the account id, so it never falls under
 * {@link clientBucketArnPrefix}. The first pipeline's (shard 0) and the
 * cross-region stores (shared by every pipeline of the account) carry no
 * shard number.
 */
export function pipelineAccessLogBucketName(provider: ProviderConfig, region: string, shard = 0): string {
  return `${provider.account}-${provider.name}-pipeline-${shard === 0 ? '' : `${shard}-`}${region}-s3logs`;
}

/**
 * Region of a client's copy in the backup account (BKP-BLAST-RADIUS):
 * `clients[].backup.accountCopyRegion`, default the replica region (always in
 * the client's allowed regions).
 */
export function backupAccountCopyRegion(client: ClientConfig): string {
  return client.backup.accountCopyRegion ?? client.regions.replica;
}

/** CloudFormation stack name of a client's copy vault stack in the backup account. */
export function backupCopyStackName(provider: ProviderConfig, client: ClientConfig): string {
  return `${provider.name}-${client.id}-backup-copy`;
}

/** ARN of a client's copy vault in the backup account; the client's plans copy into it by this ARN. */
export function backupCopyVaultArn(provider: ProviderConfig, client: ClientConfig, backupAccount: string): string {
  return `arn:aws:backup:${backupAccountCopyRegion(client)}:${backupAccount}:backup-vault:${backupVaultName(provider, client)}`;
}

/** CloudFormation stack name of the organization's guardrails (management account or delegated policy administrator). */
export function guardrailsStackName(provider: ProviderConfig): string {
  return `${provider.name}-organization-guardrails`;
}

/** Name of the service control policy holding one client account to its clients' allowed regions. */
export function regionGuardrailName(provider: ProviderConfig, account: string): string {
  return `${provider.name}-regions-${account}`;
}

/** Name of the service control policy that keeps the trail, detection and backups on in every client account. */
export function protectionGuardrailName(provider: ProviderConfig): string {
  return `${provider.name}-protect-baseline`;
}

/** Name of the resource control policy that closes client buckets and keys to the world outside the organization. */
export function perimeterGuardrailName(provider: ProviderConfig): string {
  return `${provider.name}-data-perimeter`;
}
