/**
 * The shortcut that keeps the proof cheap: every client's policies are
 * generated from the same templates and differ only in the client's names.
 * This file checks that claim mechanically. It rewrites each client's
 * policies with its own names replaced by placeholders (`{{client}}`,
 * `{{account}}`, `{{bucket@primary}}`...); clients whose rewritten policies
 * are identical have the same *shape*, and a request between two clients is
 * decided exactly as the same request between any other two clients of the
 * same shapes whose names relate the same way (same account or not, which
 * regions coincide). That holds because a policy can only compare names for
 * equality or match them with wildcards, and the checks below allow wildcards
 * only where they cannot straddle two clients' names, and no client's policy
 * may name another client at all.
 */
import type { ClientScope } from '../access';
import { MALWARE_MANAGED_RULE_ARN_PATTERN } from '../detection/malware';
import { TAG_KEYS } from '../model';
import type { PolicyDoc, ProofPrincipal, ProofResource } from './inventory';

/** A client (or a principal that belongs to none) with everything it owns. */
export interface Unit {
  /** Client id, or `shared:<role name>` for a principal outside every client. */
  readonly id: string;
  readonly scope?: ClientScope;
  readonly account: string;
  readonly principals: readonly ProofPrincipal[];
  readonly resources: readonly ProofResource[];
  /** Shape signature of each principal and resource, by ARN. */
  readonly signatures: ReadonlyMap<string, string>;
  /** The unit's shape: the sorted signatures of everything it owns. */
  readonly shape: string;
  /** A text with the unit's names replaced by their placeholders, as its signatures are written. */
  readonly rename: (text: string) => string;
}

/** Something that makes the shortcut unsound, or a reference across clients. */
export interface ShapeProblem {
  readonly kind: 'foreign-reference' | 'unprovable-wildcard';
  readonly unit: string;
  readonly owner: ProofPrincipal | ProofResource;
  readonly value: string;
  readonly message: string;
}

type Subs = readonly (readonly [string, string])[];

/** The placeholders of a client's names, longest name first. */
function substitutions(scope: ClientScope | undefined, account: string): Subs {
  const subs: [string, string][] = [[account, '{{account}}']];
  if (scope !== undefined) {
    const [primary, replica] = scope.regions;
    const role = (name: string) => (name.endsWith(`-${primary}`) || name.includes(`-${primary}-`) ? 'primary' : 'replica');
    for (const name of scope.dataBucketNames) subs.push([name, `{{bucket@${role(name)}}}`]);
    for (const name of scope.logBucketNames) subs.push([name, `{{logs@${role(name)}}}`]);
    subs.push([scope.keyAlias, '{{alias}}'], [scope.clientId, '{{client}}'], [primary, '{{primary}}'], [replica, '{{replica}}']);
  }
  return subs.sort((a, b) => b[0].length - a[0].length);
}

function rewrite(text: string, subs: Subs): string {
  let out = text;
  for (const [from, to] of subs) out = out.split(from).join(to);
  return out;
}

/** Rewrites texts with a unit's placeholders. */
type Rename = (text: string) => string;

/** {@link rewrite} with one set of placeholders, memoized: a unit's policies repeat the same actions, keys and ARNs. */
function renamer(subs: Subs): Rename {
  const done = new Map<string, string>();
  return (text) => {
    let out = done.get(text);
    if (out === undefined) done.set(text, (out = rewrite(text, subs)));
    return out;
  };
}

/** A canonical form: names rewritten, keys sorted, lists of names as sets. */
function canonical(value: unknown, rename: Rename): unknown {
  if (typeof value === 'string') return rename(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v, rename));
    return items.every((i) => typeof i === 'string') ? [...new Set(items as string[])].sort() : items;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [rename(k), canonical((value as Record<string, unknown>)[k], rename)]),
    );
  }
  return value;
}

/** The principals a trust policy names by ARN (not account roots): replaced by `{{trusted}}`. */
function trustedArns(trust: PolicyDoc): string[] {
  const found: string[] = [];
  for (const s of trust.Statement) {
    const condition = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
    for (const block of Object.values(condition)) {
      for (const [key, value] of Object.entries(block)) {
        if (key.toLowerCase() === 'aws:principalarn') found.push(...([] as string[]).concat(value as string | string[]));
      }
    }
    const aws = (s.Principal as { AWS?: string | string[] } | undefined)?.AWS;
    found.push(...([] as string[]).concat(aws ?? []).filter((arn) => !arn.endsWith(':root') && arn !== '*'));
  }
  return found;
}

