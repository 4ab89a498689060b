/**
 * Where the facts about a client that rules need (its id, allowed regions,
 * whether a scope holds replicas, an offboarding) are recorded in the
 * construct tree: as metadata of the construct that holds the client's
 * resources. The baseline's client stacks record them on the stack; a
 * `ClientDataStore` or `ClientReplicaStore` records them on itself, so that
 * the rules judge it the same way inside a consumer's own stack.
 */
import type { IConstruct } from 'constructs';

/**
 * The data of the nearest scope of a construct (the construct itself, then
 * its parents up to the app) that carries metadata of the given type, or
 * `undefined` when none does.
 */
export function nearestMetadata<T = unknown>(construct: IConstruct, type: string): T | undefined {
  for (let scope: IConstruct | undefined = construct; scope !== undefined; scope = scope.node.scope) {
    const entry = scope.node.metadata.find((m) => m.type === type);
    if (entry !== undefined) return entry.data as T;
  }
  return undefined;
}
