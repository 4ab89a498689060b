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
