/**
 * The perimeter proof (DP-MINIMAL-SERVICES, CDM-3.8-SOVEREIGNTY): in
 * organization mode, the guardrails the app attaches (its
 * `AWS::Organizations::Policy` resources, read from the templates) are
 * evaluated by the same IAM evaluator. For every client store:
 *
 * - a request from outside the organization is refused by the resource
 *   control policies alone, even if the store's own policy admitted the
 *   outsider's account and the outsider's own policies allowed everything;
 * - a request without TLS from inside the organization is refused by them too;
 * - a request in a region the client does not allow is refused by the
 *   service control policies alone, for a principal of the store's account
 *   that its own policies allow everything;
 * - and, so that the proof cannot pass by refusing everything, the same
 *   requests from inside the organization, with TLS, in the store's own
 *   (allowed) region, pass the guardrails.
 *
 * SCPs and RCPs only ever restrict (their Allow statements only delimit), so
 * adding them to the tenant proof's evaluations could not turn a refused
 * cross-client request into an allowed one: its result stands with them.
 */
import type { ClientScope } from '../access';
import { KNOWN_REGIONS } from '../model';
import { TemplateResolver } from './intrinsics';
import type { PolicyDoc, ProofResource, ProofStack } from './inventory';
import type { ProofFinding } from './prove';
import { decide } from './simulate';

/** The Organizations policies of an app, by the account they are attached to. */
export interface AttachedGuardrails {
  readonly scps: ReadonlyMap<string, readonly { readonly name: string; readonly policy: PolicyDoc }[]>;
  readonly rcps: ReadonlyMap<string, readonly { readonly name: string; readonly policy: PolicyDoc }[]>;
  /** The organization the RCPs confine stores to (their `aws:PrincipalOrgID`), if any. */
  readonly organizationId?: string;
}

/** An account outside every organization the proof knows, for requests from outside. */
export const OUTSIDE_ACCOUNT = '000000000000';

const FULL_AWS_ACCESS: PolicyDoc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const ALLOW_ALL = FULL_AWS_ACCESS;
/** The AWS managed RCP attached everywhere once RCPs are enabled; every level of the tree needs an Allow. */
const RCP_FULL_AWS_ACCESS: PolicyDoc = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};

