import { parse } from 'node:path';
import { type CfnResource, Stack, Token } from 'aws-cdk-lib';
import { CfnManagedPolicy, CfnPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { CfnAlias } from 'aws-cdk-lib/aws-kms';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { KMS_USE_ACTIONS, S3_DATA_ACTIONS } from '../../../access';
import { TAG_KEYS } from '../../../model';
import { patternMatches, asArray, resolve, stackClientId, type Statement, tagsOf } from '../helpers';

interface Owners {
  readonly buckets: ReadonlyMap<string, string>;
  readonly names: ReadonlyMap<string, string>;
}

const cache = new WeakMap<IConstruct, Owners>();

/** A literal resource name, or `undefined` for a generated or unresolved one. */
function literal(node: CfnResource, value: unknown): string | undefined {
  const resolved = resolve<unknown>(node, value);
  return typeof resolved === 'string' && !Token.isUnresolved(resolved) ? resolved : undefined;
}

/**
 * Every client's bucket names, aliases, role ARNs and ids, by owning client
 * (once per app), read from the synthesized resources: buckets and roles by
 * their `client-id` tag, aliases and ids by the client scope (stack or store)
 * they are in. A consumer's app holding `ClientDataStore`s is read the same way.
 */
function owners(node: IConstruct): Owners {
  const root = node.node.root;
  const cached = cache.get(root);
  if (cached) return cached;
  const buckets = new Map<string, string>();
  const names = new Map<string, string>();
  for (const c of root.node.findAll()) {
    if (c instanceof CfnBucket) {
      const [name, owner] = [literal(c, c.bucketName), tagsOf(c)[TAG_KEYS.clientId]];
      if (name !== undefined && owner !== undefined) buckets.set(name, owner);
    } else if (c instanceof CfnRole) {
      const [name, owner] = [literal(c, c.roleName), tagsOf(c)[TAG_KEYS.clientId]];
      const account = Stack.of(c).account;
      if (name !== undefined && owner !== undefined && !Token.isUnresolved(account))
        names.set(`arn:aws:iam::${account}:role/${name}`, owner);
    } else if (c instanceof CfnAlias) {
      const [name, owner] = [literal(c, c.aliasName), stackClientId(c)];
      if (name !== undefined && owner !== undefined) names.set(name, owner);
    }
  }
  for (const owner of new Set([...buckets.values(), ...names.values()])) names.set(owner, owner);
  const result = { buckets, names };
  cache.set(root, result);
  return result;
}

/** A resolved value as text, with anything unknown at synth as a wildcard. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (join) return join[1].map((part) => (typeof part === 'string' ? part : '')).join(join[0]);
  return '';
}

const DATA_ACTIONS = [...S3_DATA_ACTIONS, ...KMS_USE_ACTIONS.map((a) => a.replace('*', ''))];
const globToRegex = (glob: string) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

/** Whether one statement reaches another client's data or names another client. */
function reachesOtherClient(s: Statement, own: string, o: Owners): boolean {
  const foreign = (owner: string | undefined) => owner !== undefined && owner !== own;
  const resources = asArray(s.Resource as unknown[]).map(text);
  // Condition values naming another client: its id (tags), alias, or roles.
  for (const block of Object.values(s.Condition ?? {})) {
    for (const v of Object.values(block))
      if (asArray(v as string[]).some((x) => typeof x === 'string' && foreign(o.names.get(x)))) return true;
  }
  if (s.Effect !== 'Allow') return false;
  const data = DATA_ACTIONS.some((a) => asArray(s.Action).some((p) => patternMatches(p, a)));
  for (const resource of resources) {
    if (foreign(o.names.get(resource))) return true;
    const s3 = /^arn:[^:]*:s3:::([^/]*)/.exec(resource);
    const name = s3?.[1] ?? (resource === '*' ? '*' : undefined);
    if (name !== undefined) {
      if (!/[*?]/.test(name)) {
        if (foreign(o.buckets.get(name))) return true;
      } else if (data) {
        const re = globToRegex(name);
        for (const [bucket, owner] of o.buckets) if (owner !== own && re.test(bucket)) return true;
      }
    }
    const kms =
      /^arn:[^:]*:kms:[^:]*:[^:]*:key\/\*$/.test(resource) || (resource === '*' && asArray(s.Action).some((p) => p.startsWith('kms:')));
    if (kms && data) {
      // The key is named by the client's own alias: an alias it has (ResourceAliases) or the request uses (RequestAlias).
      const aliases = Object.values(s.Condition ?? {}).flatMap((block) =>
        ['kms:ResourceAliases', 'kms:RequestAlias'].flatMap((key) => asArray((block as Record<string, unknown>)[key] as string[])),
      );
      const tags = Object.values(s.Condition ?? {}).flatMap((block) =>
        asArray((block as Record<string, unknown>)[`aws:ResourceTag/${TAG_KEYS.clientId}`] as string[]),
      );
      if (!(aliases.length > 0 && aliases.every((a) => o.names.get(a) === own)) && !(tags.length > 0 && tags.every((t) => t === own)))
        return true;
    }
  }
  return false;
}

/**
 * No IAM policy in a client's stack reaches another client (CDM-3.3-TENANT-ISOLATION,
 * CDM-3.2-LEAST-PRIV): no resource naming another client's bucket, no
 * wildcard on data actions that matches one, no `key/*` for key use without
 * the client's own alias or tag condition, no condition naming another
 * client's id, alias or roles.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    const own = stackClientId(node);
    if (own === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    let documents: unknown[];
    if (node instanceof CfnManagedPolicy || node instanceof CfnPolicy) documents = [node.policyDocument];
    else if (node instanceof CfnRole)
      documents = asArray(resolve<{ policyDocument: unknown }[] | undefined>(node, node.policies)).map((p) => p.policyDocument);
    else return NagRuleCompliance.NOT_APPLICABLE;
    const o = owners(node);
    const statements = documents.flatMap((d) => asArray(resolve<{ Statement?: Statement[] } | undefined>(node, d)?.Statement));
    return statements.some((s) => reachesOtherClient(s, own, o)) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
