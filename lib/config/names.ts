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
