import { Tags } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { EffectiveTier } from '../../backup/effective';
import { TAG_KEYS } from '../../model';

/**
 * Records a store's recovery objectives on it as tags (`rpo-hours`,
 * `rto-hours`), so that restore tests and reports can be judged against
 * them per dataset (BKP-4.1-RPO, BKP-4.2-RTO).
 */
export function tagRecoveryObjectives(store: IConstruct, tier: EffectiveTier): void {
  Tags.of(store).add(TAG_KEYS.rpoHours, String(tier.rpoHours));
  Tags.of(store).add(TAG_KEYS.rtoHours, String(tier.rtoHours));
}
