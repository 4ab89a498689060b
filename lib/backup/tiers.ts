/**
 * The backup tiers of the Customer Data Backup Policy (001 §2-§4), as one
 * table: every plan, vault lock, restore test, alarm and audit control is
 * built from it (BKP-2-TIERS, BKP-3.1-FREQUENCY, BKP-3.2-RETENTION,
 * BKP-3.3-METHOD, BKP-4.1-RPO, BKP-4.2-RTO).
 */
import type { Tier } from '../model';

/** What the policy asks of one tier, and the schedule that implements it. */
export interface TierPolicy {
  /** The policy's minimum frequency (§3.1). */
  readonly frequency: 'daily' | 'weekly' | 'monthly';
  /**
   * The AWS Backup cron schedule (UTC). It runs at least as often as
   * `frequency`, and its longest gap plus `startWindowHours` stays within
   * `rpoHours` (checked at synth, BKP-4.1-RPO).
   */
  readonly schedule: string;
  /** Days a recovery point is kept (§3.2). */
  readonly retentionDays: number;
  /** Recovery point objective in hours (§4.1). */
  readonly rpoHours: number;
  /** Recovery time objective in hours (§4.2). */
  readonly rtoHours: number;
  /** Backup method (§3.3). */
  readonly method: 'incremental' | 'full';
  /**
   * Whether S3 continuous backup (point-in-time restore, at most 35 days)
   * runs beside the scheduled snapshots.
   */
  readonly continuous: boolean;
  /** Hours after the scheduled time within which a job must start. */
  readonly startWindowHours: number;
  /** Hours after the start within which a job must complete. */
  readonly completionWindowHours: number;
}

/**
 * The tier table. Schedules, and why each meets its RPO:
 * - critical: daily at 03:00 UTC; 24 h gap + 1 h start window = 25 h <= 48 h.
 *   Continuous backup adds point-in-time restore for the 30 days.
 * - important: Sundays and Wednesdays; 96 h + 1 h <= 168 h. A plain weekly
 *   schedule has a 168 h gap, so with any start window it would exceed the
 *   7-day RPO: the tier runs twice a week, which still is "weekly" or better.
 * - non-essential: the 1st and the 15th; 17 d + 1 h <= 30 d. A calendar
 *   monthly schedule (1st of the month) leaves 31 days between the 31st-day
 *   months' runs, over the 30-day RPO.
 *
 * Method (§3.3): AWS Backup stores S3 recovery points incrementally, and each
 * one restores the whole bucket on its own. "Full" for the non-essential tier
 * means every recovery point is kept whole for the tier's 180 days: no
 * continuous backup, no cold tier unless an agreement asks for it.
 */
export const TIER_POLICIES: Readonly<Record<Tier, TierPolicy>> = {
  critical: {
    frequency: 'daily',
    schedule: 'cron(0 3 * * ? *)',
    retentionDays: 30,
    rpoHours: 48,
    rtoHours: 48,
    method: 'incremental',
    continuous: true,
    startWindowHours: 1,
    completionWindowHours: 24,
  },
  important: {
    frequency: 'weekly',
    schedule: 'cron(0 3 ? * SUN,WED *)',
    retentionDays: 90,
    rpoHours: 7 * 24,
    rtoHours: 72,
    method: 'incremental',
    continuous: false,
    startWindowHours: 1,
    completionWindowHours: 48,
  },
  'non-essential': {
    frequency: 'monthly',
    schedule: 'cron(0 3 1,15 * ? *)',
    retentionDays: 180,
    rpoHours: 30 * 24,
    rtoHours: 7 * 24,
    method: 'full',
    continuous: false,
    startWindowHours: 1,
    completionWindowHours: 72,
  },
};

/** Hours in the policy's frequency period: a schedule's longest gap may not exceed it. */
export const FREQUENCY_HOURS: Readonly<Record<TierPolicy['frequency'], number>> = {
  daily: 24,
  weekly: 7 * 24,
  monthly: 31 * 24,
};

/** AWS Backup keeps continuous backups of S3 for at most this many days. */
export const CONTINUOUS_MAX_RETENTION_DAYS = 35;

/** AWS Backup keeps a recovery point in cold storage for at least this many days. */
export const COLD_STORAGE_MIN_DAYS = 90;

/** AWS Backup runs a rule at most once an hour. */
export const MIN_SCHEDULE_GAP_HOURS = 1;

/** Restore tests run at least this often (BKP-3.4-TESTING: quarterly), in hours: 92 days. */
export const RESTORE_TEST_MAX_GAP_HOURS = 92 * 24;

/** When restore tests run: the 8th of every month, 05:00 UTC (monthly, so at least quarterly). */
export const RESTORE_TEST_SCHEDULE = 'cron(0 5 8 * ? *)';

/** Hours after the scheduled time within which a restore test must start. */
export const RESTORE_TEST_START_WINDOW_HOURS = 24;

/** Days back from the test in which a recovery point is picked for restore testing. */
export const RESTORE_TEST_SELECTION_WINDOW_DAYS = 30;
