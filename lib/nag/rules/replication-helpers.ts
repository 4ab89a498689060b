/**
 * Shared readers for the replication rules (DP-MULTI-REGION,
 * CDM-3.8-SOVEREIGNTY): a bucket's resolved replication rules, the buckets of
 * the whole app by ARN, and the region and identity of a replica key ARN.
 * Replication crosses stacks, so these look at the app, not one stack.
 */
import { type CfnResource, Stack, Token } from 'aws-cdk-lib';
import { CfnAlias, CfnKey } from 'aws-cdk-lib/aws-kms';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { logicalIdOf, referencedId, resolve, resourcesInStack } from './helpers';

/** One resolved replication rule (CloudFormation casing). */
export interface ResolvedReplicationRule {
  readonly Id?: string;
  readonly Status?: string;
  readonly Prefix?: string;
  readonly Filter?: { readonly Prefix?: string; readonly TagFilter?: unknown; readonly And?: unknown };
  readonly Destination?: {
    readonly Bucket?: unknown;
    readonly EncryptionConfiguration?: { readonly ReplicaKmsKeyID?: unknown };
  };
  readonly SourceSelectionCriteria?: { readonly SseKmsEncryptedObjects?: { readonly Status?: string } };
}

/** A bucket's resolved replication rules (none without a replication configuration). */
export function replicationRulesOf(bucket: CfnBucket): ResolvedReplicationRule[] {
  const config = renderedProperty(bucket, 'ReplicationConfiguration') as { Rules?: ResolvedReplicationRule[] } | undefined;
  return config?.Rules ?? [];
}

interface Renderable {
  readonly rawOverrides: Record<string, unknown>;
  readonly cfnProperties: Record<string, unknown>;
  shouldSynthesize(): boolean;
  renderProperties(props: Record<string, unknown>): Record<string, unknown> | undefined;
  _toCloudFormation(): { Resources: Record<string, { Properties?: Record<string, unknown> }> };
}

/**
 * A property of a resource as the template will show it: CloudFormation
 * casing, overrides applied, tokens resolved in the resource's stack
 * (rendered once per resource).
 */
export function renderedProperty(node: CfnResource, property: string): unknown {
  let properties = renderedProperties.get(node);
  if (properties === undefined) {
    properties = renderAll(node);
    renderedProperties.set(node, properties);
  }
  return properties[property];
}

/**
 * The properties of a resource as `CfnResource._toCloudFormation` renders them
 * (aws-cdk-lib: its properties resolved, then `renderProperties`, then the raw
 * overrides merged). Without overrides, each property is resolved on its own
 * through `Stack.resolve`, which the engine's walk memoizes: the rules have
 * mostly resolved these values already.
 */
function renderAll(node: CfnResource): Record<string, unknown> {
  const renderable = node as unknown as Renderable;
  const stack = Stack.of(node);
  if (Object.keys(renderable.rawOverrides).length === 0 && renderable.shouldSynthesize()) {
    const raw = renderable.cfnProperties;
    const resolved: Record<string, unknown> = {};
    for (const key of Object.keys(raw)) {
      const value = stack.resolve(raw[key]);
      if (value !== undefined) resolved[key] = value;
    }
    return renderable.renderProperties(resolved) ?? {};
  }
  const rendered = stack.resolve(renderable._toCloudFormation()) as ReturnType<Renderable['_toCloudFormation']>;
  return Object.values(rendered.Resources)[0]?.Properties ?? {};
}

/** Rendered properties per resource: rules run after synthesis, when they no longer change, so each resource renders once. */
const renderedProperties = new WeakMap<CfnResource, Record<string, unknown>>();

/** The ARN of a bucket as a string, from its literal name (`undefined` for generated names). */
export function literalBucketArn(bucket: CfnBucket): string | undefined {
  const name = resolve<unknown>(bucket, bucket.bucketName);
  return typeof name === 'string' && !Token.isUnresolved(name) ? `arn:aws:s3:::${name}` : undefined;
}

/** The buckets of an app, indexed once per app: rules run for every resource, scans per call would be quadratic. */
interface AppBuckets {
  readonly byArn: ReadonlyMap<string, readonly CfnBucket[]>;
  readonly destinations: ReadonlySet<CfnBucket>;
}

/**
 * Indexes are kept per app root. Rules run while the app is validated, after
 * the construct tree is complete, so an index never goes stale during a run.
 */
const INDEXES = new WeakMap<IConstruct, AppBuckets>();

