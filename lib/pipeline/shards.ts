import { createHash } from 'node:crypto';
import { detectionEnvironments } from '../detection';
import { type BaselineConfig, type ClientConfig, ClientNames } from '../model';

/**
 * The pipeline (0-based shard) that deploys the stacks named by a key:
 * the first 32 bits of sha256(key), modulo the number of pipelines. It
 * depends on the key and the number of pipelines only, so adding, removing
 * or reordering clients never moves another client to another pipeline;
 * changing `provider.pipeline.shards` does.
 *
 * @param key a client id, `<account>/<region>` for a backup audit stack, or an account id for its detection stacks
 * @param shards the number of pipelines (`provider.pipeline.shards`)
 */
export function shardOf(key: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`shardOf: shards must be a whole number of at least 1 (received ${shards})`);
  return createHash('sha256').update(key).digest().readUInt32BE(0) % shards;
}

/** The number of pipelines of a configuration (`provider.pipeline.shards`, default 1). */
export function shardCount(config: BaselineConfig): number {
  return config.provider.pipeline?.shards ?? 1;
}

/** What one pipeline deploys. */
export interface ShardContents {
  /**
   * Whether it deploys the provider's own stacks: the log archive, the audit
   * stack, the security account's stacks and the guardrails (the first
   * pipeline does).
   */
  readonly audit: boolean;
  /**
   * The clients whose account and primary region's backup audit stack it
   * deploys, one client per `<account>/<region>` (its first in configuration
   * order). The stack is shared by the clients of that account and region,
   * whichever pipeline deploys them, so it goes to pipeline
   * `shardOf("<account>/<region>")`.
   */
  readonly backupAuditClients: readonly ClientConfig[];
  /**
   * The accounts whose detection stacks (one per region with client data) it
   * deploys: pipeline `shardOf("<account>")`, so that an account's stacks,
   * which depend on the one recording its global resource types, stay in one
   * pipeline, and the first pipeline's template stays small.
   */
  readonly detectionAccounts: readonly string[];
  /** The clients whose replica and data stacks it deploys, in configuration order. */
  readonly clients: readonly ClientConfig[];
}

/**
 * What each pipeline deploys, by shard (every shard present, even an empty one).
 *
 * @param shards the number of pipelines (default `provider.pipeline.shards`; 1 gives everything to one pipeline)
 */
export function shardContents(config: BaselineConfig, shards = shardCount(config)): ShardContents[] {
  const contents = Array.from({ length: shards }, (_, shard) => ({
    audit: shard === 0,
    backupAuditClients: [] as ClientConfig[],
    detectionAccounts: [] as string[],
    clients: [] as ClientConfig[],
  }));
  for (const account of new Set(detectionEnvironments(config).map((e) => e.account))) {
    contents[shardOf(account, shards)].detectionAccounts.push(account);
  }
  const backupAudits = new Set<string>();
  for (const client of config.clients) {
    contents[shardOf(client.id, shards)].clients.push(client);
    const group = `${new ClientNames(config.provider, client).account}/${client.regions.primary}`;
    if (!backupAudits.has(group)) {
      backupAudits.add(group);
      contents[shardOf(group, shards)].backupAuditClients.push(client);
    }
  }
  return contents;
}
