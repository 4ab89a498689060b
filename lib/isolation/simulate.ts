/**
 * Builds requests for the IAM evaluator `@cloud-copilot/iam-simulate` and runs
 * them. The evaluator is used, never re-implemented: identity policies,
 * permission boundaries, bucket and key policies (with KMS's key-policy trust
 * and S3's same- and cross-account rules) are judged by it.
 *
 * The synth runs validation plugins synchronously, so requests run through
 * `runUnsafeSimulation` (the evaluator's synchronous entry point, which skips
 * input validation); the test suite runs the same requests through the
 * validating `runSimulation` and checks that they are valid and agree.
 */
import { runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { isBucketLevelS3Action, patternMatches, statementCovers, wildcardSource } from '../access';
import { TAG_KEYS, TRUST_CONDITION_KEYS } from '../model';
import type { Layer, Target } from './expectations';
import type { PolicyDoc, ProofPrincipal, ProofResource } from './inventory';

/** The evaluator's answer. */
export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

const ALLOW_ALL: PolicyDoc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** A resource policy that leaves the decision to the principal's own policies (its account may do anything). */
function delegatingPolicy(account: string): PolicyDoc {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: '*', Resource: '*' }],
  };
}

/** The ARN a request targets. */
export function targetArn(resource: ProofResource, on: Target): string {
  return on === 'object' || on === 'log-object' ? `${resource.arn}/isolation-proof-object` : resource.arn;
}

/** Whether an action fits a target (bucket-level S3 actions on buckets, object-level on objects). */
export function fits(on: Target, action: string): boolean {
  if (on === 'key') return action.startsWith('kms:');
  if (!action.startsWith('s3:')) return false;
  return (on === 'bucket' || on === 'log-bucket') === isBucketLevelS3Action(action);
}

/** One data request: who, what, on which store, and the session's `client-id` tag. */
export interface DataRequest {
  readonly principal: ProofPrincipal;
  readonly resource: ProofResource;
  readonly on: Target;
  readonly action: string;
  /** The `client-id` the session carries (the attacker's best choice where the trust lets it choose). */
  readonly sessionTag?: string;
  readonly now: Date;
}

/** The simulation of a data request judged by one layer. */
export function dataSimulation(request: DataRequest, layer: Layer): Simulation {
  const { principal, resource, action, on } = request;
  const context: Record<string, string | string[]> = {
    'aws:PrincipalArn': principal.arn,
    'aws:PrincipalAccount': principal.account,
    'aws:SecureTransport': 'true',
    'aws:CurrentTime': request.now.toISOString(),
    'aws:RequestedRegion': resource.region,
  };
  for (const [key, value] of Object.entries(principal.tags)) context[`aws:PrincipalTag/${key}`] = value;
  if (request.sessionTag !== undefined) context[`aws:PrincipalTag/${TAG_KEYS.clientId}`] = request.sessionTag;
  else delete context[`aws:PrincipalTag/${TAG_KEYS.clientId}`];
  if (principal.human) context[TRUST_CONDITION_KEYS.mfa] = 'true';
  if (action.startsWith('s3:')) {
    context['s3:TlsVersion'] = '1.3';
    // An attacker would comply with every encryption rule: only the client checks may stop it.
    if (action === 's3:PutObject' && resource.keyArn !== undefined) {
      context['s3:x-amz-server-side-encryption'] = 'aws:kms';
      context['s3:x-amz-server-side-encryption-aws-kms-key-id'] = resource.keyArn;
    }
  } else {
    context['kms:CallerAccount'] = principal.account;
    // A grant created through an AWS service (an encrypted volume, a backup) is still key use: the attacker's best
    // choice, so the keys' CT.KMS.PR.3 deny of other grants (grantsForAwsServicesOnlyStatement) proves nothing here.
    if (action === 'kms:CreateGrant') context['kms:GrantIsForAWSResource'] = 'true';
    context['aws:PrincipalIsAWSService'] = 'false';
    if (resource.aliases.length > 0) context['kms:ResourceAliases'] = [...resource.aliases];
    for (const [key, value] of Object.entries(resource.tags)) context[`aws:ResourceTag/${key}`] = value;
  }
  const own = [
    ...principal.identity,
    ...(principal.unknownPolicies.length > 0 ? [{ name: 'unknown-policies-as-allow-all', document: ALLOW_ALL }] : []),
  ];
  const identityPolicies =
    layer === 'identity'
      ? principal.identity
      : layer === 'boundary'
        ? principal.boundary
          ? [principal.boundary]
          : [{ name: 'no-boundary', document: ALLOW_ALL }]
        : layer === 'resource'
          ? [{ name: 'allow-all', document: ALLOW_ALL }]
          : own;
  const resourcePolicy = layer === 'resource' || layer === 'effective' ? resource.policy : delegatingPolicy(principal.account);
  const target = targetArn(resource, on);
  return {
    request: {
      principal: principal.arn,
      action,
      resource: { resource: target, accountId: resource.account },
      contextVariables: context,
    },
    identityPolicies: identityPolicies.map((p) => ({ name: p.name, policy: relevantTo(p.document, action, target) })),
    permissionBoundaryPolicies:
      layer === 'effective' && principal.boundary
        ? [{ name: principal.boundary.name, policy: relevantTo(principal.boundary.document, action, target) }]
        : undefined,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: resourcePolicy === undefined ? undefined : relevantTo(resourcePolicy, action, target),
  };
}

