/**
 * What the report says beside each control about detection after deploy:
 * the Security Hub controls that watch it on the deployed resources (one
 * control, two enforcement points), each detection feature turned off with
 * its reason, and which form of independence the configuration has.
 */
import { type BaselineConfig, DETECTION_FEATURES } from '../model';
import {
  detectionEnvironments,
  detectionSettings,
  UNAVAILABLE_IN,
  FEATURE_CONTROLS,
  FEATURE_LABELS,
  SECURITY_HUB_CONTROLS,
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
  if (settings.form === 'single-account') {
    add(
      'DP-IDS-INDEPENDENT',
      'Single-account form, the weaker form: each account with client data runs and administers its own detection, so its administrators could disable it. The security-account form (provider.accounts.security, delegated administration) is not built yet.',
    );
  }
  add(
    'DP-LOG-INTEGRITY',
    'Single-account form, the weaker form: the log archive is in the provider account, administered by its operators (a log archive account of its own is not built yet).',
  );
  return Object.fromEntries(Object.entries(parts).map(([control, texts]) => [control, texts.join(' ')]));
}
