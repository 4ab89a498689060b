/**
 * The organization's guardrails, generated from the configuration
 * (DP-MINIMAL-SERVICES, DP-IDS-INDEPENDENT, BKP-BLAST-RADIUS,
 * CDM-3.8-SOVEREIGNTY): which policy documents exist, their names and the
 * accounts each is attached to. Constructs render them; the isolation proof
 * evaluates the same documents; nothing else writes them.
 */
import {
  type BaselineConfig,
  ClientNames,
  clientBucketArnPrefix,
  perimeterGuardrailName,
  protectionGuardrailName,
  regionGuardrailName,
  TAG_KEYS,
} from '../model';
import { GLOBAL_SERVICE_ACTIONS } from './global-services';
import { ALL_PROTECTED_ACTIONS } from './protected-actions';

/** The two Organizations policy types the baseline writes. */
export type GuardrailType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

/** An IAM-style policy document of a guardrail. */
export interface GuardrailDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Record<string, unknown>[];
}

/** One organization policy and where it is attached. */
export interface Guardrail {
  /** Unique per type in the organization. */
  readonly name: string;
  readonly type: GuardrailType;
  readonly description: string;
  readonly document: GuardrailDocument;
  /** Account ids it is attached to, sorted. */
  readonly targetIds: readonly string[];
}

/** SCP: deny every request outside the allowed regions, except global services' (CDM-3.8-SOVEREIGNTY). */
export function regionGuardrailDocument(allowed: readonly string[]): GuardrailDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyOutsideAllowedRegions',
        Effect: 'Deny',
        NotAction: [...GLOBAL_SERVICE_ACTIONS],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [...allowed].sort() } },
      },
    ],
  };
}

/** SCP: the trail, detection and backups stay on, and the account stays in the organization. */
export function protectionGuardrailDocument(): GuardrailDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'DenyDisablingTheBaseline', Effect: 'Deny', Action: [...ALL_PROTECTED_ACTIONS], Resource: '*' }],
  };
}

/**
 * RCP: client buckets and client keys (tagged `client-id`) refuse principals
 * outside the organization and requests without TLS. AWS services acting on
 * their own (CloudTrail, S3 log delivery) are exempt by
 * `aws:PrincipalIsAWSService`; services acting for a role of the
 * organization carry its organization.
 */
export function perimeterGuardrailDocument(organizationId: string, bucketArnPrefix: string): GuardrailDocument {
  const buckets = [`${bucketArnPrefix}*`];
  const outside = {
    StringNotEqualsIfExists: { 'aws:PrincipalOrgID': organizationId },
    BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
  };
  const clientKey = { Null: { [`aws:ResourceTag/${TAG_KEYS.clientId}`]: 'false' } };
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ClientBucketsInsideOrganization', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: buckets, Condition: outside },
      {
        Sid: 'ClientKeysInsideOrganization',
        Effect: 'Deny',
        Principal: '*',
        Action: 'kms:*',
        Resource: '*',
        Condition: { ...outside, ...clientKey },
      },
      {
        Sid: 'ClientBucketsOverTls',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: buckets,
        Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'ClientKeysOverTls',
        Effect: 'Deny',
        Principal: '*',
        Action: 'kms:*',
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' }, ...clientKey },
      },
    ],
  };
}

/**
 * The allowed regions of each client account. In organization mode the
 * clients of one account share one allowed set (a configuration check
 * refuses otherwise), so the first client's is the account's.
 */
export function clientAccountRegions(config: BaselineConfig): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const client of config.clients) {
    const account = new ClientNames(config.provider, client).account;
    if (!out.has(account)) out.set(account, [...client.regions.allowed].sort());
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

/** The accounts of `provider.accounts` (security, log archive, backup), sorted and without repeats. */
export function baselineAccounts(config: BaselineConfig): string[] {
  const accounts = config.provider.accounts ?? {};
  return [...new Set([accounts.security, accounts.logArchive, accounts.backup].filter((a): a is string => a !== undefined))].sort();
}

/** Every guardrail of a configuration in organization mode (`provider.guardrails`), or none. */
export function guardrailPlan(config: BaselineConfig): Guardrail[] {
  const { provider } = config;
  if (provider.guardrails !== true || provider.organizationId === undefined) return [];
  const regions = clientAccountRegions(config);
  const clientAccounts = [...regions.keys()];
  const guarded = [...new Set([...clientAccounts, ...baselineAccounts(config)])].sort();
  return [
    ...[...regions].map(([account, allowed]): Guardrail => ({
      name: regionGuardrailName(provider, account),
      type: 'SERVICE_CONTROL_POLICY',
      description: `Client account ${account}: no requests outside ${allowed.join(', ')} (global services exempt)`,
      document: regionGuardrailDocument(allowed),
      targetIds: [account],
    })),
    {
      name: protectionGuardrailName(provider),
      type: 'SERVICE_CONTROL_POLICY',
      description: 'No stopping the trail, disabling detection, deleting backups or leaving the organization',
      document: protectionGuardrailDocument(),
      targetIds: guarded,
    },
    {
      name: perimeterGuardrailName(provider),
      type: 'RESOURCE_CONTROL_POLICY',
      description: 'Client buckets and keys: principals of the organization only, TLS only',
      document: perimeterGuardrailDocument(provider.organizationId, clientBucketArnPrefix(provider)),
      targetIds: guarded,
    },
  ];
}
