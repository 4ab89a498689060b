import * as backup from 'aws-cdk-lib/aws-backup';
import { Construct } from 'constructs';
import { FREQUENCY_HOURS, TIER_POLICIES } from '../../backup/tiers';
import { MANAGED_BY, TAG_KEYS, TIERS, type Tier } from '../../model';

/** Properties of a {@link BackupAudit}. */
export interface BackupAuditProps {
  /** The framework name (derived, see `names.ts`). */
  readonly frameworkName: string;
  /** Report plan names by report: `restore_jobs` and `compliance`. */
  readonly reportPlanNames: { readonly restoreJobs: string; readonly compliance: string };
  /** The bucket that receives the reports (the provider's log archive). */
  readonly reportBucketName: string;
  /** Key prefix of the reports in that bucket, e.g. `backup-reports/111111111111/eu-west-1`. */
  readonly reportPrefix: string;
}

interface Control {
  readonly ControlName: string;
  readonly ControlInputParameters?: { ParameterName: string; ParameterValue: string }[];
  readonly ControlScope?: Record<string, unknown>;
}

const params = (values: Record<string, string | number | undefined>) =>
  Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([ParameterName, value]) => ({ ParameterName, ParameterValue: String(value) }));

/** Every tier-scoped control for one tier: the policy's floor, which every client's plan of the tier meets (overrides only tighten). */
function tierControls(tier: Tier): Control[] {
  const floor = TIER_POLICIES[tier];
  const tierScope = { Tags: [{ Key: TAG_KEYS.tier, Value: tier }] };
  const frequencyDays = FREQUENCY_HOURS[floor.frequency] / 24;
  return [
    {
      // BKP-3.1-FREQUENCY, BKP-3.2-RETENTION
      ControlName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
      ControlInputParameters: params({
        requiredFrequencyUnit: 'days',
        requiredFrequencyValue: frequencyDays,
        requiredRetentionDays: floor.retentionDays,
      }),
      ControlScope: tierScope,
    },
    // BKP-2-TIERS: every store of the tier is in a plan.
    { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN', ControlScope: { ...tierScope, ComplianceResourceTypes: ['S3'] } },
    // BKP-3.5-OFFSITE
    // (Which regions is the clients' business: sovereignty of copies is proven at synth, CDM-3.8-SOVEREIGNTY.)
    { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION', ControlScope: { ...tierScope, ComplianceResourceTypes: ['S3'] } },
    // BKP-4.1-RPO: a recovery point no older than the RPO, per resource.
    {
      ControlName: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
      ControlInputParameters: params(
        floor.rpoHours <= 744
          ? { recoveryPointAgeUnit: 'hours', recoveryPointAgeValue: floor.rpoHours }
          : { recoveryPointAgeUnit: 'days', recoveryPointAgeValue: Math.min(31, Math.ceil(floor.rpoHours / 24)) },
      ),
      ControlScope: { ...tierScope, ComplianceResourceTypes: ['S3'] },
    },
  ];
}

/**
 * Continuous audit of the backups of every client in one account and region
 * with AWS Backup Audit Manager
 * (BKP-6-AUDIT): a framework whose controls map to the policy's clauses
 * (recovery points encrypted, BKP-3.3-METHOD; minimum frequency and retention
 * per tier, BKP-3.1/3.2; stores protected by a plan, BKP-2-TIERS; cross-region
 * copies, BKP-3.5-OFFSITE; last recovery point within the RPO, BKP-4.1-RPO;
 * vault lock and manual deletion disabled, BKP-IMMUTABLE), and report plans
 * that deliver its compliance report and the restore job report (the record
 * of every restore test, BKP-3.4-TESTING, BKP-4.2-RTO) to the log archive.
 * Audit Manager evaluates through AWS Config, which must record in the region.
 * One framework per account and region, scoped by the baseline's tags, keeps
 * within AWS's quota of 50 controls whatever the number of clients, and does
 * not change when clients come and go.
 */
export class BackupAudit extends Construct {
  /** The framework. */
  public readonly framework: backup.CfnFramework;
  /** The report plans. */
  public readonly reportPlans: readonly backup.CfnReportPlan[];

  constructor(scope: Construct, id: string, props: BackupAuditProps) {
    super(scope, id);
    const baselineScope = { Tags: [{ Key: TAG_KEYS.managedBy, Value: MANAGED_BY }] };
    const minRetentionDays = Math.min(...TIERS.map((tier) => TIER_POLICIES[tier].retentionDays));
    const controls: Control[] = [
      { ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED', ControlScope: baselineScope },
      { ControlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED', ControlScope: baselineScope },
      {
        ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
        ControlInputParameters: params({ minRetentionDays }),
        ControlScope: baselineScope,
      },
      ...TIERS.flatMap((tier) => tierControls(tier)),
    ];
    this.framework = new backup.CfnFramework(this, 'Framework', {
      frameworkName: props.frameworkName,
      frameworkDescription: 'Customer Data Backup Policy controls for every client store in this account and region (BKP-6-AUDIT)',
      frameworkControls: controls.map((c) => ({
        controlName: c.ControlName,
        controlInputParameters: c.ControlInputParameters?.map((p) => ({
          parameterName: p.ParameterName,
          parameterValue: p.ParameterValue,
        })),
        controlScope: c.ControlScope,
      })),
    });
    const delivery = {
      S3BucketName: props.reportBucketName,
      S3KeyPrefix: props.reportPrefix,
      Formats: ['CSV', 'JSON'],
    };
    this.reportPlans = [
      new backup.CfnReportPlan(this, 'ComplianceReport', {
        reportPlanName: props.reportPlanNames.compliance,
        reportPlanDescription: 'Backup policy compliance of the client stores in this account and region (BKP-6-AUDIT)',
        reportDeliveryChannel: delivery,
        reportSetting: { ReportTemplate: 'CONTROL_COMPLIANCE_REPORT', FrameworkArns: [this.framework.attrFrameworkArn] },
      }),
      new backup.CfnReportPlan(this, 'RestoreJobReport', {
        reportPlanName: props.reportPlanNames.restoreJobs,
        reportPlanDescription:
          'Restore jobs and restore tests, with their durations to judge against the RTO (BKP-3.4-TESTING, BKP-4.2-RTO)',
        reportDeliveryChannel: delivery,
        reportSetting: { ReportTemplate: 'RESTORE_JOB_REPORT' },
      }),
    ];
  }
}
