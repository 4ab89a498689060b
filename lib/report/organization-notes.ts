/**
 * What the report says beside the controls whose strength depends on the
 * account layout (DP-LOG-INTEGRITY, BKP-BLAST-RADIUS, DP-MINIMAL-SERVICES):
 * the full form (log archive account, backup account, organization
 * guardrails) or the weaker single-account form, from the configuration.
 */
import { accountCopyTiers } from '../backup/blast-radius';
import { guardrailPlan } from '../guardrails/policies';
import { type BaselineConfig, logArchiveAccount } from '../model';

/** Control id -> note on its form. */
export function organizationNotes(config: BaselineConfig): Record<string, string> {
  const { provider } = config;
  const notes: Record<string, string> = {};
  notes['DP-LOG-INTEGRITY'] =
    provider.accounts?.logArchive !== undefined
      ? `Full form: the archive and its key live in the log archive account ${logArchiveAccount(provider)}, apart from the trail's account (${provider.account}) and every client account; principals of other accounts may not delete, unlock or re-police it.`
      : `Single-account form: the archive is locked and its deletion denied, but it lives in the trail's own account (${provider.account}); set provider.accounts.logArchive for the full form.`;
  const copied = config.clients.filter((c) => accountCopyTiers(c).length > 0).map((c) => c.id);
  notes['BKP-BLAST-RADIUS'] =
    provider.accounts?.backup !== undefined
      ? `Full form: critical and regulated backups of ${copied.length} client(s) (${copied.join(', ')}) are also copied to a locked vault of the backup account ${provider.accounts.backup}, which only their own account may copy into.`
      : 'Single-account form: backups are copied to a locked vault in another region of the same account only; set provider.accounts.backup (and provider.organizationId) for the full form.';
  const plan = guardrailPlan(config);
  notes['DP-MINIMAL-SERVICES'] =
    plan.length > 0
      ? `Organization mode: ${plan.filter((g) => g.type === 'SERVICE_CONTROL_POLICY').length} service control policies and ${plan.filter((g) => g.type === 'RESOURCE_CONTROL_POLICY').length} resource control policy in ${provider.organizationId}, attached to ${new Set(plan.flatMap((g) => g.targetIds)).size} accounts; the isolation proof evaluates them.`
      : 'Single-account form: no guardrails (SCPs and RCPs need an organization); set provider.guardrails and provider.organizationId for the full form.';
  return notes;
}
