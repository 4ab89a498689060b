/**
 * The security-account form of detection (DP-IDS-INDEPENDENT): where the
 * security account administers detection, and what the management account
 * does once to make it the delegated administrator. CloudFormation declares
 * Security Hub's designation (`AWS::SecurityHub::DelegatedAdmin`, one per
 * region); GuardDuty's, Macie's, IAM Access Analyzer's and AWS Config's have
 * no CloudFormation resource (AWS::Organizations has none for delegated
 * administrators), so they are one-time commands of the management account,
 * listed here, in the README and in the report (organisational).
 */
import type { BaselineConfig } from '../model';
import { detectionEnvironments } from './environments';
import { detectionSettings } from './settings';

/**
 * The regions the security account administers: every region with client
 * data, and the provider's home region, where Security Hub's findings and
 * the Config aggregator gather. Sorted.
 */
export function securityRegions(config: BaselineConfig): string[] {
  return [...new Set([config.provider.homeRegion, ...detectionEnvironments(config).map((e) => e.region)])].sort();
}

/**
 * The management account's one-time commands (AWS CLI) that make the
 * security account the delegated administrator where CloudFormation cannot:
 * trusted access and registration for IAM Access Analyzer and AWS Config,
 * and GuardDuty's and Macie's administrator in each region of
 * {@link securityRegions} (features turned off are left out). Empty in the
 * single-account form.
 */
export function delegationCommands(config: BaselineConfig): string[] {
  const security = detectionSettings(config.provider).securityAccount;
  if (security === undefined) return [];
  const on = detectionSettings(config.provider).features;
  const regions = securityRegions(config);
  const principals = [
    ...(on.accessAnalysis.enabled ? ['access-analyzer.amazonaws.com'] : []),
    ...(on.posture.enabled ? ['config.amazonaws.com', 'securityhub.amazonaws.com'] : []),
    ...(on.threatDetection.enabled ? ['guardduty.amazonaws.com'] : []),
    ...(on.sensitiveDataDiscovery.enabled ? ['macie.amazonaws.com'] : []),
  ];
  return [
    ...principals.map((p) => `aws organizations enable-aws-service-access --service-principal ${p}`),
    ...['access-analyzer.amazonaws.com', 'config.amazonaws.com']
      .filter((p) => principals.includes(p))
      .map((p) => `aws organizations register-delegated-administrator --account-id ${security} --service-principal ${p}`),
    ...(on.threatDetection.enabled
      ? regions.map((r) => `aws guardduty enable-organization-admin-account --admin-account-id ${security} --region ${r}`)
      : []),
    ...(on.sensitiveDataDiscovery.enabled
      ? regions.map((r) => `aws macie2 enable-organization-admin-account --admin-account-id ${security} --region ${r}`)
      : []),
  ];
}
