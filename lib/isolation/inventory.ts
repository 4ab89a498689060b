/**
 * Reads, from synthesized templates, every principal the baseline creates or
 * admits (every IAM role of the app, with its identity policies, permission
 * boundary and trust) and every client's data stores (dataset buckets with
 * their bucket policies, the keys that encrypt them with their key policies,
 * and the client's log buckets), as concrete policy documents.
 */
import { TAG_KEYS } from '../model';
import { type CfnTemplate, TemplateResolver, type TemplateEnv } from './intrinsics';

/** A policy document as the evaluator reads it. */
export interface PolicyDoc {
  readonly Version?: string;
  readonly Statement: Record<string, unknown>[];
}

/** One synthesized stack. */
export interface ProofStack extends TemplateEnv {
  /** The stack's template. */
  readonly template: CfnTemplate;
  /** Where the template file is (for the validation report). */
  readonly templatePath?: string;
}

/** Where something was found. */
export interface Location {
  readonly stackName: string;
  readonly logicalId: string;
  readonly templatePath?: string;
}

/** An IAM role: something that can make requests. */
export interface ProofPrincipal {
  readonly arn: string;
  readonly name: string;
  readonly account: string;
  /** The region of the stack that defines it (IAM is global; break-glass pins its STS region to it). */
  readonly region: string;
  /** The client the role belongs to (its `client-id` tag), if any. */
  readonly clientId?: string;
  /** `operator`, `reader`, `auditor`, `break-glass` (its `duty` tag), else `service` or `role`. */
  readonly kind: string;
  /** Assumed by people (AWS principals in its trust) rather than by AWS services. */
  readonly human: boolean;
  /** Its identity policies (managed and inline) that the templates define. */
  readonly identity: readonly { readonly name: string; readonly document: PolicyDoc }[];
  /** Managed policies it carries that no template defines (e.g. AWS-managed): the identity layer cannot be judged alone. */
  readonly unknownPolicies: readonly string[];
  /** Its permission boundary, if any. */
  readonly boundary?: { readonly name: string; readonly document: PolicyDoc };
  /** Its trust policy. */
  readonly trust: PolicyDoc;
  /** Its tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** Longest session, seconds. */
  readonly maxSessionSeconds: number;
  readonly location: Location;
}

/** A client data store: a dataset bucket, its key, or a log bucket. */
export interface ProofResource {
  readonly kind: 'bucket' | 'key' | 'log-bucket';
  readonly arn: string;
  /** Bucket name or key id. */
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly clientId?: string;
  /** Bucket or key policy. */
  readonly policy?: PolicyDoc;
  /** For buckets: the ARN of the key that encrypts it. */
  readonly keyArn?: string;
  /** For keys: its aliases. */
  readonly aliases: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly location: Location;
}

/** Everything the proof evaluates. */
export interface Inventory {
  readonly principals: readonly ProofPrincipal[];
  readonly resources: readonly ProofResource[];
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function tagsOf(properties: Record<string, unknown> | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of asArray(properties?.Tags as { Key: string; Value: string }[] | undefined)) tags[tag.Key] = String(tag.Value);
  return tags;
}

function isServiceTrust(trust: PolicyDoc): boolean {
  return trust.Statement.every((s) => {
    const principal = s.Principal as { Service?: unknown; AWS?: unknown } | undefined;
    return principal?.Service !== undefined && principal.AWS === undefined;
  });
}

