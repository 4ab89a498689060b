/**
 * Configuration checks of the detection layer: a feature turned off says
 * why, and a security account is apart from every account holding client
 * data (DP-IDS-INDEPENDENT). Each returns every problem it finds.
 */
import { type BaselineConfig, clientAccount, type ConfigIssue, DETECTION_FEATURES } from '../model';
import { FEATURE_LABELS } from './settings';

/** Every problem of `provider.detection` and `provider.accounts`. */
export function detectionIssues(config: BaselineConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const detection = config.provider.detection ?? {};
  for (const feature of DETECTION_FEATURES) {
    const value = detection[feature];
    const hint = `turning ${FEATURE_LABELS[feature]} off needs a reason: write ${feature}: { enabled: false, reason: "..." } (the report shows it beside the control)`;
    if (value === false) issues.push({ path: `provider.detection.${feature}`, message: hint, received: false });
    else if (typeof value === 'object' && !value.enabled && value.reason === undefined) {
      issues.push({ path: `provider.detection.${feature}.reason`, message: hint });
    } else if (typeof value === 'object' && value.enabled && value.reason !== undefined) {
      issues.push({
        path: `provider.detection.${feature}.reason`,
        message: 'a reason is only given for turning a feature off: leave it out, or set enabled to false',
        received: value.reason,
      });
    }
  }
  const security = config.provider.accounts?.security;
  if (security !== undefined) {
    const holders = new Set([config.provider.account, ...config.clients.map((c) => clientAccount(config.provider, c))]);
    if (holders.has(security)) {
      issues.push({
        path: 'provider.accounts.security',
        message:
          'the security account must be apart from the provider account and every client account, so that their administrators cannot administer detection (DP-IDS-INDEPENDENT)',
        received: security,
      });
    } else {
      issues.push({
        path: 'provider.accounts.security',
        message:
          'the security-account form of detection (delegated administration from a security account) is not built yet; leave it out to deploy the single-account form, which the report marks as the weaker form of DP-IDS-INDEPENDENT',
        received: security,
      });
    }
  }
  return issues;
}