const relevant = new WeakMap<PolicyDoc, Map<string, PolicyDoc>>();

/** Whether a statement's `Action`/`NotAction` and `Resource`/`NotResource` can match the request (a pattern with a policy variable always can). */
function applies(statement: Record<string, unknown>, action: string, resource: string): boolean {
  const matches = (patterns: unknown, value: string) =>
    list(patterns).some((p) => typeof p !== 'string' || p.includes('${') || patternMatches(p, value));
  if (!statementCovers(statement, action)) return false;
  if (statement.NotResource !== undefined) {
    return !list(statement.NotResource).some((p) => typeof p === 'string' && !p.includes('${') && patternMatches(p, resource));
  }
  return statement.Resource === undefined || matches(statement.Resource, resource);
}

/**
 * A policy narrowed to the statements that can apply to one request: those
 * whose actions and resources can match it (`Action` matching or `NotAction`
 * not matching, and the same for resources; patterns are matched loosely, so
 * a statement is only dropped when it certainly does not apply). IAM ignores
 * every other statement, which can neither allow nor deny the request, so the
 * decision is the same; the evaluator, which explains every statement, has
 * less to do. At least one statement is kept, so that no document becomes
 * empty (an empty permission boundary would read as none).
 */
export function relevantTo(doc: PolicyDoc, action: string, resource: string): PolicyDoc {
  let byRequest = relevant.get(doc);
  if (byRequest === undefined) relevant.set(doc, (byRequest = new Map()));
  const key = `${action} ${resource}`;
  let narrowed = byRequest.get(key);
  if (narrowed === undefined) {
    const kept = doc.Statement.filter((s) => applies(s, action, resource));
    narrowed = kept.length === doc.Statement.length ? doc : { ...doc, Statement: kept.length > 0 ? kept : doc.Statement.slice(0, 1) };
    byRequest.set(key, narrowed);
  }
  return narrowed;
}

/** A request to assume a role. */
export interface AssumeRequest {
  readonly role: ProofPrincipal;
  readonly caller: string;
  readonly action: 'sts:AssumeRole' | 'sts:TagSession';
  readonly mfa?: boolean;
  readonly sessionTag?: string;
  readonly time: Date;
  readonly region: string;
}

