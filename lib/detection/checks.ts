/**
 * Configuration checks of the detection layer: a feature turned off says
 * why. The security account (`provider.accounts.security`,
 * DP-IDS-INDEPENDENT) is checked with the other accounts of the organization
 * (`organizationIssues` in `lib/guardrails/checks.ts`): it needs
 * `provider.organizationId` and is neither the provider's nor a client's
 * account. Each returns every problem it finds.
 */
import { type BaselineConfig, type ConfigIssue, DETECTION_FEATURES } from '../model';
import { FEATURE_LABELS } from './settings';

/** Every problem of `provider.detection`. */
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
  return issues;
}
