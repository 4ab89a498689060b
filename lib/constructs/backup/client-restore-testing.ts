import * as backup from 'aws-cdk-lib/aws-backup';
import { Construct } from 'constructs';
import type { EffectiveTier } from '../../backup/effective';
import { formatHours, scheduleGaps } from '../../backup/schedule';
import {
  RESTORE_TEST_MAX_GAP_HOURS,
  RESTORE_TEST_SCHEDULE,
  RESTORE_TEST_SELECTION_WINDOW_DAYS,
  RESTORE_TEST_START_WINDOW_HOURS,
} from '../../backup/tiers';
import { TAG_KEYS } from '../../model';

/** AWS Backup keeps a restored test resource for validation at most this long. */
const MAX_VALIDATION_WINDOW_HOURS = 168;

/** Properties of a {@link ClientRestoreTesting}. */
export interface ClientRestoreTestingProps {
  /** The plan name (derived, see `names.ts`; letters, digits and `_` only). */
  readonly planName: string;
  /** The owning client's id: selections pick only its resources. */
  readonly clientId: string;
  /** The tiers the client uses, with its agreement applied. */
  readonly tiers: readonly EffectiveTier[];
  /** ARN of the vault whose recovery points are restored. */
  readonly vaultArn: string;
  /** ARN of the role AWS Backup assumes to restore. */
  readonly backupRoleArn: string;
  /**
   * When restore tests run (AWS cron, UTC); must run at least quarterly.
   *
   * @default RESTORE_TEST_SCHEDULE (monthly)
   */
  readonly schedule?: string;
}

/**
 * Automatic restore tests of a client's backups (BKP-3.4-TESTING, BKP-4.2-RTO):
 * a restore testing plan that restores the latest recovery point of the
 * client's vault at least quarterly (monthly by default), and one selection
 * per tier of the S3 resources tagged with the client's id and the tier. Each
 * restored copy is kept for validation for the tier's RTO (at most the 7 days
 * AWS Backup allows) and then deleted by AWS Backup. Results are recorded as
 * restore jobs (the client's restore job report) and failures alert through
 * the backup job alerts.
 */
export class ClientRestoreTesting extends Construct {
  /** The restore testing plan. */
  public readonly plan: backup.CfnRestoreTestingPlan;
  /** Selections by tier. */
  public readonly selections: Readonly<Record<string, backup.CfnRestoreTestingSelection>>;

  constructor(scope: Construct, id: string, props: ClientRestoreTestingProps) {
    super(scope, id);
    const schedule = props.schedule ?? RESTORE_TEST_SCHEDULE;
    this.plan = new backup.CfnRestoreTestingPlan(this, 'Plan', {
      restoreTestingPlanName: props.planName,
      scheduleExpression: schedule,
      scheduleExpressionTimezone: 'Etc/UTC',
      startWindowHours: RESTORE_TEST_START_WINDOW_HOURS,
      recoveryPointSelection: {
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: [props.vaultArn],
        recoveryPointTypes: ['SNAPSHOT'],
        selectionWindowDays: RESTORE_TEST_SELECTION_WINDOW_DAYS,
      },
    });
    const selections: Record<string, backup.CfnRestoreTestingSelection> = {};
    for (const tier of props.tiers) {
      const selection = new backup.CfnRestoreTestingSelection(this, `Selection-${tier.tier}`, {
        restoreTestingPlanName: props.planName,
        restoreTestingSelectionName: tier.tier.replace(/-/g, '_'),
        protectedResourceType: 'S3',
        protectedResourceArns: ['*'],
        protectedResourceConditions: {
          stringEquals: [
            { key: `aws:ResourceTag/${TAG_KEYS.clientId}`, value: props.clientId },
            { key: `aws:ResourceTag/${TAG_KEYS.tier}`, value: tier.tier },
          ],
        },
        iamRoleArn: props.backupRoleArn,
        validationWindowHours: Math.min(tier.rtoHours, MAX_VALIDATION_WINDOW_HOURS),
      });
      selection.addResourceDependency(this.plan);
      selections[tier.tier] = selection;
    }
    this.selections = selections;
    this.node.addValidation({
      validate: () => {
        try {
          const longest = scheduleGaps(schedule).longestHours;
          return longest + RESTORE_TEST_START_WINDOW_HOURS > RESTORE_TEST_MAX_GAP_HOURS
            ? [
                `restore tests of client "${props.clientId}" run up to ${formatHours(longest)} apart (schedule "${schedule}"), less often than quarterly (${formatHours(RESTORE_TEST_MAX_GAP_HOURS)}) (BKP-3.4-TESTING)`,
              ]
            : [];
        } catch (error) {
          return [`restore tests of client "${props.clientId}": ${(error as Error).message}`];
        }
      },
    });
  }
}
