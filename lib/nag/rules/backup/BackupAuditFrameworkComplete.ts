import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnFramework, CfnReportPlan } from 'aws-cdk-lib/aws-backup';
import { NagRuleCompliance } from 'cdk-nag';
import { asArray, logicalIdOf, referencedId, resolve, resourcesInStack } from '../helpers';

/** The Backup Audit Manager controls that map to the backup policy's clauses. */
export const REQUIRED_AUDIT_CONTROLS = [
  'BACKUP_RECOVERY_POINT_ENCRYPTED',
  'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
  'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
  'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
  'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
  'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
  'BACKUP_LAST_RECOVERY_POINT_CREATED',
] as const;

/**
 * Backup compliance is continuously audited and reported (BKP-6-AUDIT): a
 * Backup Audit Manager framework holds every control that maps to the
 * policy's clauses, and a report plan of its stack delivers its compliance
 * report.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnFramework)) return NagRuleCompliance.NOT_APPLICABLE;
    const controls = asArray(resolve<{ controlName?: string; ControlName?: string }[]>(node, node.frameworkControls)).map(
      (c) => c.ControlName ?? c.controlName,
    );
    const complete = REQUIRED_AUDIT_CONTROLS.every((name) => controls.includes(name));
    const id = logicalIdOf(node);
    const reported = resourcesInStack(node, CfnReportPlan).some((plan) => {
      const setting = resolve<{ FrameworkArns?: unknown[]; frameworkArns?: unknown[] }>(plan, plan.reportSetting);
      return asArray(setting?.FrameworkArns ?? setting?.frameworkArns).some((arn) => referencedId(plan, arn) === id);
    });
    return complete && reported ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
