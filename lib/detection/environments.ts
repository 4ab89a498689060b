/**
 * Where detection runs: every account and region that holds client data
 * (primary stores, replicas, backup copies), each once, however many clients
 * share it (one GuardDuty detector, Security Hub hub, Config recorder and
 * Macie session per account and region).
 */
import { type BaselineConfig, type ClientConfig, ClientNames } from '../model';

/** One account and region with client data. */
export interface DetectionEnvironment {
  readonly account: string;
  readonly region: string;
  /** Whether this region records the account's global resource types (IAM): exactly one region per account. */
  readonly recordsGlobalTypes: boolean;
  /** Clients with data here. */
  readonly clients: readonly ClientConfig[];
}

/** The regions a client's data is in: primary, replica, and the region its backups are copied to (its replica region). */
export function clientDataRegions(client: ClientConfig): string[] {
  return [...new Set([client.regions.primary, client.regions.replica])];
}

/**
 * Every account and region with client data, sorted by account then region.
 * The region that records the account's global (IAM) types is the
 * provider's home region when the account has data there, else its first
 * region in sort order.
 */
export function detectionEnvironments(config: BaselineConfig, clients: readonly ClientConfig[] = config.clients): DetectionEnvironment[] {
  const byKey = new Map<string, { account: string; region: string; clients: ClientConfig[] }>();
  for (const client of clients) {
    const account = new ClientNames(config.provider, client).account;
    for (const region of clientDataRegions(client)) {
      const key = `${account}/${region}`;
      const entry = byKey.get(key) ?? { account, region, clients: [] };
      entry.clients.push(client);
      byKey.set(key, entry);
    }
  }
  const sorted = [...byKey.values()].sort((a, b) =>
    a.account === b.account ? a.region.localeCompare(b.region) : a.account.localeCompare(b.account),
  );
  const globalRegion = new Map<string, string>();
  for (const { account, region } of sorted) {
    const current = globalRegion.get(account);
    if (current === undefined || (region === config.provider.homeRegion && current !== region)) globalRegion.set(account, region);
  }
  return sorted.map((e) => ({ ...e, recordsGlobalTypes: globalRegion.get(e.account) === e.region }));
}