function appBuckets(node: IConstruct): AppBuckets {
  const root = node.node.root;
  const cached = INDEXES.get(root);
  if (cached !== undefined) return cached;
  const all = root.node.findAll().filter((c): c is CfnBucket => c instanceof CfnBucket);
  const byArn = new Map<string, CfnBucket[]>();
  for (const bucket of all) {
    const arn = literalBucketArn(bucket);
    if (arn !== undefined) byArn.set(arn, [...(byArn.get(arn) ?? []), bucket]);
  }
  const index: AppBuckets = { byArn, destinations: new Set() };
  INDEXES.set(root, index);
  const destinations = index.destinations as Set<CfnBucket>;
  for (const source of all) {
    for (const rule of replicationRulesOf(source)) {
      for (const destination of bucketsByArn(source, rule.Destination?.Bucket)) {
        if (destination !== source) destinations.add(destination);
      }
    }
  }
  return index;
}

/** Every bucket of the app that the given ARN (literal or `Fn::GetAtt` in the node's stack) names. */
export function bucketsByArn(node: CfnResource, arn: unknown): readonly CfnBucket[] {
  if (typeof arn === 'string') return appBuckets(node).byArn.get(arn) ?? [];
  const id = referencedId(node, arn);
  return resourcesInStack(node, CfnBucket).filter((b) => logicalIdOf(b) === id);
}

/** Whether a bucket is the replication destination of another bucket of the app. */
export function isReplicationDestination(bucket: CfnBucket): boolean {
  return appBuckets(bucket).destinations.has(bucket);
}

/** The parts of a KMS key ARN the template states: region, account, and what follows `key/`. */
export interface KeyArnParts {
  readonly region: string;
  readonly account: string;
  /** The key id if literal, or the intrinsic that yields it. */
  readonly keyId: unknown;
}

const KEY_ARN_PREFIX = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/(.*)$/;

/**
 * Reads a key ARN that is either a literal (`arn:aws:kms:<region>:<account>:key/<id>`)
 * or `Fn::Join` of a literal prefix ending in `key/` and the key id. Aliases
 * and anything else give `undefined`: S3 replication needs a key ARN.
 */
export function keyArnParts(value: unknown): KeyArnParts | undefined {
  if (typeof value === 'string') {
    const m = KEY_ARN_PREFIX.exec(value);
    return m && m[3] !== '' && !m[3].startsWith('alias/') ? { region: m[1], account: m[2], keyId: m[3] } : undefined;
  }
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (join === undefined || join[0] !== '' || join[1].length !== 2 || typeof join[1][0] !== 'string') return undefined;
  const m = KEY_ARN_PREFIX.exec(join[1][0]);
  return m && m[3] === '' ? { region: m[1], account: m[2], keyId: join[1][1] } : undefined;
}

/** The deploy-time lookup (`ReplicaKeyArn`) a key id comes from: the alias it describes and its region. */
export function keyIdLookup(node: CfnResource, keyId: unknown): { alias: string; region: string } | undefined {
  const getAtt = (keyId as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'];
  if (getAtt === undefined || getAtt[1] !== 'KeyMetadata.KeyId') return undefined;
  const lookup = Stack.of(node)
    .node.findAll()
    .find((c): c is CfnResource => (c as CfnResource).cfnResourceType === 'Custom::AWS' && logicalIdOf(c as CfnResource) === getAtt[0]);
  if (lookup === undefined) return undefined;
  const create = renderedProperty(lookup, 'Create');
  if (typeof create !== 'string') return undefined;
  const call = JSON.parse(create) as { service?: string; action?: string; region?: string; parameters?: { KeyId?: unknown } };
  const alias = call.parameters?.KeyId;
  if (call.service !== 'KMS' || call.action !== 'DescribeKey' || typeof call.region !== 'string' || typeof alias !== 'string')
    return undefined;
  return alias.startsWith('alias/') ? { alias, region: call.region } : undefined;
}

/** The customer-managed key (of the bucket's own stack) a bucket is encrypted with by default. */
export function defaultKeyOf(bucket: CfnBucket): CfnKey | undefined {
  const encryption = resolve<
    | { serverSideEncryptionConfiguration?: { serverSideEncryptionByDefault?: { sseAlgorithm?: string; kmsMasterKeyId?: unknown } }[] }
    | undefined
  >(bucket, bucket.bucketEncryption);
  const byDefault = encryption?.serverSideEncryptionConfiguration?.[0]?.serverSideEncryptionByDefault;
  if (byDefault?.sseAlgorithm !== 'aws:kms') return undefined;
  const id = referencedId(bucket, byDefault.kmsMasterKeyId);
  return resourcesInStack(bucket, CfnKey).find((k) => logicalIdOf(k) === id);
}

/** The key an alias of a stack points at. */
export function keyOfAlias(stackNode: CfnResource, aliasName: string): CfnKey | undefined {
  const alias = resourcesInStack(stackNode, CfnAlias).find((a) => resolve(a, a.aliasName) === aliasName);
  if (alias === undefined) return undefined;
  const id = referencedId(alias, alias.targetKeyId);
  return resourcesInStack(stackNode, CfnKey).find((k) => logicalIdOf(k) === id);
}
