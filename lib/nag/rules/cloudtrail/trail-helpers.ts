/** Readers shared by the CloudTrail rules. */
import { type CfnResource, Stack, Token } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { logicalIdOf, referencedId, resolve, resourcesInStack } from '../helpers';
import { keyOfAlias } from '../replication-helpers';

/** The partition of a resource's stack, `aws` when it is not known at synth. */
export function partitionOf(node: CfnResource): string {
  const partition = Stack.of(node).partition;
  return Token.isUnresolved(partition) ? 'aws' : partition;
}

/** The trails in a bucket's stack that deliver their log files to it. */
export function trailsDeliveringTo(bucket: CfnBucket): CfnTrail[] {
  const id = logicalIdOf(bucket);
  const name = resolve(bucket, bucket.bucketName);
  const own = resourcesInStack(bucket, CfnTrail).filter((trail) => {
    const target = referencedId(trail, trail.s3BucketName);
    return target === id || (name !== undefined && target === name);
  });
  // A trail of another stack (the log archive account's archive) names the bucket by its literal name.
  const others = typeof name === 'string' ? (appTrails(bucket).get(name) ?? []).filter((t) => !own.includes(t)) : [];
  return [...own, ...others];
}

/** The trails of an app by the literal bucket name they deliver to, indexed once per app. */
const TRAILS = new WeakMap<IConstruct, ReadonlyMap<string, readonly CfnTrail[]>>();

function appTrails(node: IConstruct): ReadonlyMap<string, readonly CfnTrail[]> {
  const root = node.node.root;
  let index = TRAILS.get(root);
  if (index === undefined) {
    const byName = new Map<string, CfnTrail[]>();
    for (const trail of root.node.findAll().filter((c): c is CfnTrail => c instanceof CfnTrail)) {
      const target = resolve(trail, trail.s3BucketName);
      if (typeof target === 'string') byName.set(target, [...(byName.get(target) ?? []), trail]);
    }
    index = byName;
    TRAILS.set(root, index);
  }
  return index;
}

const ALIAS_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(alias\/.+)$/;

/**
 * The customer-managed key a literal alias ARN names, found in the stack of the
 * app with that account and region (the log archive account's key, named by a
 * trail in another account), if any.
 */
export function keyOfAliasArn(node: CfnResource, reference: unknown): CfnKey | undefined {
  const value = resolve(node, reference);
  const m = typeof value === 'string' ? ALIAS_ARN.exec(value) : null;
  if (m === null) return undefined;
  const [, region, account, alias] = m;
  for (const stack of node.node.root.node.findAll().filter((c): c is Stack => Stack.isStack(c))) {
    if (stack.account !== account || stack.region !== region) continue;
    const anchor = stack.node.findAll().find((c): c is CfnKey => c instanceof CfnKey);
    const key = anchor === undefined ? undefined : keyOfAlias(anchor, alias);
    if (key !== undefined) return key;
  }
  return undefined;
}

/** The customer-managed key in the node's stack that a key reference points at, if any. */
export function keyInStack(node: CfnResource, reference: unknown): CfnKey | undefined {
  if (reference === undefined) return undefined;
  const id = referencedId(node, reference);
  return resourcesInStack(node, CfnKey).find((k) => logicalIdOf(k) === id);
}
