/**
 * Names of the detection layer, derived from the configuration. Constant per
 * account and region (CloudFormation replaces a resource whose name changes,
 * and a second recorder, analyzer or delivery channel fails to deploy).
 */
import { logArchiveAccount, type ProviderConfig } from '../model';

/** CloudFormation stack name of the detection stack of one account and region. */
export function detectionStackName(provider: ProviderConfig, account: string, region: string): string {
  return `${provider.name}-detection-${account}-${region}`;
}

/**
 * The bucket Config delivers configuration history and snapshots to, in the
 * home region of the log archive's account: the log archive account when
 * `provider.accounts.logArchive` is set, else the provider's account. It
 * starts with the account id, like the log archive, so it never falls under
 * the client bucket prefix. It has no Object Lock: Config does not deliver to
 * Object Lock buckets.
 */
export function configHistoryBucketName(provider: ProviderConfig): string {
  return `${logArchiveAccount(provider)}-${provider.name}-config-${provider.homeRegion}`;
}

/** Name of the Config recorder (one per account and region; the `AWSConfigurationRecorderFor` prefix is reserved). */
export function configRecorderName(provider: ProviderConfig): string {
  return `${provider.name}-recorder`;
}

/** Name of the Config delivery channel (one per account and region). */
export function configDeliveryChannelName(provider: ProviderConfig): string {
  return `${provider.name}-delivery`;
}

/** Name of the external-access analyzer of an account and region. */
export function accessAnalyzerName(provider: ProviderConfig): string {
  return `${provider.name}-external-access`;
}

/** CloudFormation stack name of the security account's detection administration stack in one region (DP-IDS-INDEPENDENT). */
export function securityStackName(provider: ProviderConfig, region: string): string {
  return `${provider.name}-security-${region}`;
}

/** CloudFormation stack name of the management account's stack designating the security account in one region. */
export function detectionDelegationStackName(provider: ProviderConfig, region: string): string {
  return `${provider.name}-detection-delegation-${region}`;
}

/** Name of the organization's external-access analyzer in the security account (one region each). */
export function organizationAnalyzerName(provider: ProviderConfig): string {
  return `${provider.name}-organization-access`;
}

/** Name of the organization's Config aggregator in the security account (home region). */
export function configAggregatorName(provider: ProviderConfig): string {
  return `${provider.name}-organization`;
}

/** IAM role name of the Config aggregator (reads the organization's accounts). */
export function configAggregatorRoleName(provider: ProviderConfig): string {
  return `${provider.name}-config-aggregator`;
}
