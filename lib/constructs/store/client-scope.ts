import { Stack, Tags, Token } from 'aws-cdk-lib';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import type { Construct } from 'constructs';
import { OFFBOARDING_DEFAULTS } from '../../defaults';
import {
  CLIENT_METADATA,
  type ClientConfig,
  ClientNames,
  ConfigError,
  type ConfigIssue,
  type ProviderConfig,
  RESIDENCY_METADATA,
  TAG_KEYS,
} from '../../model';
import type { KeyErasure } from '../data';

/** Properties of a client's store, primary ({@link ClientDataStore}) or replica ({@link ClientReplicaStore}). */
export interface ClientStoreProps {
  /** Provider-wide settings: `provider` of a configuration that passed `parseConfig` or `loadConfig`. */
  readonly provider: ProviderConfig;
  /** The client: one of the `clients` of that configuration. Nothing of another client goes in the store. */
  readonly client: ClientConfig;
  /**
   * The client's names, when the caller has derived them already (the
   * baseline's stacks pass theirs); they must be the names of `client`.
   *
   * @default - derived from `provider` and `client`
   */
  readonly names?: ClientNames;
}

/**
 * The names a store of the client uses: the given ones, else derived from
 * `provider` and `client`.
 */
export function storeNames(props: ClientStoreProps): ClientNames {
  return props.names ?? new ClientNames(props.provider, props.client);
}

/**
 * Makes a construct the scope of one client's resources, as the rules read
 * it (CDM-3.1-CLASSIFY, CDM-3.8-SOVEREIGNTY, CDM-3.7-DISPOSAL): every
 * resource below it is tagged with the client's id, and it records the
 * client's id, allowed regions and offboarding as metadata of its own.
 * Call it first in the constructor, before any child is added.
 *
 * @throws ConfigError when the names are not the client's, or the stack is not in the client's account and the given region
 */
export function becomeClientScope(scope: Construct, client: ClientConfig, names: ClientNames, region: string, regionPath: string): void {
  const stack = Stack.of(scope);
  const issues: ConfigIssue[] = [];
  const where = `clients[${client.id}]`;
  if (names.clientId !== client.id) {
    issues.push({
      path: `${where}.id`,
      message: `the names given to ${scope.node.path} must be the names of client ${client.id}`,
      received: names.clientId,
    });
  }
  if (Token.isUnresolved(stack.account) || stack.account !== names.account) {
    issues.push({
      path: `${where}.account`,
      message: `the stack of ${scope.node.path} must be in the client's account ${names.account} (env.account)`,
      received: Token.isUnresolved(stack.account) ? 'an environment-agnostic stack' : stack.account,
    });
  }
  if (Token.isUnresolved(stack.region) || stack.region !== region) {
    issues.push({
      path: `${where}.${regionPath}`,
      message: `the stack of ${scope.node.path} must be in this region, ${region} (env.region)`,
      received: Token.isUnresolved(stack.region) ? 'an environment-agnostic stack' : stack.region,
    });
  }
  if (issues.length > 0) throw new ConfigError(scope.node.path, issues);
  // Dataset buckets log to a bucket that enforces bucket-owner object ownership: S3 must be let in by
  // the bucket policy, not an ACL. Set here, before any child reads it, so the store works in any app.
  scope.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
  Tags.of(scope).add(TAG_KEYS.clientId, client.id);
  scope.node.addMetadata(CLIENT_METADATA, client.id);
  scope.node.addMetadata(RESIDENCY_METADATA, [...client.regions.allowed].sort());
  if (client.offboarding !== undefined) scope.node.addMetadata(OFFBOARDING_DEFAULTS.metadata, { ...client.offboarding });
}

/** The key erasure terms of a client, when it is offboarding (CDM-3.7-DISPOSAL). */
export function keyErasureOf(client: ClientConfig): KeyErasure | undefined {
  const offboarding = client.offboarding;
  return offboarding === undefined ? undefined : { pendingWindowDays: offboarding.erasureAfterDays, ticket: offboarding.ticket };
}
