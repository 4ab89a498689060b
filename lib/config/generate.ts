/**
 * Generates valid configurations of N clients for benchmarks and scale tests.
 * The output mixes every classification, every tier and several
 * jurisdictions (EU, US, Canada, Australia, Japan), and is
 * deterministic: the same options always give the same configuration (a
 * seeded generator, never `Math.random`). Ids are short, so derived bucket
 * names stay within S3's 63 characters at any N up to 99,999 clients.
 */
import { CLASSIFICATIONS, TIERS } from '../model';
import type { Region } from '../model/regions';

/** A primary/replica pair and the allowed regions of one jurisdiction. */
interface RegionPlan {
  readonly primary: Region;
  readonly replica: Region;
  readonly allowed: readonly Region[];
}

/** Region plans the generator draws from, EU and US first (the most common). */
export const GENERATED_REGION_PLANS: readonly RegionPlan[] = [
  { primary: 'eu-west-1', replica: 'eu-central-1', allowed: ['eu-west-1', 'eu-central-1'] },
  { primary: 'us-east-1', replica: 'us-west-2', allowed: ['us-east-1', 'us-west-2'] },
  { primary: 'eu-central-1', replica: 'eu-west-3', allowed: ['eu-central-1', 'eu-west-1', 'eu-west-3'] },
  { primary: 'us-east-2', replica: 'us-east-1', allowed: ['us-east-2', 'us-east-1'] },
  { primary: 'eu-north-1', replica: 'eu-west-1', allowed: ['eu-north-1', 'eu-west-1'] },
  { primary: 'ca-central-1', replica: 'ca-west-1', allowed: ['ca-central-1', 'ca-west-1'] },
  { primary: 'ap-southeast-2', replica: 'ap-southeast-4', allowed: ['ap-southeast-2', 'ap-southeast-4'] },
  { primary: 'ap-northeast-1', replica: 'ap-northeast-3', allowed: ['ap-northeast-1', 'ap-northeast-3'] },
];

/** Dataset names the generator uses (short, so bucket names stay short). */
export const GENERATED_DATASET_NAMES = ['records', 'billing', 'claims', 'archive', 'images', 'contracts'] as const;

/** Options of {@link generateConfig}. */
export interface GenerateOptions {
  /** How many clients. */
  readonly clients: number;
  /**
   * Seed of the pseudo-random choices.
   *
   * @default 1
   */
  readonly seed?: number;
  /**
   * The provider's slug.
   *
   * @default "msp"
   */
  readonly providerName?: string;
  /**
   * Most datasets a client gets (at least 1 each).
   *
   * @default 3
   */
  readonly maxDatasets?: number;
}

/** Mulberry32: a small, fast, seeded 32-bit generator, returning [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The Malware Protection for S3 quota (protected buckets per account and region) a generated provider declares it raised to. */
export const GENERATED_MALWARE_PROTECTED_BUCKETS = 100;

/** Clients that share one account: each brings up to 5 roles and 4 managed policies (IAM's default quotas: 1,000 and 1,500). */
const CLIENTS_PER_SHARED_ACCOUNT = 100;

/** The id of the i-th generated client (0-based): `c0001`, `c0002`, ... */
export function generatedClientId(index: number): string {
  return `c${String(index + 1).padStart(4, '0')}`;
}

/**
 * A configuration document (as parsed YAML would be) with `clients` clients.
 * Every tenth client has an account of its own, and the others share an
 * account per hundred clients (the provider's for the first hundred), within
 * IAM's default per-account quotas. Classifications and tiers
 * are dealt round-robin over all datasets, so every value appears once N
 * reaches a handful of clients; jurisdictions rotate per client.
 */
export function generateConfig(options: GenerateOptions): Record<string, unknown> {
  const { clients: count, seed = 1, providerName = 'msp', maxDatasets = 3 } = options;
  if (!Number.isInteger(count) || count < 1 || count > 99_999) {
    throw new Error(`generateConfig: clients must be a whole number from 1 to 99999 (received ${count})`);
  }
  if (!Number.isInteger(maxDatasets) || maxDatasets < 1 || maxDatasets > GENERATED_DATASET_NAMES.length) {
    throw new Error(`generateConfig: maxDatasets must be 1 to ${GENERATED_DATASET_NAMES.length} (received ${maxDatasets})`);
  }
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const providerAccount = '111111111111';
  let datasetIndex = 0;
  const clients = Array.from({ length: count }, (_, i) => {
    const id = generatedClientId(i);
    const plan = GENERATED_REGION_PLANS[i % GENERATED_REGION_PLANS.length];
    // Every tenth client has an account of its own; past the first 100, the others share a workload
    // account per hundred clients, so no account exceeds IAM's default quotas (1,000 roles, 1,500 managed policies).
    const ownAccount =
      i % 10 === 9
        ? String(200000000000 + i)
        : i >= CLIENTS_PER_SHARED_ACCOUNT
          ? String(300000000000 + Math.floor(i / CLIENTS_PER_SHARED_ACCOUNT))
          : undefined;
    const account = ownAccount ?? providerAccount;
    const datasetCount = 1 + Math.floor(random() * maxDatasets);
    const datasets = GENERATED_DATASET_NAMES.slice(0, datasetCount).map((name) => {
      // Round-robin over classifications and tiers, so every value appears; retention drawn.
      const classification = CLASSIFICATIONS[datasetIndex % CLASSIFICATIONS.length];
      const tier = TIERS[Math.floor(datasetIndex / CLASSIFICATIONS.length) % TIERS.length];
      datasetIndex += 1;
      const retention = pick([undefined, 365, 2555, 3650]);
      return { name, classification, tier, ...(retention === undefined ? {} : { retentionDays: retention }) };
    });
    return {
      id,
      name: `Client ${i + 1}`,
      ...(ownAccount === undefined ? {} : { account: ownAccount }),
      regions: { primary: plan.primary, replica: plan.replica, allowed: [...plan.allowed] },
      datasets,
      access: {
        operators: [`arn:aws:iam::${account}:role/${id}-ops`],
        readers: random() < 0.5 ? [`arn:aws:iam::${account}:role/${id}-analysts`] : [],
        auditors: [`arn:aws:iam::${providerAccount}:role/compliance-auditor`],
      },
    };
  });
  return {
    provider: {
      name: providerName,
      account: providerAccount,
      homeRegion: 'eu-west-1',
      alerts: { emails: ['secops@example.com'] },
      // Malware Protection for S3 protects a limited number of buckets per account and region; a provider
      // of this size raises the quota. Fixed (not counted), so that adding a client changes no other stack:
      // an account holds at most 100 generated clients of at most 3 datasets over 8 region plans, at most
      // 75 protected buckets in one region (59 at 1,000 clients).
      detection: { quotas: { malwareProtectedBuckets: GENERATED_MALWARE_PROTECTED_BUCKETS } },
    },
    clients,
  };
}