/** Reads the principals and client data stores of a set of synthesized stacks. */
export function readInventory(stacks: readonly ProofStack[]): Inventory {
  const principals: ProofPrincipal[] = [];
  const resources: ProofResource[] = [];
  for (const stack of stacks) {
    const resolver = new TemplateResolver(stack.template, stack);
    const all = Object.entries(stack.template.Resources ?? {});
    const props = (id: string) => resolver.resolve(stack.template.Resources?.[id]?.Properties ?? {}) as Record<string, unknown>;
    const location = (logicalId: string): Location => ({ stackName: stack.stackName, logicalId, templatePath: stack.templatePath });

    const managedByArn = new Map<string, { id: string; name: string; document: PolicyDoc; roles: string[] }>();
    const inlineByRole = new Map<string, { name: string; document: PolicyDoc }[]>();
    for (const [id, resource] of all) {
      if (resource.Type === 'AWS::IAM::ManagedPolicy') {
        const p = props(id);
        const arn = resolver.arnOf(id) as string;
        managedByArn.set(arn, {
          id,
          name: String(p.ManagedPolicyName ?? id),
          document: p.PolicyDocument as PolicyDoc,
          roles: asArray(p.Roles as string[]),
        });
      } else if (resource.Type === 'AWS::IAM::Policy') {
        const p = props(id);
        for (const role of asArray(p.Roles as string[])) {
          inlineByRole.set(role, [
            ...(inlineByRole.get(role) ?? []),
            { name: String(p.PolicyName ?? id), document: p.PolicyDocument as PolicyDoc },
          ]);
        }
      }
    }

    for (const [id, resource] of all) {
      if (resource.Type !== 'AWS::IAM::Role') continue;
      const p = props(id);
      const name = resolver.refOf(id) as string;
      const tags = tagsOf(p);
      const trust = p.AssumeRolePolicyDocument as PolicyDoc;
      const identity: { name: string; document: PolicyDoc }[] = [];
      const unknownPolicies: string[] = [];
      const attached = new Set(asArray(p.ManagedPolicyArns as string[]));
      for (const [arn, policy] of managedByArn) if (policy.roles.includes(name)) attached.add(arn);
      for (const arn of attached) {
        const policy = managedByArn.get(arn);
        if (policy) identity.push({ name: policy.name, document: policy.document });
        else unknownPolicies.push(arn);
      }
      for (const inline of asArray(p.Policies as { PolicyName: string; PolicyDocument: PolicyDoc }[])) {
        identity.push({ name: inline.PolicyName, document: inline.PolicyDocument });
      }
      identity.push(...(inlineByRole.get(name) ?? []));
      const boundaryArn = p.PermissionsBoundary as string | undefined;
      const boundaryPolicy = boundaryArn !== undefined ? managedByArn.get(boundaryArn) : undefined;
      if (boundaryArn !== undefined && boundaryPolicy === undefined) unknownPolicies.push(boundaryArn);
      const human = !isServiceTrust(trust);
      principals.push({
        arn: resolver.arnOf(id) as string,
        name,
        account: stack.account,
        region: stack.region,
        clientId: tags[TAG_KEYS.clientId],
        kind: tags.duty ?? (human ? 'role' : 'service'),
        human,
        identity,
        unknownPolicies,
        boundary: boundaryPolicy ? { name: boundaryPolicy.name, document: boundaryPolicy.document } : undefined,
        trust,
        tags,
        maxSessionSeconds: Number(p.MaxSessionDuration ?? 3600),
        location: location(id),
      });
    }

    const bucketPolicies = new Map<string, PolicyDoc>();
    const aliases = new Map<string, string[]>();
    for (const [id, resource] of all) {
      if (resource.Type === 'AWS::S3::BucketPolicy') {
        const p = props(id);
        bucketPolicies.set(String(p.Bucket), p.PolicyDocument as PolicyDoc);
      } else if (resource.Type === 'AWS::KMS::Alias') {
        const p = props(id);
        aliases.set(String(p.TargetKeyId), [...(aliases.get(String(p.TargetKeyId)) ?? []), String(p.AliasName)]);
      }
    }
    const dataKeys = new Set<string>();
    for (const [id, resource] of all) {
      if (resource.Type !== 'AWS::S3::Bucket') continue;
      const p = props(id);
      const tags = tagsOf(p);
      const clientId = tags[TAG_KEYS.clientId];
      if (clientId === undefined) continue;
      const encryption = (
        p.BucketEncryption as { ServerSideEncryptionConfiguration?: { ServerSideEncryptionByDefault?: { KMSMasterKeyID?: string } }[] }
      )?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.KMSMasterKeyID;
      const isData = tags[TAG_KEYS.dataset] !== undefined;
      const keyId =
        encryption !== undefined
          ? all.find(([kid]) => resolver.arnOf(kid) === encryption || resolver.refOf(kid) === encryption)?.[0]
          : undefined;
      if (isData && keyId !== undefined) dataKeys.add(keyId);
      const name = resolver.refOf(id) as string;
      resources.push({
        kind: isData ? 'bucket' : 'log-bucket',
        arn: resolver.arnOf(id) as string,
        name,
        account: stack.account,
        region: stack.region,
        clientId,
        policy: bucketPolicies.get(name),
        keyArn: keyId !== undefined ? resolver.arnOf(keyId) : encryption,
        aliases: [],
        tags,
        location: location(id),
      });
    }
    for (const id of [...dataKeys].sort()) {
      const p = props(id);
      const tags = tagsOf(p);
      resources.push({
        kind: 'key',
        arn: resolver.arnOf(id) as string,
        name: resolver.refOf(id) as string,
        account: stack.account,
        region: stack.region,
        clientId: tags[TAG_KEYS.clientId],
        policy: p.KeyPolicy as PolicyDoc,
        // An alias names its key by id or by ARN.
        aliases: [...(aliases.get(resolver.refOf(id) as string) ?? []), ...(aliases.get(resolver.arnOf(id) as string) ?? [])].sort(),
        tags,
        location: location(id),
      });
    }
  }
  resources.sort((a, b) => a.arn.localeCompare(b.arn));
  return { principals: markServiceChains(principals).sort((a, b) => a.arn.localeCompare(b.arn)), resources };
}

/**
 * A role that only service roles of the app may assume (CodePipeline's action
 * roles, assumed by the pipeline's role, which only CodePipeline assumes) is
 * driven by services, not people: it is marked `human: false`, like the
 * service roles themselves.
 */
function markServiceChains(principals: readonly ProofPrincipal[]): ProofPrincipal[] {
  const services = new Set(principals.filter((p) => !p.human).map((p) => p.arn));
  const onlyServices = (p: ProofPrincipal) =>
    p.trust.Statement.every((s) => {
      if (s.Effect !== 'Allow') return true;
      const principal = s.Principal as { AWS?: unknown; Federated?: unknown } | string | undefined;
      if (typeof principal !== 'object' || principal.Federated !== undefined) return false;
      return asArray(principal.AWS as unknown[] | undefined).every((arn) => typeof arn === 'string' && services.has(arn));
    });
  for (let grown = true; grown;) {
    grown = false;
    for (const p of principals) {
      if (!services.has(p.arn) && onlyServices(p)) {
        services.add(p.arn);
        grown = true;
      }
    }
  }
  return principals.map((p) => (p.human && services.has(p.arn) ? { ...p, human: false, kind: p.tags.duty ?? 'service' } : p));
}