/** The shape signature of a principal. */
export function principalSignature(p: ProofPrincipal, rename: Rename): string {
  const trusted: Subs = [...new Set(trustedArns(p.trust))]
    .map((arn) => [arn, '{{trusted}}'] as const)
    .sort((a, b) => b[0].length - a[0].length);
  const tags = Object.fromEntries(Object.entries(p.tags).filter(([k]) => !k.startsWith('break-glass-')));
  return JSON.stringify(
    canonical(
      {
        type: 'principal',
        kind: p.kind,
        human: p.human,
        identity: p.identity.map((i) => i.document),
        unknown: p.unknownPolicies,
        boundary: p.boundary?.document ?? null,
        trust: JSON.parse(rewrite(JSON.stringify(p.trust), trusted)) as unknown,
        tags,
        expires: p.tags['break-glass-expires'] !== undefined,
        session: p.maxSessionSeconds,
      },
      rename,
    ),
  );
}

/** Whether a statement can only ever apply to AWS services (its principal names services alone), never to a role. */
function servicesOnly(statement: Record<string, unknown>): boolean {
  const principal = statement.Principal as { Service?: unknown; AWS?: unknown } | undefined;
  return (
    principal !== undefined &&
    typeof principal === 'object' &&
    principal.Service !== undefined &&
    principal.AWS === undefined &&
    statement.NotPrincipal === undefined
  );
}

/**
 * The shape signature of a resource. Statements that only AWS services can
 * match (e.g. S3 log delivery, one per dataset) cannot decide a role's
 * request, so they are left out of the shape (their names are still checked).
 * Bucket tags other than `client-id` (dataset, classification, tier) are left
 * out too: requests for S3 carry no resource tags in the proof; keys keep
 * every tag, since key requests carry them (`aws:ResourceTag/*`).
 */
export function resourceSignature(r: ProofResource, rename: Rename): string {
  const policy = r.policy ? { ...r.policy, Statement: r.policy.Statement.filter((s) => !servicesOnly(s)) } : null;
  const tags = r.kind === 'key' ? r.tags : { [TAG_KEYS.clientId]: r.tags[TAG_KEYS.clientId] };
  return JSON.stringify(canonical({ type: r.kind, arn: r.arn, policy, keyArn: r.keyArn ?? null, aliases: r.aliases, tags }, rename));
}

/**
 * Where a wildcard may stand: alone, within a client's own bucket after its
 * exact name and a slash (`<bucket>/*`, `<bucket>/<prefix>/*`), or as any key
 * of an account and region (confined by alias and tag conditions, which are
 * exact).
 */
const SAFE_WILDCARDS = [
  /^\*$/,
  /^arn:aws:s3:::\{\{(bucket|logs)@(primary|replica)\}\}\/[^*?]*\*$/,
  /^arn:aws:kms:[^:*?]+:[^:*?]+:key\/\*$/,
  // GuardDuty's managed EventBridge rules (Malware Protection plans' roles): no client's, no data.
  MALWARE_MANAGED_RULE_ARN_PATTERN,
];

/** String leaves of the parts of a policy that name principals, resources and condition values. */
function namedValues(doc: PolicyDoc | undefined): string[] {
  if (doc === undefined) return [];
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const s of doc.Statement) [s.Principal, s.NotPrincipal, s.Resource, s.NotResource, s.Condition].forEach(walk);
  return out;
}

/** Who owns each name the baseline derives: buckets, roles, key ids, aliases, client ids. */
export interface NameIndex {
  readonly owner: (value: string) => string | undefined;
}

