/** Readers shared by the CloudTrail rules. */
import { type CfnResource, Stack, Token } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { logicalIdOf, referencedId, resolve, resourcesInStack } from '../helpers';

/** The partition of a resource's stack, `aws` when it is not known at synth. */
export function partitionOf(node: CfnResource): string {
  const partition = Stack.of(node).partition;
  return Token.isUnresolved(partition) ? 'aws' : partition;
}

/** The trails in a bucket's stack that deliver their log files to it. */
export function trailsDeliveringTo(bucket: CfnBucket): CfnTrail[] {
  const id = logicalIdOf(bucket);
  const name = resolve(bucket, bucket.bucketName);
  return resourcesInStack(bucket, CfnTrail).filter((trail) => {
    const target = referencedId(trail, trail.s3BucketName);
    return target === id || (name !== undefined && target === name);
  });
}

/** The customer-managed key in the node's stack that a key reference points at, if any. */
export function keyInStack(node: CfnResource, reference: unknown): CfnKey | undefined {
  if (reference === undefined) return undefined;
  const id = referencedId(node, reference);
  return resourcesInStack(node, CfnKey).find((k) => logicalIdOf(k) === id);
}
