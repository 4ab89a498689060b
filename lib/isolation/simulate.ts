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

/** Whether each statement's actions cover an action ({@link statementCovers}), by statement: each is asked the same few actions for every store. */
const coverage = new WeakMap<object, Map<string, boolean>>();
function covers(statement: Record<string, unknown>, action: string): boolean {
  let byAction = coverage.get(statement);
  if (byAction === undefined) coverage.set(statement, (byAction = new Map()));
  let covered = byAction.get(action);
  if (covered === undefined) byAction.set(action, (covered = statementCovers(statement, action)));
  return covered;
}

/** Whether a statement's `Resource`/`NotResource` can match a resource (a pattern with a policy variable always can). */
function appliesTo(statement: Record<string, unknown>, resource: string): boolean {
  if (statement.NotResource !== undefined) {
    return !list(statement.NotResource).some((p) => typeof p === 'string' && !p.includes('${') && patternMatches(p, resource));
  }
  return (
    statement.Resource === undefined ||
    list(statement.Resource).some((p) => typeof p !== 'string' || p.includes('${') || patternMatches(p, resource))
  );
}

/** Whether a statement's `Action`/`NotAction` and `Resource`/`NotResource` can match the request (a pattern with a policy variable always can). */
function applies(statement: Record<string, unknown>, action: string, resource: string): boolean {
  return covers(statement, action) && appliesTo(statement, resource);
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

/** What a policy document says, for {@link decisionKey}: whether a value relates to a string of it, and whether a text appears in one. */
interface Terms {
  /** Whether a value matches a string of the document, even loosely (see `patternMatches`). */
  relates(value: string): boolean;
  /** Whether a text appears, in any case, within a string of the document. */
  mentions(text: string): boolean;
}

/** Whether a text is all ASCII. */
const ascii = (text: string) => /^[\x00-\x7f]*$/.test(text);

/** One case-insensitive RegExp of IAM patterns (see {@link wildcardSource}), or one that matches nothing. */
export const patternsRegExp = (patterns: readonly string[]) =>
  patterns.length === 0 ? /(?!)/ : new RegExp(`^(?:${patterns.map((p) => wildcardSource(p)).join('|')})$`, 'is');

/**
 * The terms of a set of strings: whether a value matches one of them as a
 * case-insensitive IAM pattern, and their lowercased text; both answers
 * memoized, since the same ARNs and tags are asked thousands of times. Most
 * strings are ASCII literals (ARNs, accounts, tags), which an ASCII value
 * matches case-insensitively exactly when their lowercase forms are equal:
 * those are one set, and only the rest one RegExp (a RegExp of every string,
 * thousands of them compiled and matched alternative by alternative, cost
 * more than the proof's evaluations). A value with other characters is
 * matched by one RegExp of every string, as before.
 */
export class StringTerms implements Terms {
  private readonly relatedCache = new Map<string, boolean>();
  private readonly mentionCache = new Map<string, boolean>();
  private readonly literals: ReadonlySet<string>;
  private readonly wildcards: RegExp;
  private everyPattern?: RegExp;
  private readonly patterns: readonly string[];
  private readonly text: string;

  constructor(strings: readonly string[]) {
    // A pattern of only `*` matches every value alike: it cannot tell two values apart.
    this.patterns = [...new Set(strings.filter((v) => !/^\*+$/.test(v)))];
    const literal = (p: string) => ascii(p) && !/[*?]/.test(p);
    this.literals = new Set(this.patterns.filter(literal).map((p) => p.toLowerCase()));
    this.wildcards = patternsRegExp(this.patterns.filter((p) => !literal(p)));
    this.text = strings.map((v) => v.toLowerCase()).join('\n');
  }

  public relates(value: string): boolean {
    let answer = this.relatedCache.get(value);
    if (answer === undefined) {
      answer = ascii(value)
        ? this.literals.has(value.toLowerCase()) || this.wildcards.test(value)
        : (this.everyPattern ??= patternsRegExp(this.patterns)).test(value);
      this.relatedCache.set(value, answer);
    }
    return answer;
  }

  public mentions(text: string): boolean {
    let answer = this.mentionCache.get(text);
    if (answer === undefined) this.mentionCache.set(text, (answer = this.text.includes(text.toLowerCase())));
    return answer;
  }
}

/** The terms of a policy: those of its statements (shared by every narrowed copy, see {@link relevantTo}) and of its other strings. */
class PolicyTerms implements Terms {
  constructor(private readonly parts: readonly Terms[]) {}

  public relates(value: string): boolean {
    return this.parts.some((t) => t.relates(value));
  }

  public mentions(text: string): boolean {
    return this.parts.some((t) => t.mentions(text));
  }
}

/** The strings of a value (any depth), or `null` when one holds a policy variable (`${...}`), whose value no string tells. */
function stringsOf(value: unknown): string[] | null {
  const out: string[] = [];
  let variable = false;
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.includes('${')) variable = true;
      out.push(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return variable ? null : out;
}

const stringTermsByObject = new WeakMap<object, Terms | null>();
function stringTermsOf(value: object): Terms | null {
  let terms = stringTermsByObject.get(value);
  if (terms === undefined) {
    const strings = stringsOf(value);
    stringTermsByObject.set(value, (terms = strings === null ? null : new StringTerms(strings)));
  }
  return terms;
}

/** A document's terms, or `null` when a string of it holds a policy variable. */
const termsByDoc = new WeakMap<object, Terms | null>();
function termsOf(doc: object): Terms | null {
  let terms = termsByDoc.get(doc);
  if (terms === undefined) {
    const { Statement: statements, ...rest } = doc as { Statement?: unknown };
    if (!Array.isArray(statements)) terms = stringTermsOf(doc);
    else {
      const parts = [...statements, rest].map((s) => (s !== null && typeof s === 'object' ? stringTermsOf(s as object) : null));
      terms = parts.includes(null) ? null : new PolicyTerms(parts as Terms[]);
    }
    termsByDoc.set(doc, terms);
  }
  return terms;
}

const docIds = new WeakMap<object, number>();
let nextDocId = 0;
function docId(doc: object): number {
  let id = docIds.get(doc);
  if (id === undefined) docIds.set(doc, (id = nextDocId++));
  return id;
}

/** An account as a shared decision sees it: itself if the policies can tell it apart (they name it, or it is the resource's), else a blank. */
function accountView(terms: Terms, id: string, resourceAccount: string): string {
  return id === resourceAccount || terms.relates(id) || terms.mentions(id) ? id : '\u0000';
}

/** A principal ARN as a shared decision sees it: itself if related to the policies, else its partition, account (as {@link accountView}) and kind. */
function principalView(terms: Terms, arn: string, resourceAccount: string): string {
  if (terms.relates(arn)) return arn;
  const parts = arn.split(':');
  return `\u0000${parts[1]}:${accountView(terms, parts[4] ?? '', resourceAccount)}:${(parts[5] ?? '').split('/')[0]}`;
}

/**
 * The key under which a simulation's decision is shared with every
 * equivalent one, or `undefined` when it is not shared. Two simulations are
 * equivalent when they differ only in the principal's ARN, its account and
 * its `aws:PrincipalTag/*` values, and each differing value relates to no
 * string of any of their policies:
 * - an ARN or a tag value matches none of the strings even loosely
 *   (`patternMatches`: case-insensitive, `*` and `?` across segments, a
 *   superset of what every String, Arn and principal comparison of IAM can
 *   match), so it fails every comparison the other fails;
 * - an account (in the ARN, `aws:PrincipalAccount`, `kms:CallerAccount`)
 *   also appears in no string (so no `Principal` names it, as a number or in
 *   an ARN) and is not the resource's own account (so both requests are
 *   cross-account alike).
 * Such values are told apart by nothing IAM evaluates, so it decides both
 * alike. The principal's partition and kind (`role`, `user`) are kept, as is
 * every other context value; a policy with a policy variable, or any SCP or
 * RCP, is never shared. The isolation tests compare the proof with and
 * without sharing.
 */
function decisionKey(simulation: Simulation): string | undefined {
  if (simulation.serviceControlPolicies.length > 0 || simulation.resourceControlPolicies.length > 0) return undefined;
  const docs: object[] = [
    ...simulation.identityPolicies.map((p) => p.policy as object),
    ...(simulation.permissionBoundaryPolicies ?? []).map((p) => p.policy as object),
    ...(simulation.resourcePolicy === undefined ? [] : [simulation.resourcePolicy as object]),
  ];
  const terms: Terms[] = [];
  for (const doc of docs) {
    const t = termsOf(doc);
    if (t === null) return undefined;
    terms.push(t);
  }
  const { request } = simulation;
  if (typeof request.principal !== 'string') return undefined;
  const all = new PolicyTerms(terms);
  const related = (value: string) => all.relates(value);
  const account = (id: string) => accountView(all, id, request.resource.accountId);
  const principal = (arn: string) => principalView(all, arn, request.resource.accountId);
  const value = (v: string | string[]) => (Array.isArray(v) ? v.map((x) => (related(x) ? x : '\u0000')) : related(v) ? v : '\u0000');
  const context = Object.entries(request.contextVariables as Record<string, string | string[]>)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => [
      k,
      k === 'aws:PrincipalArn'
        ? principal(v as string)
        : k.startsWith('aws:PrincipalTag/')
          ? value(v)
          : k === 'aws:PrincipalAccount' || k === 'kms:CallerAccount'
            ? account(v as string)
            : v,
    ]);
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

/** What a store's policy can tell of a principal: its view (see {@link resourceLayerKey}), by policy, principal and session tag. */
const viewsByTerms = new WeakMap<Terms, Map<string, string>>();
const NO_TERMS: Terms = new StringTerms([]);

/**
 * The key under which a data request's `resource`-layer decision is shared,
 * built from the request without building its simulation, or `undefined`
 * when it is not shared. That layer judges the store's policy with an
 * allow-all identity, so its simulation depends on the principal only through
 * its ARN, account, tags (with the session's `client-id`) and whether people
 * drive it (MFA): the key holds the store, the request and those values,
 * each abstracted as {@link decisionKey} abstracts it, but against the
 * store's whole policy rather than the statements that apply to the request.
 * Two requests with one key therefore have one decision key too, and so one
 * decision: the key only spares the work of finding that out.
 */
function resourceLayerKey(request: DataRequest, shared: SharedDecisions, store?: StoreClass): string | undefined {
  const { principal, resource, sessionTag } = request;
  // The whole policy at once (one RegExp), never narrowed: its statements' terms would each be asked.
  const terms = resource.policy === undefined ? NO_TERMS : stringTermsOf(resource.policy);
  if (terms === null) return undefined;
  let views = viewsByTerms.get(terms);
  if (views === undefined) viewsByTerms.set(terms, (views = new Map()));
  const who = `${principal.arn}\u0000${sessionTag ?? '\u0001'}\u0000${resource.account}`;
  let view = views.get(who);
  if (view === undefined) {
    const account = (id: string) => accountView(terms, id, resource.account);
    const arn = principalView(terms, principal.arn, resource.account);
    const tags: Record<string, string> = { ...principal.tags };
    if (sessionTag !== undefined) tags[TAG_KEYS.clientId] = sessionTag;
    else delete tags[TAG_KEYS.clientId];
    const tagView = Object.keys(tags)
      .sort()
      .map((k) => `${k}=${terms.relates(tags[k]) ? tags[k] : '\u0000'}`);
    view = JSON.stringify([arn, account(principal.account), principal.human, tagView]);
    views.set(who, view);
  }
  const tail = `${request.on}\u0000${request.action}\u0000${request.now.getTime()}`;
  if (store === undefined) return `resource\u0000${docId(resource)}\u0000${tail}\u0000${view}`;
  let named = namedViews.get(resource);
  if (named === undefined) namedViews.set(resource, (named = new Map()));
  let text = named.get(view);
  if (text === undefined) {
    const { arn, region, account, keyArn, aliases, kind, tags } = resource;
    text = store.rename(JSON.stringify([arn, region, account, keyArn ?? null, aliases, kind === 'key' ? tags : null, view]));
    named.set(view, text);
  }
  const id = internerOf(shared);
  return `resource-class\u0000${id(store.signature)}\u0000${tail}\u0000${id(text)}`;
}

/**
 * Short stand-ins for long texts in keys: the same number for the same text,
 * from one interner. The keys of shared decisions are looked up a hundred
 * thousand times and signatures are kilobytes long; a key built around the
 * text itself is hashed whole at every lookup, where the text's own hash is
 * computed once. Each proof has its own (see {@link internerOf}), collected
 * with it.
 */
export function interner(): (text: string) => number {
  const ids = new Map<string, number>();
  return (text) => {
    let id = ids.get(text);
    if (id === undefined) ids.set(text, (id = ids.size));
    return id;
  };
}

/** The interner of one proof's shared decisions: ids of one are never mixed with another's. */
const interners = new WeakMap<SharedDecisions, (text: string) => number>();
export function internerOf(shared: SharedDecisions): (text: string) => number {
  let id = interners.get(shared);
  if (id === undefined) interners.set(shared, (id = interner()));
  return id;
}

/**
 * A store as one of its class (see `shapes.ts`): its signature, and its
 * client's names as placeholders. Stores of one signature are the same store
 * up to their clients' names, so a request on one, with the store's names
 * renamed, is decided as the same request on another.
 */
export interface StoreClass {
  /** The store's shape signature. */
  readonly signature: string;
  /** A text with the store's client's names replaced by their placeholders. */
  readonly rename: (text: string) => string;
}

/** The request values of {@link resourceLayerKey} with the store's names renamed, by store and principal view. */
const namedViews = new WeakMap<ProofResource, Map<string, string>>();

/**
 * Judges a data request by one layer: refused without an evaluation where no
 * policy could allow it ({@link couldAllow}), else decided by the evaluator,
 * or, given `shared`, by an equivalent decision made before
 * ({@link decisionKey}; for the `resource` layer, found without building
 * the simulation: {@link resourceLayerKey}, and given the store's class, made
 * on any store of that class).
 */
export function decideData(request: DataRequest, layer: Layer, shared?: SharedDecisions, store?: StoreClass): Decision {
  if (!couldAllow(request, layer)) return 'ImplicitlyDenied';
  const key = shared !== undefined && layer === 'resource' ? resourceLayerKey(request, shared, store) : undefined;
  if (key === undefined) return decide(dataSimulation(request, layer), shared);
  const known = shared?.get(key);
  if (known !== undefined) {
    counter.decisions += 1;
    return known;
  }
  const decision = decide(dataSimulation(request, layer), shared);
  shared?.set(key, decision);
  return decision;
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string]);