/** The simulation of an assumption, judged by the role's trust policy (the caller's own policies allow it). */
export function assumeSimulation(request: AssumeRequest): Simulation {
  const callerAccount = request.caller.split(':')[4];
  const context: Record<string, string | string[]> = {
    'aws:PrincipalArn': request.caller,
    'aws:PrincipalAccount': callerAccount,
    'aws:SecureTransport': 'true',
    [TRUST_CONDITION_KEYS.currentTime]: request.time.toISOString(),
    [TRUST_CONDITION_KEYS.requestedRegion]: request.region,
  };
  if (request.mfa !== undefined) context[TRUST_CONDITION_KEYS.mfa] = String(request.mfa);
  if (request.sessionTag !== undefined) {
    context[TRUST_CONDITION_KEYS.sessionTag] = request.sessionTag;
    context['aws:TagKeys'] = [TAG_KEYS.clientId];
  }
  return {
    request: {
      principal: request.caller,
      action: request.action,
      resource: { resource: request.role.arn, accountId: request.role.account },
      contextVariables: context,
    },
    identityPolicies: [
      {
        name: 'caller-may-assume',
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: '*' }] },
      },
    ],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.role.trust,
  };
}

/** Counts evaluations, for the report: `simulations` the evaluator ran, `decisions` asked (the rest were equivalent to one it ran). */
export const counter = { simulations: 0, decisions: 0 };

/**
 * Whether a value relates to a string of a policy document (any depth), as
 * one case-insensitive RegExp of every string as an IAM pattern (see
 * `patternMatches`); `null` when a string holds a policy variable (`${...}`).
 */
const relatedByDoc = new WeakMap<object, RegExp | null>();
function relatedTo(doc: object): RegExp | null {
  let regex = relatedByDoc.get(doc);
  if (regex === undefined) {
    const out = new Set<string>();
    let variable = false;
    const walk = (v: unknown): void => {
      if (typeof v === 'string') {
        if (v.includes('${')) variable = true;
        // A pattern of only `*` matches every value alike: it cannot tell two values apart.
        else if (!/^\*+$/.test(v)) out.add(v);
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(doc);
    regex = variable ? null : out.size === 0 ? /(?!)/ : new RegExp(`^(?:${[...out].map((p) => wildcardSource(p)).join('|')})$`, 'is');
    relatedByDoc.set(doc, regex);
  }
  return regex;
}

const docIds = new WeakMap<object, number>();
let nextDocId = 0;
function docId(doc: object): number {
  let id = docIds.get(doc);
  if (id === undefined) docIds.set(doc, (id = nextDocId++));
  return id;
}

/**
 * The key under which a simulation's decision is shared with every
 * equivalent one, or `undefined` when it is not shared. Two simulations are
 * equivalent when they differ only in the principal's ARN and its
 * `aws:PrincipalTag/*` values, and each differing value relates to no string
 * of any of their policies: it matches none of them even loosely (`patternMatches`:
 * case-insensitive, `*` and `?` across segments, a superset of what every
 * String, Arn and principal comparison of IAM can match). Such a value fails
 * every comparison the other fails, so IAM decides both alike. The principal's
 * partition, account and kind (`role`, `user`) are kept, as is every other
 * context value; a policy with a policy variable, or any SCP or RCP, is never
 * shared. The isolation tests compare the proof with and without sharing.
 */
function decisionKey(simulation: Simulation): string | undefined {
  if (simulation.serviceControlPolicies.length > 0 || simulation.resourceControlPolicies.length > 0) return undefined;
  const docs: object[] = [
    ...simulation.identityPolicies.map((p) => p.policy as object),
    ...(simulation.permissionBoundaryPolicies ?? []).map((p) => p.policy as object),
    ...(simulation.resourcePolicy === undefined ? [] : [simulation.resourcePolicy as object]),
  ];
  const regexes: RegExp[] = [];
  for (const doc of docs) {
    const regex = relatedTo(doc);
    if (regex === null) return undefined;
    regexes.push(regex);
  }
  const related = (value: string) => regexes.some((r) => r.test(value));
  const principal = (arn: string) => {
    if (related(arn)) return arn;
    const parts = arn.split(':');
    return `\u0000${parts[1]}:${parts[4]}:${(parts[5] ?? '').split('/')[0]}`;
  };
  const value = (v: string | string[]) => (Array.isArray(v) ? v.map((x) => (related(x) ? x : '\u0000')) : related(v) ? v : '\u0000');
  const context = Object.entries(simulation.request.contextVariables as Record<string, string | string[]>)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => [k, k === 'aws:PrincipalArn' ? principal(v as string) : k.startsWith('aws:PrincipalTag/') ? value(v) : v]);
  const { request } = simulation;
  if (typeof request.principal !== 'string') return undefined;
  return JSON.stringify([docs.map(docId), request.action, request.resource, principal(request.principal), context]);
}

/** Decisions shared among equivalent simulations (see {@link decisionKey}), for one proof. */
export type SharedDecisions = Map<string, Decision>;

/**
 * Runs one simulation synchronously, or, given `shared`, answers with the
 * decision of an equivalent one it ran before (see {@link decisionKey}).
 */
export function decide(simulation: Simulation, shared?: SharedDecisions): Decision {
  counter.decisions += 1;
  const key = shared === undefined ? undefined : decisionKey(simulation);
  if (key !== undefined) {
    const known = shared?.get(key);
    if (known !== undefined) return known;
  }
  counter.simulations += 1;
  const { resourcePolicy } = simulation;
  // The synchronous entry point names only identity policies; hand it the resource policy
  // in the evaluator's own pre-validated form so that its explanation carries a name.
  const named =
    resourcePolicy === undefined
      ? undefined
      : { __validated: true, policyDocument: resourcePolicy, metadata: { name: 'resource-policy' }, errors: [] };
  const decision = runUnsafeSimulation({ ...simulation, resourcePolicy: named }, {}) as Decision;
  if (key !== undefined) shared?.set(key, decision);
  return decision;
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string]);

