import { Duration, Tags } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { type EffectiveTier, tierRules } from '../../backup/effective';
import { formatHours, scheduleGaps } from '../../backup/schedule';
import { TAG_KEYS } from '../../model';

/** Properties of a {@link TierBackupPlan}. */
export interface TierBackupPlanProps {
  /** The owning client's id: the selection picks only resources tagged with it. */
  readonly clientId: string;
  /** The tier with the client's agreement applied. */
  readonly tier: EffectiveTier;
  /** Where recovery points go (the client's vault in this region). */
  readonly vault: backup.IBackupVault;
  /** Full ARN of the client's copy vault in its replica region (BKP-3.5-OFFSITE). */
  readonly copyVaultArn: string;
  /** ARN of the role AWS Backup assumes for the selected resources. */
  readonly backupRoleArn: string;
  /** The plan's name (derived, see `names.ts`), unique in the account and region. */
  readonly planName: string;
  /**
   * Full ARN of the client's copy vault in the backup account (BKP-BLAST-RADIUS):
   * each rule is copied there too, with the same retention.
   *
   * @default - no copy out of the account
   */
  readonly accountCopyVaultArn?: string;
}

/**
 * One client's backup plan for one tier (BKP-3.1-FREQUENCY, BKP-3.2-RETENTION,
 * BKP-3.3-METHOD, BKP-3.5-OFFSITE, BKP-4.1-RPO): the tier's scheduled rule (and
 * its continuous rule where the tier has one), each kept for the tier's
 * retention and copied to the client's vault in its replica region with the
 * same retention; a selection of every S3 resource tagged with the client's
 * id AND the tier, so datasets join and leave the plan by their tags and the
 * selection never changes. Synthesis fails when the schedule's longest gap
 * plus the start window exceeds the tier's RPO.
 */
export class TierBackupPlan extends Construct {
  /** The plan. */
  public readonly plan: backup.BackupPlan;
  /** The tag-based selection. */
  public readonly selection: backup.CfnBackupSelection;

  constructor(scope: Construct, id: string, props: TierBackupPlanProps) {
    super(scope, id);
    const { tier } = props;
    const copyVault = backup.BackupVault.fromBackupVaultArn(this, 'CopyVault', props.copyVaultArn);
    const copyVaults = [copyVault];
    if (props.accountCopyVaultArn !== undefined) {
      copyVaults.push(backup.BackupVault.fromBackupVaultArn(this, 'AccountCopyVault', props.accountCopyVaultArn));
    }
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: props.planName,
      backupVault: props.vault,
      backupPlanRules: tierRules(tier).map(
        (rule) =>
          new backup.BackupPlanRule({
            ruleName: rule.name,
            scheduleExpression: events.Schedule.expression(rule.schedule),
            startWindow: Duration.hours(tier.startWindowHours),
            completionWindow: Duration.hours(tier.completionWindowHours),
            deleteAfter: Duration.days(rule.retentionDays),
            moveToColdStorageAfter:
              rule.moveToColdStorageAfterDays === undefined ? undefined : Duration.days(rule.moveToColdStorageAfterDays),
            enableContinuousBackup: rule.continuous,
            recoveryPointTags: { [TAG_KEYS.clientId]: props.clientId, [TAG_KEYS.tier]: tier.tier },
            copyActions: copyVaults.map((destinationBackupVault) => ({
              destinationBackupVault,
              deleteAfter: Duration.days(rule.retentionDays),
              moveToColdStorageAfter:
                rule.moveToColdStorageAfterDays === undefined ? undefined : Duration.days(rule.moveToColdStorageAfterDays),
            })),
          }),
      ),
    });
    Tags.of(this.plan).add(TAG_KEYS.tier, tier.tier);
    // L1: the L2 selection's tag conditions are ORed (ListOfTags); client AND tier need Conditions.
    this.selection = new backup.CfnBackupSelection(this, 'Selection', {
      backupPlanId: this.plan.backupPlanId,
      backupSelection: {
        selectionName: `${tier.tier}-datasets`,
        iamRoleArn: props.backupRoleArn,
        resources: ['arn:aws:s3:::*'],
        conditions: {
          StringEquals: [
            { ConditionKey: `aws:ResourceTag/${TAG_KEYS.clientId}`, ConditionValue: props.clientId },
            { ConditionKey: `aws:ResourceTag/${TAG_KEYS.tier}`, ConditionValue: tier.tier },
          ],
        },
      },
    });
    this.node.addValidation({ validate: () => rpoViolations(props.clientId, tier) });
  }
}

/** The RPO check of a tier's schedule (BKP-4.1-RPO), as validation errors. */
export function rpoViolations(clientId: string, tier: EffectiveTier): string[] {
  let longest: number;
  try {
    longest = scheduleGaps(tier.schedule).longestHours;
  } catch (error) {
    return [`client "${clientId}", tier ${tier.tier}: ${(error as Error).message}`];
  }
  const worst = longest + tier.startWindowHours;
  return worst > tier.rpoHours
    ? [
        `client "${clientId}", tier ${tier.tier}: schedule "${tier.schedule}" leaves up to ${formatHours(longest)} between backups, plus a ${tier.startWindowHours} h start window = ${formatHours(worst)}, over the RPO of ${formatHours(tier.rpoHours)} (BKP-4.1-RPO)`,
      ]
    : [];
}