/** Builds the index of names to their clients. */
export function nameIndex(
  units: readonly {
    readonly id: string;
    readonly scope?: ClientScope;
    readonly principals: readonly ProofPrincipal[];
    readonly resources: readonly ProofResource[];
  }[],
): NameIndex {
  const owners = new Map<string, string>();
  for (const unit of units) {
    if (unit.scope === undefined) continue;
    for (const name of [...unit.scope.dataBucketNames, ...unit.scope.logBucketNames]) owners.set(`bucket:${name}`, unit.id);
    owners.set(`alias:${unit.scope.keyAlias}`, unit.id);
    owners.set(`client:${unit.scope.clientId}`, unit.id);
    for (const p of unit.principals) owners.set(`role:${p.arn}`, unit.id);
    for (const r of unit.resources) if (r.kind === 'key') owners.set(`key:${r.arn}`, unit.id);
  }
  return {
    owner: (value) => {
      const bucket = /^arn:aws:s3:::([^/]+)/.exec(value);
      if (bucket) return owners.get(`bucket:${bucket[1]}`);
      if (/^arn:aws:iam::\d{12}:role\//.test(value)) return owners.get(`role:${value}`);
      if (/^arn:aws:kms:/.test(value)) return owners.get(`key:${value}`) ?? owners.get(`alias:${value.split(':').slice(5).join(':')}`);
      if (value.startsWith('alias/')) return owners.get(`alias:${value}`);
      return owners.get(`client:${value}`);
    },
  };
}

/** Tag-valued conditions hold client ids: read them as names too. */
function tagValues(doc: PolicyDoc | undefined): string[] {
  if (doc === undefined) return [];
  const out: string[] = [];
  for (const s of doc.Statement) {
    for (const block of Object.values((s.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const [key, value] of Object.entries(block)) {
        if (key.toLowerCase().endsWith(`/${TAG_KEYS.clientId}`)) out.push(...([] as string[]).concat(value as string | string[]));
      }
    }
  }
  return out;
}

/** Groups principals and resources into units and checks that each unit is an instance of its shape. */
export function buildUnits(
  scopes: readonly ClientScope[],
  principals: readonly ProofPrincipal[],
  resources: readonly ProofResource[],
): { units: Unit[]; problems: ShapeProblem[] } {
  const raw = scopes.map((scope) => ({
    id: scope.clientId,
    scope,
    account: scope.account,
    principals: principals.filter((p) => p.clientId === scope.clientId),
    resources: resources.filter((r) => r.clientId === scope.clientId),
  }));
  const known = new Set(scopes.map((s) => s.clientId));
  for (const p of principals) {
    if (p.clientId === undefined || !known.has(p.clientId))
      raw.push({ id: `shared:${p.arn}`, scope: undefined as never, account: p.account, principals: [p], resources: [] });
  }
  const index = nameIndex(raw);
  const problems: ShapeProblem[] = [];
  const units = raw.map((u) => {
    const subs = substitutions(u.scope, u.account);
    const rename = renamer(subs);
    const signatures = new Map<string, string>();
    const owned: [ProofPrincipal | ProofResource, PolicyDoc[]][] = [
      ...u.principals.map(
        (p) =>
          [p, [...p.identity.map((i) => i.document), ...(p.boundary ? [p.boundary.document] : []), p.trust]] as [
            ProofPrincipal,
            PolicyDoc[],
          ],
      ),
      ...u.resources.map((r) => [r, r.policy ? [r.policy] : []] as [ProofResource, PolicyDoc[]]),
    ];
    for (const [owner, docs] of owned) {
      signatures.set(owner.arn, 'human' in owner ? principalSignature(owner, rename) : resourceSignature(owner, rename));
      if (u.scope === undefined) continue;
      for (const doc of docs) {
        for (const value of [...namedValues(doc), ...tagValues(doc)]) {
          const other = index.owner(value);
          if (other !== undefined && other !== u.id) {
            problems.push({
              kind: 'foreign-reference',
              unit: u.id,
              owner,
              value,
              message: `a policy of client "${u.id}" names "${value}", which belongs to client "${other}"`,
            });
          }
        }
        if (doc === ('trust' in owner ? owner.trust : undefined)) continue;
        for (const value of namedValues(doc)) {
          if (!/[*?]/.test(value)) continue;
          const rewritten = rename(value);
          if (!SAFE_WILDCARDS.some((re) => re.test(rewritten))) {
            problems.push({
              kind: 'unprovable-wildcard',
              unit: u.id,
              owner,
              value,
              message: `a policy of client "${u.id}" uses the wildcard pattern "${value}", which may match another client's names; name the client's own resources (a bucket ARN, its "/*" objects, or key/* with the client's alias and tag conditions)`,
            });
          }
        }
      }
    }
    const shape = JSON.stringify([...new Set(signatures.values())].sort());
    return { ...u, scope: u.scope as ClientScope | undefined, signatures, shape, rename };
  });
  return { units, problems };
}