/** Whether an Allow statement of the documents can apply to the request (a necessary condition for IAM to allow it). */
function mayAllow(docs: readonly PolicyDoc[], action: string, resource: string): boolean {
  return docs.some((d) => d.Statement.some((s) => s.Effect === 'Allow' && applies(s, action, resource)));
}

/**
 * Whether a resource policy could allow a request by itself, without the
 * principal's own policies: an Allow statement naming anything but whole
 * accounts (which delegate to IAM) or AWS services.
 */
export function grantsDirectly(policy: PolicyDoc | undefined): boolean {
  if (policy === undefined) return false;
  return policy.Statement.some((s) => {
    if (s.Effect !== 'Allow') return false;
    if (s.NotPrincipal !== undefined || s.Principal === '*') return true;
    const aws = list((s.Principal as { AWS?: unknown } | undefined)?.AWS);
    return aws.some((p) => typeof p !== 'string' || !(p.endsWith(':root') || /^\d{12}$/.test(p)));
  });
}

/**
 * Whether a layer's evaluation could allow the request at all. Skipping those
 * that cannot is sound: IAM allows nothing that no applicable Allow statement
 * allows (see {@link relevantTo} for which statements apply), and a
 * resource policy that does not name the principal delegates to its account's
 * IAM policies. It keeps the evaluator's work proportional to what policies grant.
 */
export function couldAllow(request: DataRequest, layer: Layer): boolean {
  const { principal, action } = request;
  const target = targetArn(request.resource, request.on);
  const identity = principal.unknownPolicies.length > 0 ? undefined : principal.identity.map((i) => i.document);
  const identityMay = identity === undefined || mayAllow(identity, action, target);
  const boundaryMay = principal.boundary === undefined || mayAllow([principal.boundary.document], action, target);
  switch (layer) {
    case 'identity':
      return identityMay;
    case 'boundary':
      return boundaryMay;
    case 'resource':
      return true;
    case 'effective':
      return (identityMay && boundaryMay) || grantsDirectly(request.resource.policy);
  }
}
