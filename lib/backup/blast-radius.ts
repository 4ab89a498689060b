/**
 * Which backups leave the account they protect (BKP-BLAST-RADIUS): the
 * recovery points of every critical or regulated dataset are also copied to a
 * locked vault in `provider.accounts.backup`.
 */
import { type ClientConfig, type DatasetConfig, REGULATED_CLASSIFICATIONS, type Tier, TIERS } from '../model';

/** Whether a dataset's backups must have a copy outside its account: critical tier, or regulated data. */
export function needsAccountCopy(dataset: DatasetConfig): boolean {
  return dataset.tier === 'critical' || REGULATED_CLASSIFICATIONS.includes(dataset.classification);
}

/**
 * The client's tiers whose plans copy to the backup account: each tier that
 * holds a critical or regulated dataset (a plan selects by tier, so its other
 * datasets are copied too: more than the policy asks, never less).
 */
export function accountCopyTiers(client: ClientConfig): Tier[] {
  return TIERS.filter((tier) => client.datasets.some((d) => d.tier === tier && needsAccountCopy(d)));
}

/**
 * Region of a client's copy in the backup account (BKP-BLAST-RADIUS):
 * `clients[].backup.accountCopyRegion`, default the replica region (always
 * one of the client's allowed regions).
 */
export function accountCopyRegion(client: ClientConfig): string {
  return client.backup.accountCopyRegion ?? client.regions.replica;
}
