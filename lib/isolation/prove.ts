/**
 * The tenant isolation proof (CDM-3.3-TENANT-ISOLATION, DP-ABAC,
 * CDM-3.2-LEAST-PRIV, CDM-3.2-MFA, DP-ALWAYS-OFF): evaluates, with a real IAM
 * evaluator, every principal of the app against client data stores, and
 * returns every leak and the access matrix (CDM-3.2-REVIEW).
 *
 * - Trust: each role people assume must be usable by its principals with MFA
 *   and the client's session tag, and refuse no MFA, no tag, another
 *   client's tag, strangers and (break-glass) a time after its expiry.
 * - Own client: each duty's intended requests must be allowed, and requests
 *   beyond the duty refused.
 * - Other clients: data requests must be refused by the identity policies
 *   alone, by the permission boundary alone, by the bucket or key policy
 *   alone (even for a principal whose own policies allow everything, with
 *   whichever `client-id` tag the trust would let it carry), and together.
 *
 * Cost: one representative pair per class of client pairs (shape of each
 * side, and how their accounts and regions coincide), see `shapes.ts`, so the
 * work grows with the number of shapes, not with clients squared.
 */
import type { ClientScope } from '../access';
import { ACCESS_TAG_KEYS, TAG_KEYS } from '../model';
import { CROSS_CLIENT_PROBES, type Layer, MATRIX_ACTIONS, OWN_CLIENT_EXPECTATIONS, type Target } from './expectations';
import { UNRESOLVED } from './intrinsics';
import { type Location, type ProofPrincipal, type ProofResource, type ProofStack, readInventory } from './inventory';
import { provePerimeter, readGuardrails } from './perimeter';
import { buildUnits, type Unit } from './shapes';
import {
  assumeSimulation,
  counter,
  type DataRequest,
  decide,
  decideData,
  fits,
  grantsDirectly,
  interner,
  type SharedDecisions,
  type StoreClass,
} from './simulate';

/** Kinds of finding, each a rule of the proof. */
export type ProofRule =
  | 'TenantLeak'
  | 'DutyBroken'
  | 'ExcessPrivilege'
  | 'TrustWeak'
  | 'ForeignReference'
  | 'UnprovableWildcard'
  | 'Unresolved'
  | 'PerimeterOpen'
  | 'GuardrailBlocksDuty';

/** One failure of the proof. */
export interface ProofFinding {
  readonly rule: ProofRule;
  readonly principal?: string;
  readonly action?: string;
  readonly resource?: string;
  readonly layer?: Layer;
  readonly message: string;
  readonly location: Location;
}

/** What the proof knows about a role's trust. */
export interface TrustFacts {
  readonly assumableBy: readonly string[];
  readonly usable: boolean;
  readonly mfaRequired: boolean;
  readonly sessionTagRequired: boolean;
  readonly sessionTagPinned: boolean;
  readonly strangersRefused: boolean;
  readonly expiryEnforced?: boolean;
  readonly regionPinned?: boolean;
}

/** One row of the access matrix: what a principal may do to one store. */
export interface AccessEntry {
  readonly client: string;
  readonly type: Target;
  readonly resource: string;
  readonly actions: readonly string[];
}

/** One principal in the access matrix. */
export interface MatrixPrincipal {
  readonly principal: string;
  readonly client: string | null;
  readonly kind: string;
  readonly assumableBy: readonly string[];
  readonly mfaRequired: boolean | null;
  readonly sessionTag: string | null;
  readonly maxSessionSeconds: number;
  readonly breakGlass: { readonly ticket: string; readonly approvedBy: string; readonly expires: string } | null;
  readonly access: readonly AccessEntry[];
}