/** Reads the app's SCPs and RCPs and their targets from the templates; the organization is the configuration's, else the one the RCPs name. */
export function readGuardrails(stacks: readonly ProofStack[], organizationId?: string): AttachedGuardrails {
  const scps = new Map<string, { name: string; policy: PolicyDoc }[]>();
  const rcps = new Map<string, { name: string; policy: PolicyDoc }[]>();
  let named: string | undefined;
  for (const stack of stacks) {
    const resolver = new TemplateResolver(stack.template, stack);
    for (const resource of Object.values(stack.template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Organizations::Policy') continue;
      const p = resolver.resolve(resource.Properties ?? {}) as { Name: string; Type: string; Content: PolicyDoc; TargetIds?: string[] };
      const into = p.Type === 'SERVICE_CONTROL_POLICY' ? scps : p.Type === 'RESOURCE_CONTROL_POLICY' ? rcps : undefined;
      if (into === undefined) continue;
      for (const target of p.TargetIds ?? []) into.set(target, [...(into.get(target) ?? []), { name: p.Name, policy: p.Content }]);
      for (const s of p.Content.Statement) {
        const org = (s.Condition as Record<string, Record<string, unknown>> | undefined)?.StringNotEqualsIfExists?.['aws:PrincipalOrgID'];
        if (typeof org === 'string') named = org;
      }
    }
  }
  return { scps, rcps, organizationId: organizationId ?? named };
}

/** The request each kind of store is probed with. */
function probe(resource: ProofResource): { action: string; arn: string } {
  return resource.kind === 'key'
    ? { action: 'kms:Decrypt', arn: resource.arn }
    : { action: 's3:GetObject', arn: `${resource.arn}/isolation-proof-object` };
}

interface Probe {
  readonly principal: string;
  readonly principalAccount: string;
  readonly inOrganization: boolean;
  readonly region: string;
  readonly tls: boolean;
  readonly layer: 'scp' | 'rcp';
}

/** One request judged by one guardrail layer alone: everything else allows it. */
function allowedByGuardrails(resource: ProofResource, guardrails: AttachedGuardrails, request: Probe): boolean {
  const { action, arn } = probe(resource);
  const context: Record<string, string | string[]> = {
    'aws:PrincipalArn': request.principal,
    'aws:PrincipalAccount': request.principalAccount,
    'aws:PrincipalIsAWSService': 'false',
    'aws:SecureTransport': String(request.tls),
    'aws:RequestedRegion': request.region,
  };
  if (request.inOrganization && guardrails.organizationId !== undefined) context['aws:PrincipalOrgID'] = guardrails.organizationId;
  for (const [key, value] of Object.entries(resource.tags)) context[`aws:ResourceTag/${key}`] = value;
  const scps =
    request.layer === 'scp'
      ? [
          { orgIdentifier: 'r-root', policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }] },
          {
            orgIdentifier: request.principalAccount,
            policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }, ...(guardrails.scps.get(request.principalAccount) ?? [])],
          },
        ]
      : [];
  const rcps =
    request.layer === 'rcp'
      ? [
          { orgIdentifier: 'r-root', policies: [{ name: 'RCPFullAWSAccess', policy: RCP_FULL_AWS_ACCESS }] },
          {
            orgIdentifier: resource.account,
            policies: [{ name: 'RCPFullAWSAccess', policy: RCP_FULL_AWS_ACCESS }, ...(guardrails.rcps.get(resource.account) ?? [])],
          },
        ]
      : [];
  // The store's policy admits the caller's whole account: only the guardrail layer may refuse.
  const resourcePolicy: PolicyDoc = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${request.principalAccount}:root` }, Action: '*', Resource: '*' }],
  };
  return (
    decide({
      request: {
        principal: request.principal,
        action,
        resource: { resource: arn, accountId: resource.account },
        contextVariables: context,
      },
      identityPolicies: [{ name: 'allow-all', policy: ALLOW_ALL }],
      serviceControlPolicies: scps,
      resourceControlPolicies: rcps,
      resourcePolicy,
    }) === 'Allowed'
  );
}

/** What the perimeter proof found and how much it evaluated. */
export interface PerimeterResult {
  readonly findings: readonly ProofFinding[];
  /** Stores probed. */
  readonly stores: number;
}

/**
 * Proves the perimeter of every client store (dataset buckets, their keys, log
 * buckets). Nothing to prove, and no finding, when the app has no guardrails.
 */
export function provePerimeter(
  resources: readonly ProofResource[],
  scopes: readonly ClientScope[],
  guardrails: AttachedGuardrails,
  allowedRegions: ReadonlyMap<string, readonly string[]>,
): PerimeterResult {
  if (guardrails.scps.size === 0 && guardrails.rcps.size === 0) return { findings: [], stores: 0 };
  const findings: ProofFinding[] = [];
  const known = new Set(scopes.map((s) => s.clientId));
  const stores = resources.filter((r) => r.clientId !== undefined && known.has(r.clientId));
  for (const r of stores) {
    const allowed = allowedRegions.get(r.clientId as string) ?? [r.region];
    const outsideRegion = KNOWN_REGIONS.find((region) => !allowed.includes(region));
    const insider = `arn:aws:iam::${r.account}:role/isolation-proof-perimeter`;
    const outsider = `arn:aws:iam::${OUTSIDE_ACCOUNT}:role/isolation-proof-outsider`;
    const base = { principal: insider, principalAccount: r.account, inOrganization: true, region: r.region, tls: true };
    const fail = (rule: ProofFinding['rule'], message: string) =>
      findings.push({ rule, principal: base.principal, action: probe(r).action, resource: r.arn, message, location: r.location });
    if (
      allowedByGuardrails(r, guardrails, {
        ...base,
        principal: outsider,
        principalAccount: OUTSIDE_ACCOUNT,
        inOrganization: false,
        layer: 'rcp',
      })
    ) {
      fail('PerimeterOpen', `${r.arn}: a principal outside the organization is not refused by the resource control policies`);
    }
    if (allowedByGuardrails(r, guardrails, { ...base, tls: false, layer: 'rcp' })) {
      fail('PerimeterOpen', `${r.arn}: a request without TLS is not refused by the resource control policies`);
    }
    if (outsideRegion !== undefined && allowedByGuardrails(r, guardrails, { ...base, region: outsideRegion, layer: 'scp' })) {
      fail(
        'PerimeterOpen',
        `${r.arn}: a request in ${outsideRegion}, outside the client's allowed regions, is not refused by the service control policies`,
      );
    }
    if (!allowedByGuardrails(r, guardrails, { ...base, layer: 'rcp' }) || !allowedByGuardrails(r, guardrails, { ...base, layer: 'scp' })) {
      fail(
        'GuardrailBlocksDuty',
        `${r.arn}: a request from inside the organization, with TLS, in ${r.region}, is refused by the guardrails`,
      );
    }
  }
  return { findings, stores: stores.length };
}
