/**
 * The dates of a cryptographic erasure (CDM-3.7-DISPOSAL), from the
 * configuration alone: when the keys go, and the earliest day they may go
 * given what the client's backup vault lock promised to keep.
 */
import { clientRules, vaultLockTerms } from '../backup/effective';
import type { ClientConfig, OffboardingConfig } from '../model/schema';

const DAY_MS = 86_400_000;

/** An ISO date (`YYYY-MM-DD`) plus a number of days. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The day the client's keys are deleted if its stacks are removed on `requested`. */
export function erasureDate(offboarding: OffboardingConfig): string {
  return addDays(offboarding.requested, offboarding.erasureAfterDays);
}

/** Why an erasure cannot happen before a date. */
export interface ErasureConstraint {
  /** The earliest day the keys may be deleted. */
  readonly earliest: string;
  /** What keeps the data until then. */
  readonly reason: string;
}

/**
 * What forbids erasing before some day: a compliance-mode vault lock (which
 * nobody can shorten, so destroying its recovery points' key would break
 * the lock's promise) keeps the last recovery points, made on `requested` at
 * the latest, for the longest retention of the rules writing into the vault.
 * A governance-mode lock is the provider's own policy; the offboarding's
 * approval is the recorded decision to end it.
 */
export function erasureConstraints(client: ClientConfig, offboarding: OffboardingConfig): ErasureConstraint[] {
  const lock = vaultLockTerms(client);
  if (lock.mode !== 'compliance') return [];
  const days = Math.max(lock.minRetentionDays, ...clientRules(client).map((r) => r.retentionDays));
  return [
    {
      earliest: addDays(offboarding.requested, days),
      reason: `the compliance-mode vault lock keeps recovery points made up to ${offboarding.requested} for ${days} days`,
    },
  ];
}
