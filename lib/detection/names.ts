/**
 * Names of the detection layer, derived from the configuration. Constant per
 * account and region (CloudFormation replaces a resource whose name changes,
 * and a second recorder, analyzer or delivery channel fails to deploy).
 */
import type { ProviderConfig } from '../model';

/** CloudFormation stack name of the detection stack of one account and region. */
export function detectionStackName(provider: ProviderConfig, account: string, region: string): string {
  return `${provider.name}-detection-${account}-${region}`;
}

/**
 * The bucket Config delivers configuration history and snapshots to, in the
 * provider's account and home region. It starts with the account id, like the
 * log archive, so it never falls under the client bucket prefix. It has no
 * Object Lock: Config does not deliver to Object Lock buckets.
 */
export function configHistoryBucketName(provider: ProviderConfig): string {
  return `${provider.account}-${provider.name}-config-${provider.homeRegion}`;
}

/** Server access log bucket of the configuration history bucket when the log archive lives in another account. */
export function configHistoryAccessLogBucketName(provider: ProviderConfig): string {
  return `${configHistoryBucketName(provider)}-s3logs`;
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