/** The access matrix (`access-matrix.json`), evidence for access reviews (CDM-3.2-REVIEW). */
export interface AccessMatrix {
  readonly format: 'client-data-baseline/access-matrix/v1';
  readonly controls: readonly string[];
  readonly principals: readonly MatrixPrincipal[];
  /** Requests to another client's data that some principal is allowed: empty when the proof passes. */
  readonly crossClientAccess: readonly { readonly principal: string; readonly action: string; readonly resource: string }[];
  readonly proof: {
    readonly clients: number;
    readonly principals: number;
    readonly shapes: number;
    readonly pairClasses: number;
    readonly clientPairsCovered: number;
    readonly simulations: number;
    readonly findings: number;
    /** Organization mode: client stores whose perimeter (outside the organization, without TLS, outside the allowed regions) was proven. */
    readonly perimeterStores?: number;
  };
}

/** The proof's result. */
export interface ProofResult {
  readonly findings: readonly ProofFinding[];
  readonly matrix: AccessMatrix;
}

/** Options of {@link proveTenantIsolation}. */
export interface ProofOptions {
  /**
   * The time requests are made at (break-glass must be usable now and not after its expiry).
   *
   * @default new Date()
   */
  readonly now?: Date;
  /**
   * Each client's allowed regions, for the perimeter proof (a request in any
   * other region must be refused by the guardrails).
   *
   * @default - each store's own region only
   */
  readonly allowedRegions?: ReadonlyMap<string, readonly string[]>;
  /**
   * The organization of the configuration (`provider.organizationId`): the
   * principals of the app belong to it, outsiders do not.
   *
   * @default - the organization the RCPs name
   */
  readonly organizationId?: string;
  /**
   * Whether equivalent requests share one evaluation: simulations equal up to
   * values no policy tells apart (`decisionKey` and `resourceLayerKey` in
   * `simulate.ts`), and own-client requests of two shapes equal up to the
   * clients' names (`ownRequestKey`). The tests prove both ways agree.
   *
   * @default true
   */
  readonly shareDecisions?: boolean;
}

const TARGETS_OF: Readonly<Record<ProofResource['kind'], readonly Target[]>> = {
  bucket: ['bucket', 'object'],
  'log-bucket': ['log-bucket', 'log-object'],
  key: ['key'],
};

const OTHER_TAG = 'isolation-proof-other-client';

