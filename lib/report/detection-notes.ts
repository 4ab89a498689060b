/**
 * What the report says beside each control about detection after deploy:
 * the Security Hub controls that watch it on the deployed resources (one
 * control, two enforcement points), each detection feature turned off with
 * its reason, and which form of independence the configuration has.
 */
import { type BaselineConfig, DETECTION_FEATURES } from '../model';
import {
  delegationCommands,
  detectionEnvironments,
  detectionSettings,
  UNAVAILABLE_IN,
  FEATURE_CONTROLS,
  FEATURE_LABELS,
  SECURITY_HUB_CONTROLS,
  securityRegions,
} from '../detection';

/** Control id -> note. */
export function detectionNotes(config: BaselineConfig): Record<string, string> {
  const settings = detectionSettings(config.provider);
  const parts: Record<string, string[]> = {};
  const add = (control: string, text: string) => (parts[control] ??= []).push(text);
  for (const feature of DETECTION_FEATURES) {
    const setting = settings.features[feature];
    if (setting.enabled) continue;
    for (const control of FEATURE_CONTROLS[feature])
      add(control, `Turned off: ${FEATURE_LABELS[feature]}, because: ${setting.reason ?? '(no reason)'}.`);
  }
  const regions = new Set(detectionEnvironments(config).map((e) => e.region));
  for (const feature of DETECTION_FEATURES) {
    const gaps = (UNAVAILABLE_IN[feature] ?? []).filter((r) => regions.has(r));
    if (settings.features[feature].enabled && gaps.length > 0) {
      for (const control of FEATURE_CONTROLS[feature])
        add(control, `Not offered by AWS in ${gaps.join(', ')}: ${FEATURE_LABELS[feature]}; client data there is not covered by it.`);
    }
  }
  if (settings.features.posture.enabled) {
    for (const [control, hub] of Object.entries(SECURITY_HUB_CONTROLS))
      add(control, `Also watched after deploy by Security Hub controls ${hub.join(', ')}.`);
  }
  if (settings.securityAccount === undefined) {
    add(
      'DP-IDS-INDEPENDENT',
      'Single-account form, the weaker form: each account with client data runs and administers its own detection, so its administrators could disable it. Set provider.accounts.security (and provider.organizationId) for the security-account form (delegated administration).',
    );
  } else {
    const regions = securityRegions(config);
    const commands = delegationCommands(config);
    add(
      'DP-IDS-INDEPENDENT',
      `Full form: detection is administered from the security account ${settings.securityAccount}, apart from the provider account and every client account, in ${regions.join(', ')}: the organization's Access Analyzer, Security Hub's findings gathered in ${config.provider.homeRegion} (finding aggregator) and the organization's Config aggregator there, every finding source routed to the alert topic of that account; ${config.provider.guardrails === true ? 'the guardrails deny disabling detection from a client account. ' : 'without provider.guardrails a client account could still disable its own detection. '}Organisational: ${commands.length} one-time command(s) of the management account designate it where CloudFormation has no resource (GuardDuty, Macie, Access Analyzer, Config; README, "Detection: the security account").`,
    );
  }
  if (config.provider.accounts?.logArchive === undefined) {
    add(
      'DP-LOG-INTEGRITY',
      'Single-account form, the weaker form: the log archive is in the provider account, administered by its operators.',
    );
  }
  return Object.fromEntries(Object.entries(parts).map(([control, texts]) => [control, texts.join(' ')]));
}