/**
 * A document's Allow statements whose resources can match a resource, by
 * document and resource: the proof asks each principal every probe's action
 * on each store, and the resources decide most of them (another client's
 * store is named by none of its statements).
 */
const allowsByResource = new WeakMap<PolicyDoc, Map<string, readonly Record<string, unknown>[]>>();
function allowsOn(doc: PolicyDoc, resource: string): readonly Record<string, unknown>[] {
  let byResource = allowsByResource.get(doc);
  if (byResource === undefined) allowsByResource.set(doc, (byResource = new Map()));
  let allows = byResource.get(resource);
  if (allows === undefined)
    byResource.set(resource, (allows = doc.Statement.filter((s) => s.Effect === 'Allow' && appliesTo(s, resource))));
  return allows;
}

/** Whether an Allow statement of a document can apply to the request (a necessary condition for IAM to allow it). */
function mayAllow(doc: PolicyDoc, action: string, resource: string): boolean {
  return allowsOn(doc, resource).some((s) => covers(s, action));
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
  if (layer === 'resource') return true;
  const { principal, action } = request;
  const target = targetArn(request.resource, request.on);
  const identityMay = () => principal.unknownPolicies.length > 0 || principal.identity.some((i) => mayAllow(i.document, action, target));
  const boundaryMay = () => principal.boundary === undefined || mayAllow(principal.boundary.document, action, target);
  switch (layer) {
    case 'identity':
      return identityMay();
    case 'boundary':
      return boundaryMay();
    case 'effective':
      return (identityMay() && boundaryMay()) || grantsDirectly(request.resource.policy);
  }
}
