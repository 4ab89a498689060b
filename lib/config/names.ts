/**
 * Deterministic names derived from the configuration. Stacks in different
 * regions refer to each other's resources by these names instead of by
 * CloudFormation exports (no `crossRegionReferences`), so every name that
 * crosses a stack boundary is computed here and only here.
 */
import type { ClientConfig, ProviderConfig } from './model';

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

/** S3 bucket naming rules (general purpose buckets). */
export const BUCKET_NAME_RULES = {
  maxLength: 63,
  pattern: /^[a-z0-9][a-z0-9-]*[a-z0-9]$/,
} as const;

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
  return `${provider.account}-${provider.name}-audit-${provider.homeRegion}`;
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
