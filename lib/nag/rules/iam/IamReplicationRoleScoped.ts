import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnManagedPolicy, CfnPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { TAG_KEYS } from '../../../model';
import { asArray, logicalIdOf, resourcesInStack, type Statement, stackAllowedRegions, stackClientId, tagsOf } from '../helpers';
import { bucketsByArn, renderedProperty } from '../replication-helpers';

type Kind = 'bucket' | 'object' | 'kms';

/** Every action a replication role may have, and what it must act on (AWS-PITFALLS "Replication"). */
const ALLOWED: Readonly<Record<string, Kind>> = {
  's3:getreplicationconfiguration': 'bucket',
  's3:listbucket': 'bucket',
  's3:getobjectversionforreplication': 'object',
  's3:getobjectversionacl': 'object',
  's3:getobjectversiontagging': 'object',
  's3:replicateobject': 'object',
  's3:replicatedelete': 'object',
  's3:replicatetags': 'object',
  'kms:decrypt': 'kms',
  'kms:encrypt': 'kms',
};

const BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]*$/;
const OBJECTS_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]*\/\*$/;
const S3_VIA_SERVICE = /^s3\.([a-z0-9-]+)\.amazonaws\.com$/;
const CONTEXT_KEY = 'kms:EncryptionContext:aws:s3:arn';

interface PolicyDocument {
  readonly Statement?: Statement | Statement[];
}

/** Whether a role's trust policy lets S3 assume it. */
function trustsS3(role: CfnRole): boolean {
  const trust = renderedProperty(role, 'AssumeRolePolicyDocument') as PolicyDocument | undefined;
  return asArray(trust?.Statement).some(
    (s) =>
      s.Effect === 'Allow' && asArray((s.Principal as { Service?: string | string[] } | undefined)?.Service).includes('s3.amazonaws.com'),
  );
}

/** Whether a `Roles` list names the role (by `Ref` or by literal name). */
function namesRole(role: CfnRole, roles: unknown): boolean {
  const id = logicalIdOf(role);
  const name = renderedProperty(role, 'RoleName');
  return asArray(roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: id }) || (name !== undefined && r === name));
}

/** Every statement of the role's inline and attached customer managed policies, or `undefined` if an outside managed policy is attached. */
function roleStatements(role: CfnRole): Statement[] | undefined {
  const managed = resourcesInStack(role, CfnManagedPolicy);
  const attached = asArray(renderedProperty(role, 'ManagedPolicyArns') as unknown[]);
  const own = attached.every((arn) => managed.some((p) => JSON.stringify(arn) === JSON.stringify({ Ref: logicalIdOf(p) })));
  if (!own) return undefined;
  const inline = asArray(renderedProperty(role, 'Policies') as { PolicyDocument?: PolicyDocument }[]).map((p) => p.PolicyDocument);
  const policies = resourcesInStack(role, CfnPolicy)
    .filter((p) => namesRole(role, renderedProperty(p, 'Roles')))
    .map((p) => renderedProperty(p, 'PolicyDocument') as PolicyDocument);
  const managedDocs = managed
    .filter(
      (p) =>
        namesRole(role, renderedProperty(p, 'Roles')) ||
        attached.some((arn) => JSON.stringify(arn) === JSON.stringify({ Ref: logicalIdOf(p) })),
    )
    .map((p) => renderedProperty(p, 'PolicyDocument') as PolicyDocument);
  return [...inline, ...policies, ...managedDocs].flatMap((doc) => asArray(doc?.Statement));
}

/** Whether a KMS statement is limited to S3 in an allowed region and to named buckets' encryption context. */
function kmsScoped(s: Statement, allowed: readonly string[] | undefined): boolean {
  const resources = asArray(s.Resource as unknown[]);
  if (resources.length === 0 || resources.some((r) => typeof r === 'string' && r.includes('*'))) return false;
  const via = s.Condition?.StringEquals?.['kms:ViaService'];
  const region = typeof via === 'string' ? S3_VIA_SERVICE.exec(via)?.[1] : undefined;
  if (region === undefined || (allowed !== undefined && !allowed.includes(region))) return false;
  const context = asArray(
    (s.Condition?.StringEquals?.[CONTEXT_KEY] ?? s.Condition?.ArnEquals?.[CONTEXT_KEY]) as string | string[] | undefined,
  );
  return context.length > 0 && context.every((arn) => typeof arn === 'string' && BUCKET_ARN.test(arn));
}

/**
 * Whether a bucket ARN names buckets of the app that belong to the role's
 * client (CDM-3.5-AUTHORIZED-COPY: its own datasets and their replicas, no one
 * else's). Outside a client stack only the ARN's form is judged.
 */
function ownBucket(role: CfnRole, arn: string): boolean {
  const clientId = stackClientId(role);
  if (clientId === undefined) return true;
  const buckets = bucketsByArn(role, arn);
  return buckets.length > 0 && buckets.every((b) => tagsOf(b)[TAG_KEYS.clientId] === clientId);
}

/** Whether one Allow statement stays inside what replication needs. */
function statementScoped(role: CfnRole, s: Statement, allowed: readonly string[] | undefined): boolean {
  if (s.Effect !== 'Allow') return true;
  if (s.NotAction !== undefined || (s as { NotResource?: unknown }).NotResource !== undefined) return false;
  const kinds = new Set(asArray(s.Action).map((a) => ALLOWED[a.toLowerCase()]));
  if (kinds.size !== 1 || kinds.has(undefined as unknown as Kind)) return false;
  const [kind] = [...kinds];
  if (kind === 'kms') return kmsScoped(s, allowed);
  const pattern = kind === 'bucket' ? BUCKET_ARN : OBJECTS_ARN;
  const resources = asArray(s.Resource as unknown[]);
  return (
    resources.length > 0 &&
    resources.every((r) => typeof r === 'string' && pattern.test(r) && ownBucket(role, kind === 'object' ? r.slice(0, -2) : r))
  );
}

/**
 * A role that S3 assumes (a replication role) can do only what replication
 * needs (CDM-3.5-AUTHORIZED-COPY, CDM-3.2-LEAST-PRIV): read replication
 * configuration and object versions of named buckets, replicate into named
 * buckets, all of them buckets of the app that belong to the role's client, `kms:Decrypt`/`kms:Encrypt` only through S3 in an allowed region
 * (`kms:ViaService`) and only for named buckets
 * (`kms:EncryptionContext:aws:s3:arn`, the bucket ARN because of Bucket Key).
 * No wildcard actions, no wildcard buckets, no AWS managed policies.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnRole) || !trustsS3(node)) return NagRuleCompliance.NOT_APPLICABLE;
    const statements = roleStatements(node);
    if (statements === undefined) return NagRuleCompliance.NON_COMPLIANT;
    const allowed = stackAllowedRegions(node);
    return statements.every((s) => statementScoped(node, s, allowed)) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
