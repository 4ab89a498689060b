/**
 * Unloaded AWS services, kept unloaded during the rule engine's walk.
 *
 * The standard packs' rules test resources against the L1 classes of every
 * service they know (`node instanceof CfnDataSource` of QuickSight, of
 * SageMaker, of EC2...), and aws-cdk-lib loads a service's classes the first
 * time one of its exports is read. So one walk loaded 163 modules of services
 * the app has no resource of (20 MB of source; 0.4 s and 57 MB of memory of
 * a 100-client synth) only to learn that no resource is an instance of their
 * classes. No object can be an instance of a class whose module never ran:
 * during the walk ({@link withUnloadedServices}), each L1 class (`Cfn*`) of
 * such a service reads as {@link NotLoaded}, which nothing is an instance
 * of, and afterwards it reads as before (its first read then loads the
 * service). Its other exports (enums, L2 classes) load it as ever: a rule
 * may read an enum of one service in a branch another service's class let
 * it into (API Gateway v1's `AuthorizationType` for a v2 route).
 *
 * Only where aws-cdk-lib is loaded by Node's own module system (whose cache
 * tells which modules ran); elsewhere (a test runner with its own module
 * registry) nothing changes.
 */
import { dirname, sep } from 'node:path';

/** What an L1 class of an unloaded service reads as during a walk: a class nothing is an instance of. */
export abstract class NotLoaded {
  static [Symbol.hasInstance](): boolean {
    return false;
  }
}

/** The name of an L1 (CloudFormation resource) class. */
const L1_CLASS = /^Cfn[A-Z]/;

const STAND_IN = { get: () => NotLoaded, configurable: true, enumerable: true } as const;

/** The service index modules (`aws-cdk-lib/<service>/index.js`) of which no other module ran, or none if aws-cdk-lib is not in Node's module cache. */
function unloadedServiceIndexes(): NodeJS.Module[] {
  let root: string;
  try {
    root = dirname(require.resolve('aws-cdk-lib'));
  } catch {
    return [];
  }
  const cache = require.cache;
  if (cache[`${root}${sep}index.js`] === undefined) return [];
  const indexes = new Map<string, NodeJS.Module>();
  const ran = new Set<string>();
  for (const [path, loaded] of Object.entries(cache)) {
    if (loaded === undefined || !path.startsWith(`${root}${sep}`)) continue;
    const [service, ...rest] = path.slice(root.length + 1).split(sep);
    if (rest.length === 1 && rest[0] === 'index.js') indexes.set(service, loaded);
    else if (rest.length > 0) ran.add(service);
  }
  return [...indexes].filter(([service]) => !ran.has(service)).map(([, index]) => index);
}

/**
 * Runs `fn` with the L1 classes of every aws-cdk-lib service of which no
 * module but its index ran reading as {@link NotLoaded}, and restores them
 * afterwards, whatever `fn` does. Only sound while no construct is created
 * (after synthesis): a construct of such a service would load it.
 */
export function withUnloadedServices<T>(fn: () => T): T {
  const replaced: { readonly exports: object; readonly name: string; readonly own: PropertyDescriptor }[] = [];
  for (const index of unloadedServiceIndexes()) {
    const exports = index.exports as object;
    for (const name of Object.getOwnPropertyNames(exports)) {
      const own = Object.getOwnPropertyDescriptor(exports, name);
      // aws-cdk-lib's lazy exports: a getter that loads the service and then replaces itself with the value
      if (!L1_CLASS.test(name) || own?.get === undefined || !own.configurable) continue;
      Object.defineProperty(exports, name, STAND_IN);
      replaced.push({ exports, name, own });
    }
  }
  try {
    return fn();
  } finally {
    for (const { exports, name, own } of replaced) {
      if (Object.getOwnPropertyDescriptor(exports, name)?.get === STAND_IN.get) Object.defineProperty(exports, name, own);
    }
  }
}