function trustedCallers(p: ProofPrincipal): { callers: string[]; wholeAccounts: string[] } {
  const callers: string[] = [];
  const wholeAccounts: string[] = [];
  for (const s of p.trust.Statement) {
    const named: string[] = [];
    for (const block of Object.values((s.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const [key, value] of Object.entries(block))
        if (key.toLowerCase() === 'aws:principalarn') named.push(...([] as string[]).concat(value as string));
    }
    const aws = ([] as string[]).concat((s.Principal as { AWS?: string | string[] } | undefined)?.AWS ?? []);
    if (named.length > 0) callers.push(...named);
    else
      for (const arn of aws) {
        if (arn.endsWith(':root')) wholeAccounts.push(arn.split(':')[4]);
        else callers.push(arn);
      }
  }
  return { callers: [...new Set(callers)].sort(), wholeAccounts: [...new Set(wholeAccounts)].sort() };
}

/** Evaluates a role's trust policy. */
export function analyseTrust(p: ProofPrincipal, now: Date, shared?: SharedDecisions): TrustFacts {
  const { callers, wholeAccounts } = trustedCallers(p);
  const assumableBy = [...callers, ...wholeAccounts.map((a) => `arn:aws:iam::${a}:root`)];
  const caller =
    callers[0] ?? (wholeAccounts[0] !== undefined ? `arn:aws:iam::${wholeAccounts[0]}:role/isolation-proof-caller` : undefined);
  const own = p.clientId ?? p.tags[TAG_KEYS.clientId];
  if (caller === undefined) {
    return { assumableBy, usable: false, mfaRequired: true, sessionTagRequired: true, sessionTagPinned: true, strangersRefused: true };
  }
  const good = { role: p, caller, mfa: true, sessionTag: own, time: now, region: p.region };
  const allowed = (change: Partial<typeof good>, action: 'sts:AssumeRole' | 'sts:TagSession' = 'sts:AssumeRole') =>
    decide(assumeSimulation({ ...good, ...change, action }), shared) === 'Allowed';
  const expires = p.tags[ACCESS_TAG_KEYS.expires];
  const otherRegion = p.region === 'us-east-1' ? 'eu-west-1' : 'us-east-1';
  return {
    assumableBy,
    usable: allowed({}) && allowed({}, 'sts:TagSession'),
    mfaRequired: !allowed({ mfa: false }) && !allowed({ mfa: undefined }),
    sessionTagRequired: !allowed({ sessionTag: undefined }),
    sessionTagPinned: !allowed({ sessionTag: OTHER_TAG }) && !allowed({ sessionTag: OTHER_TAG }, 'sts:TagSession'),
    strangersRefused:
      wholeAccounts.length > 0 || !allowed({ caller: `arn:aws:iam::${caller.split(':')[4]}:role/isolation-proof-stranger` }),
    ...(p.kind === 'break-glass'
      ? {
          expiryEnforced:
            expires !== undefined &&
            !allowed({ time: new Date(expires) }) &&
            !allowed({ time: new Date(new Date(expires).getTime() + 86_400_000) }),
          regionPinned: !allowed({ region: otherRegion }),
        }
      : {}),
  };
}

function trustFindings(p: ProofPrincipal, t: TrustFacts): ProofFinding[] {
  const f = (rule: ProofRule, message: string): ProofFinding => ({
    rule,
    principal: p.arn,
    action: 'sts:AssumeRole',
    message: `${p.arn}: ${message}`,
    location: p.location,
  });
  const out: ProofFinding[] = [];
  if (!t.usable) out.push(f('DutyBroken', 'its own principals cannot assume it with MFA and the client session tag'));
  if (!t.mfaRequired) out.push(f('TrustWeak', 'its trust admits sessions without MFA (CDM-3.2-MFA)'));
  if (!t.sessionTagRequired) out.push(f('TrustWeak', 'its trust admits sessions without the client-id session tag (DP-ABAC)'));
  if (!t.sessionTagPinned) out.push(f('TrustWeak', "its trust lets a session carry another client's id as its client-id tag (DP-ABAC)"));
  if (!t.strangersRefused) out.push(f('TrustWeak', 'its trust admits principals that are not configured (CDM-3.2-LEAST-PRIV)'));
  if (t.expiryEnforced === false)
    out.push(f('TrustWeak', 'break-glass trust still admits sessions at or after its expiry (DP-ALWAYS-OFF)'));
  if (t.regionPinned === false)
    out.push(f('TrustWeak', 'break-glass can be assumed through another region, where no alerting rule sees it (DP-ALWAYS-OFF)'));
  return out;
}

/** Runs the proof over synthesized stacks. */
export function proveTenantIsolation(
  stacks: readonly ProofStack[],
  scopes: readonly ClientScope[],
  options: ProofOptions = {},
): ProofResult {
  const now = options.now ?? new Date();
  const shared: SharedDecisions | undefined = options.shareDecisions === false ? undefined : new Map();
  // Short ids of the long texts (signatures, shapes) in this proof's keys.
  const internedId = interner();
  const start = counter.simulations;
  const inventory = readInventory(stacks);
  const { units, problems } = buildUnits(scopes, inventory.principals, inventory.resources);
  const findings: ProofFinding[] = problems.map((p) => ({
    rule: p.kind === 'foreign-reference' ? 'ForeignReference' : 'UnprovableWildcard',
    ...('human' in p.owner ? { principal: p.owner.arn } : { resource: p.owner.arn }),
    message: p.message,
    location: p.owner.location,
  }));
  for (const item of [...inventory.principals, ...inventory.resources]) {
    if (JSON.stringify(item).includes(UNRESOLVED)) {
      findings.push({
        rule: 'Unresolved',
        message: `${item.arn}: a policy value cannot be resolved at synth, so it cannot be proven`,
        location: item.location,
      });
    }
  }

  // Trust, once per principal signature.
  const trustBySignature = new Map<string, TrustFacts>();
  const trustOf = (unit: Unit, p: ProofPrincipal): TrustFacts | undefined => {
    if (!p.human) return undefined;
    const sig = unit.signatures.get(p.arn) as string;
    let facts = trustBySignature.get(sig);
    if (facts === undefined) {
      facts = analyseTrust(p, now, shared);
      trustBySignature.set(sig, facts);
      findings.push(...trustFindings(p, facts));
    }
    return facts;
  };
  const sessionTagFor = (unit: Unit, p: ProofPrincipal, target: string | undefined): string | undefined => {
    const own = p.tags[TAG_KEYS.clientId];
    const trust = trustOf(unit, p);
    if (trust !== undefined && !trust.sessionTagPinned) return target ?? OTHER_TAG;
    return own;
  };

  // Where the shortcut's premise fails (a policy names another client, or a wildcard could
  // straddle clients), that client is proven the long way (below) and decides its own requests itself.
  const exact = new Set(problems.map((p) => p.unit));

  // Own client, once per shape; a request of one shape's representative decided as an identical one,
  // up to the names, of another shape's (same principal and store signatures: see `shapes.ts`).
  const ownDecisions = new Map<string, boolean>();
  const representative = new Map<string, Unit>();
  for (const unit of units) if (!representative.has(unit.shape)) representative.set(unit.shape, unit);
  const ownActions = new Map<string, string[]>();
  // Interned ids of the signatures: the matrix asks once per principal, store and target (kilobyte-long texts).
  const ownKey = (sigP: string, sigR: string, target: Target) => `${internedId(sigP)}\n${internedId(sigR)}\n${target}`;
  for (const unit of representative.values()) {
    const resourceClasses = distinctBy(unit.resources, (r) => unit.signatures.get(r.arn) as string);
    for (const p of unit.principals) {
      const sigP = unit.signatures.get(p.arn) as string;
      const tag = sessionTagFor(unit, p, unit.scope?.clientId);
      const decideOwn = (r: ProofResource, target: Target, action: string) => {
        const request: DataRequest = { principal: p, resource: r, on: target, action, sessionTag: tag, now };
        if (shared === undefined || exact.has(unit.id)) return decideData(request, 'effective', shared) === 'Allowed';
        const key = ownRequestKey(unit, request, internedId);
        let allowed = ownDecisions.get(key);
        if (allowed === undefined) ownDecisions.set(key, (allowed = decideData(request, 'effective', shared) === 'Allowed'));
        return allowed;
      };
      for (const r of resourceClasses) {
        for (const target of TARGETS_OF[r.kind]) {
          const allowed = MATRIX_ACTIONS[target].filter((action) => decideOwn(r, target, action));
          ownActions.set(ownKey(sigP, unit.signatures.get(r.arn) as string, target), allowed);
        }
      }
      const expectations = OWN_CLIENT_EXPECTATIONS[p.kind];
      if (expectations === undefined) continue;
      for (const [probes, wanted] of [
        [expectations.allow, true],
        [expectations.deny, false],
      ] as const) {
        for (const probe of probes) {
          for (const r of resourceClasses.filter((res) => TARGETS_OF[res.kind].includes(probe.on))) {
            if (decideOwn(r, probe.on, probe.action) === wanted) continue;
            findings.push({
              rule: wanted ? 'DutyBroken' : 'ExcessPrivilege',
              principal: p.arn,
              action: probe.action,
              resource: r.arn,
              layer: 'effective',
              message: wanted
                ? `${p.arn} (${p.kind}) cannot ${probe.action} on its own client's ${probe.on} ${r.arn}, which its duty needs`
                : `${p.arn} (${p.kind}) can ${probe.action} on its own client's ${probe.on} ${r.arn}, beyond its duty (CDM-3.2-LEAST-PRIV)`,
              location: p.location,
            });
          }
        }
      }
    }
  }

  // Other clients, once per class of pairs. Groups are units of one shape, account and regions; a class is a pair of
  // shapes and how their accounts and regions coincide (5 bits). Shapes, accounts and regions are small integers here:
  // the loop visits every pair of groups (a million at 1,000 clients), and shapes are kilobyte-long texts.
  const idOf = (text: string | undefined) => (text === undefined ? -1 : internedId(text));
  const profiles = new Map<string, Unit[]>();
  for (const unit of units) {
    const key = [idOf(unit.shape), idOf(unit.account), ...(unit.scope?.regions ?? []).map(idOf)].join(' ');
    const group = profiles.get(key);
    if (group === undefined) profiles.set(key, [unit]);
    else group.push(unit);
  }
  interface Group {
    readonly units: readonly Unit[];
    readonly shape: number;
    readonly account: number;
    readonly primary: number;
    readonly replica: number;
  }
  const groups: Group[] = [...profiles.values()].map((us) => {
    const [primary, replica] = us[0].scope?.regions ?? [];
    return { units: us, shape: idOf(us[0].shape), account: idOf(us[0].account), primary: idOf(primary), replica: idOf(replica) };
  });
  // Which of a's and b's account and regions coincide: a's account is b's, a's primary region is b's primary, a's
  // primary is b's replica, a's replica is b's primary, a's replica is b's replica (a region both lack counts as equal).
  const relation = (a: Group, b: Group) =>
    (a.account === b.account ? 16 : 0) +
    (a.primary === b.primary ? 8 : 0) +
    (a.primary === b.replica ? 4 : 0) +
    (a.replica === b.primary ? 2 : 0) +
    (a.replica === b.replica ? 1 : 0);
  const classes = new Map<string, { a: Unit; b: Unit; pairs: number }>();
  for (const ga of groups) {
    const as = ga.units;
    if (as[0].principals.length === 0) continue;
    for (const gb of groups) {
      const bs = gb.units;
      if (bs[0].resources.length === 0) continue;
      const same = ga === gb;
      if (same && as.length < 2) continue;
      const key = `${ga.shape} ${gb.shape} ${relation(ga, gb)}`;
      const pairs = same ? as.length * (as.length - 1) : as.length * bs.length;
      const existing = classes.get(key);
      if (existing) existing.pairs += pairs;
      else classes.set(key, same ? { a: as[0], b: as[1], pairs } : { a: as[0], b: bs[0], pairs });
    }
  }
  const crossClientAccess: { principal: string; action: string; resource: string }[] = [];
  // The classes never ask one request twice (each is a distinct pair of units); the long way
  // asks again what they asked, so only then is each request remembered.
  const seen = exact.size > 0 ? new Set<string>() : undefined;
  const probesOf = new Map(
    (Object.keys(TARGETS_OF) as ProofResource['kind'][]).map((kind) => [
      kind,
      CROSS_CLIENT_PROBES.filter((pr) => TARGETS_OF[kind].includes(pr.on) && fits(pr.on, pr.action)),
    ]),
  );
  const crossPair = (a: Unit, b: Unit, pairs: number, everyResource: boolean) => {
    const stores = b.resources.filter((r) => r.kind !== 'log-bucket');
    const targets = everyResource ? stores : distinctBy(stores, (r) => b.signatures.get(r.arn) as string);
    // The resource layer judges b's store policy alone: decided once for every store of its class, unless b's
    // policies break the shapes' premise.
    const classOf = (r: ProofResource): StoreClass | undefined =>
      shared === undefined || exact.has(b.id) ? undefined : { signature: b.signatures.get(r.arn) as string, rename: b.rename };
    for (const p of a.principals) {
      const tag = sessionTagFor(a, p, b.scope?.clientId);
      for (const r of targets) {
        for (const probe of probesOf.get(r.kind) ?? []) {
          const request: DataRequest = { principal: p, resource: r, on: probe.on, action: probe.action, sessionTag: tag, now };
          // Configuration probes (policy reads and writes, which bucket and key policies leave to IAM) concern
          // principals people can drive; a service role is assumable only by its AWS service, which calls
          // only its own APIs, so for it only the data probes apply (judged by the resource layer too).
          if (!p.human && !probe.layers.includes('resource')) continue;
          const refused = new Set<Layer>();
          for (const layer of probe.layers) {
            if (layer === 'boundary' && p.boundary === undefined) continue;
            if (layer === 'identity' && p.unknownPolicies.length > 0) continue;
            if (seen !== undefined) {
              const key = `${p.arn}\n${r.arn}\n${probe.action}\n${layer}`;
              if (seen.has(key)) continue;
              seen.add(key);
            }
            if (layer === 'effective' && refusedByALayer(refused, r)) continue;
            if (decideData(request, layer, shared, classOf(r)) !== 'Allowed') {
              refused.add(layer);
              continue;
            }
            if (layer === 'effective') crossClientAccess.push({ principal: p.arn, action: probe.action, resource: r.arn });
            findings.push({
              rule: 'TenantLeak',
              principal: p.arn,
              action: probe.action,
              resource: r.arn,
              layer,
              message:
                `${p.arn} (client ${a.id}) ${layer === 'effective' ? 'is allowed' : `is allowed by the ${layer} layer alone`} ` +
                `${probe.action} on client ${b.id}'s ${probe.on} ${r.arn}` +
                (pairs > 1 ? ` (and in every one of the ${pairs} client pairs of the same shapes)` : ''),
              location: p.location,
            });
          }
        }
      }
    }
  };
  for (const { a, b, pairs } of classes.values()) crossPair(a, b, pairs, false);
  // A client where the shortcut's premise fails is proven against every other client, every store.
  for (const e of units.filter((u) => exact.has(u.id))) {
    for (const other of units) {
      if (other === e) continue;
      crossPair(e, other, 1, true);
      crossPair(other, e, 1, true);
    }
  }

  // The matrix, every principal, instantiated from its shape's representative.
  const principals: MatrixPrincipal[] = [];
  for (const unit of units) {
    for (const p of unit.principals) {
      const sigP = unit.signatures.get(p.arn) as string;
      const trust = p.human ? trustBySignature.get(sigP) : undefined;
      const access: AccessEntry[] = [];
      for (const r of unit.resources) {
        for (const target of TARGETS_OF[r.kind]) {
          const actions = ownActions.get(ownKey(sigP, unit.signatures.get(r.arn) as string, target)) ?? [];
          if (actions.length === 0) continue;
          access.push({ client: unit.id, type: target, resource: displayArn(r, target), actions });
        }
      }
      principals.push({
        principal: p.arn,
        client: unit.scope ? unit.id : null,
        kind: p.kind,
        assumableBy: trust ? [...trust.assumableBy] : trustedServices(p),
        mfaRequired: trust ? trust.mfaRequired : null,
        sessionTag: trust ? (trust.sessionTagPinned ? (p.tags[TAG_KEYS.clientId] ?? null) : null) : (p.tags[TAG_KEYS.clientId] ?? null),
        maxSessionSeconds: p.maxSessionSeconds,
        breakGlass:
          p.kind === 'break-glass'
            ? {
                ticket: p.tags[ACCESS_TAG_KEYS.ticket] ?? '',
                approvedBy: p.tags[ACCESS_TAG_KEYS.approvedBy] ?? '',
                expires: p.tags[ACCESS_TAG_KEYS.expires] ?? '',
              }
            : null,
        access: access.sort((x, y) => `${x.resource}${x.type}`.localeCompare(`${y.resource}${y.type}`)),
      });
    }
  }
  principals.sort((x, y) => x.principal.localeCompare(y.principal));
  // Organization mode: the guardrails' perimeter (DP-MINIMAL-SERVICES), judged by the same evaluator.
  const perimeter = provePerimeter(
    inventory.resources,
    scopes,
    readGuardrails(stacks, options.organizationId),
    options.allowedRegions ?? new Map(),
  );
  findings.push(...perimeter.findings);
  findings.sort((x, y) => `${x.rule}${x.message}`.localeCompare(`${y.rule}${y.message}`));
  const matrix: AccessMatrix = {
    format: 'client-data-baseline/access-matrix/v1',
    controls: ['CDM-3.2-REVIEW', 'CDM-3.2-LEAST-PRIV', 'CDM-3.3-TENANT-ISOLATION', 'DP-ABAC', 'DP-ALWAYS-OFF'],
    principals,
    crossClientAccess: crossClientAccess.sort((x, y) =>
      `${x.principal}${x.resource}${x.action}`.localeCompare(`${y.principal}${y.resource}${y.action}`),
    ),
    proof: {
      clients: scopes.length,
      principals: inventory.principals.length,
      shapes: representative.size,
      pairClasses: classes.size,
      clientPairsCovered: [...classes.values()].reduce((n, c) => n + c.pairs, 0),
      simulations: counter.simulations - start,
      findings: findings.length,
      ...(perimeter.stores > 0 ? { perimeterStores: perimeter.stores } : {}),
    },
  };
  return { findings, matrix };
}

/**
 * What decides a request of a unit's principal on its own store, with the
 * unit's names replaced by placeholders: the principal's and the store's
 * signatures (their policies, tags and kinds) and every value of the request
 * that `dataSimulation` reads from them. Two units' requests with one key are
 * the same request up to the names, decided alike (the shapes' premise).
 */
function ownRequestKey(unit: Unit, request: DataRequest, internedId: (text: string) => number): string {
  const { principal: p, resource: r } = request;
  const values = [p.arn, p.account, p.tags, r.arn, r.region, r.account, r.keyArn ?? null, r.aliases, r.kind === 'key' ? r.tags : null];
  return [
    internedId(unit.signatures.get(p.arn) as string),
    internedId(unit.signatures.get(r.arn) as string),
    internedId(unit.rename(JSON.stringify([...values, request.sessionTag ?? null]))),
    request.on,
    request.action,
    request.now.getTime(),
  ].join('\n');
}

/**
 * Whether the layers already judged settle the effective decision as a
 * refusal, so that it need not be simulated. IAM's evaluation is monotonic in
 * the principal's own policies: a request the resource policy refuses with
 * every identity permission (the `resource` layer) is refused with fewer, and
 * one the principal's identity policies or boundary refuse is refused unless
 * the resource policy grants it directly.
 */
function refusedByALayer(refused: ReadonlySet<Layer>, resource: ProofResource): boolean {
  return refused.has('resource') || ((refused.has('identity') || refused.has('boundary')) && !grantsDirectly(resource.policy));
}

function distinctBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** How the matrix names a store: buckets and objects by ARN, keys by their alias ARN (key ids are only known after deploy). */
function displayArn(r: ProofResource, target: Target): string {
  if (r.kind === 'key') return r.aliases.length > 0 ? `arn:aws:kms:${r.region}:${r.account}:${r.aliases[0]}` : r.arn;
  return target === 'object' || target === 'log-object' ? `${r.arn}/*` : r.arn;
}

function trustedServices(p: ProofPrincipal): string[] {
  return [
    ...new Set(
      p.trust.Statement.flatMap((s) =>
        ([] as string[]).concat((s.Principal as { Service?: string | string[] } | undefined)?.Service ?? []),
      ),
    ),
  ].sort();
}
