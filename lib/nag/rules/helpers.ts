/**
 * Shared readers for the policy pack's rules: resolved tags, bucket policies
 * and IAM action matching. Rules judge resolved values, never raw tokens.
 */
import { type CfnResource, Stack, Stage, TagManager } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { CfnBucket, CfnBucketPolicy } from 'aws-cdk-lib/aws-s3';
import { NagRules } from 'cdk-nag';
import { CLIENT_METADATA, nearestMetadata, RESIDENCY_METADATA, TAG_KEYS } from '../../model';

/** A resolved IAM policy statement. */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: unknown;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Resolves a value in the resource's stack. */
export function resolve<T = unknown>(node: CfnResource, value: unknown): T {
  return Stack.of(node).resolve(value) as T;
}

/** The resource's tags as key/value pairs (empty for untaggable resources). */
export function tagsOf(node: CfnResource): Record<string, string> {
  return TagManager.of(node)?.tagValues() ?? {};
}

/**
 * The client id a resource's stack or store belongs to, or `undefined` for
 * shared stacks: the stack's `client-id` tag, else the nearest scope's
 * client metadata (a `ClientDataStore` in a consumer's stack).
 */
export function stackClientId(node: CfnResource): string | undefined {
  // With `@aws-cdk/core:explicitStackTags`, only the stack's `tags` prop (which ClientStack sets) tags the stack itself.
  return Stack.of(node).tags.tagValues()[TAG_KEYS.clientId] ?? nearestMetadata<string>(node, CLIENT_METADATA);
}

/** The regions the client of the node's stack or store may keep data in (nearest residency metadata), or `undefined` for shared stacks. */
export function stackAllowedRegions(node: CfnResource): string[] | undefined {
  return nearestMetadata<string[]>(node, RESIDENCY_METADATA);
}

/** The logical id of a resource. */
export function logicalIdOf(node: CfnResource): string {
  return Stack.of(node).resolve(node.logicalId) as string;
}

/**
 * Resources of each stack by class, listed once per stack and class: rules
 * run per resource, and walking (or filtering) the stack's tree for every
 * resource would make a check O(n²) per stack. Rules run after synthesis,
 * when the tree no longer changes.
 */
const stackResources = new WeakMap<Stack, { readonly all: readonly IConstruct[]; readonly byType: Map<unknown, readonly CfnResource[]> }>();

/** A stack's constructs, not descending into the stages or stacks below it (a pipeline stack holds stages). */
function ownConstructs(stack: Stack): IConstruct[] {
  const out: IConstruct[] = [];
  const walk = (c: IConstruct): void => {
    out.push(c);
    for (const child of c.node.children) if (!Stage.isStage(child) && !Stack.isStack(child)) walk(child);
  };
  walk(stack);
  return out;
}

/** Every CloudFormation resource of a given class in the node's stack, in tree order. */
export function resourcesInStack<T extends CfnResource>(node: CfnResource, type: abstract new (...args: never[]) => T): readonly T[] {
  const stack = Stack.of(node);
  let index = stackResources.get(stack);
  if (index === undefined) {
    index = { all: ownConstructs(stack), byType: new Map() };
    stackResources.set(stack, index);
  }
  let resources = index.byType.get(type);
  if (resources === undefined) {
    resources = Object.freeze(index.all.filter((c): c is T => c instanceof type));
    index.byType.set(type, resources);
  }
  return resources as readonly T[];
}

/** The logical id a `Ref` or `Fn::GetAtt` points at, or the resolved literal. */
export function referencedId(node: CfnResource, value: unknown): unknown {
  return NagRules.resolveResourceFromIntrinsic(node, value);
}

/** A bucket policy's target and resolved statements, resolved once per policy (several rules read each). */
const resolvedBucketPolicies = new WeakMap<CfnBucketPolicy, { readonly target: unknown; readonly statements: Statement[] }>();

function resolvedBucketPolicy(policy: CfnBucketPolicy) {
  let resolved = resolvedBucketPolicies.get(policy);
  if (resolved === undefined) {
    resolved = {
      target: referencedId(policy, policy.bucket),
      statements: asArray(resolveOnce<{ Statement?: Statement[] }>(policy, 'policyDocument', policy.policyDocument).Statement),
    };
    resolvedBucketPolicies.set(policy, resolved);
  }
  return resolved;
}

/** The resolved statements of every bucket policy attached to a bucket. */
export function bucketPolicyStatements(bucket: CfnBucket): Statement[] {
  const id = logicalIdOf(bucket);
  const name = resolve(bucket, bucket.bucketName);
  return resourcesInStack(bucket, CfnBucketPolicy)
    .map(resolvedBucketPolicy)
    .filter(({ target }) => target === id || (name !== undefined && target === name))
    .flatMap(({ statements }) => statements);
}

/** Whether a bucket is the server access log target of another bucket in its stack. */
export function isAccessLogTarget(bucket: CfnBucket): boolean {
  const id = logicalIdOf(bucket);
  return resourcesInStack(bucket, CfnBucket).some((other) => {
    const logging = resolve<{ destinationBucketName?: unknown } | undefined>(other, other.loggingConfiguration);
    return logging?.destinationBucketName !== undefined && referencedId(other, logging.destinationBucketName) === id;
  });
}

/** A value or list as a list. */
export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

// One matcher for IAM patterns, shared with the isolation proof.
export { patternMatches, statementCovers } from '../../access/patterns';

/** Whether a principal element is everyone (`*` or `{ AWS: "*" }`). */
export function isAnyPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
  return asArray(aws as string | string[] | undefined).includes('*');
}

/** Whether a statement's resources include both the bucket and its objects. */
export function coversBucketAndObjects(bucket: CfnBucket, statement: Statement): boolean {
  const id = logicalIdOf(bucket);
  const resources = asArray(statement.Resource as unknown[]).map((r) => JSON.stringify(r));
  const bucketArn = JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] });
  return resources.includes(bucketArn) && resources.some((r) => r.includes(id) && r.includes('/*'));
}

/** Resolved property values per resource, so that several rules reading one property resolve it once. */
const resolvedProperties = new WeakMap<CfnResource, Map<string, unknown>>();

/**
 * Resolves a resource property once per resource and caches it (rules run
 * after synthesis, when properties no longer change).
 *
 * @param name a key naming the property, e.g. `keyPolicy`
 */
export function resolveOnce<T = unknown>(node: CfnResource, name: string, value: unknown): T {
  let cache = resolvedProperties.get(node);
  if (cache === undefined) {
    cache = new Map();
    resolvedProperties.set(node, cache);
  }
  if (!cache.has(name)) cache.set(name, resolve(node, value));
  return cache.get(name) as T;
}
