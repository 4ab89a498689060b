/**
 * The permissions of each duty as plain IAM policy statements, generated from
 * one template per duty with the client's names filled in
 * (CDM-3.2-LEAST-PRIV, DP-ABAC). Plain JSON, so the configuration checks,
 * the constructs and the isolation proof share one source.
 *
 * - Customer-managed, explicit action lists (no wildcard actions).
 * - Data actions name the client's own bucket ARNs exactly (no wildcard resources).
 * - KMS keys cannot be named before they exist (key ids are random), so key
 *   statements name the client's account and regions (`key/*`) and require
 *   both the client's alias (`kms:ResourceAliases`) and its `client-id`
 *   resource tag; only key administrators can set either.
 */
import {
  KMS_AUDIT_ACTIONS,
  KMS_DECRYPT_ACTIONS,
  KMS_ENCRYPT_ACTIONS,
  S3_AUDIT_ACTIONS,
  S3_LOG_READ_ACTIONS,
  S3_PURGE_ACTIONS,
  S3_READ_ACTIONS,
  S3_WRITE_ACTIONS,
} from './actions';
import { type Duty, TAG_KEYS } from '../model';
import type { ClientScope } from './scope';

/** A plain IAM policy statement. */
export interface PolicyStatementJson {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** A role the baseline gives people: a duty, or break-glass. */
export type AccessRoleKind = Duty | 'break-glass';

/** S3 actions that act on a bucket rather than its objects. */
export function isBucketLevelS3Action(action: string): boolean {
  return (
    action.startsWith('s3:ListBucket') ||
    action.startsWith('s3:GetBucket') ||
    ['s3:GetEncryptionConfiguration', 's3:GetLifecycleConfiguration', 's3:GetReplicationConfiguration'].includes(action)
  );
}

const sorted = (items: Iterable<string>) => [...new Set(items)].sort();
const bucketArns = (names: readonly string[]) => sorted(names.map((n) => `arn:aws:s3:::${n}`));
const objectArns = (names: readonly string[]) => sorted(names.map((n) => `arn:aws:s3:::${n}/*`));

/** Key ARN patterns of the client's data keys, one per region. */
export function keyArnPatterns(scope: ClientScope): string[] {
  return sorted(scope.regions.map((region) => `arn:aws:kms:${region}:${scope.account}:key/*`));
}

/** The conditions that confine a `key/*` statement to the client's own keys. */
export function keyConditions(scope: ClientScope): Record<string, Record<string, string>> {
  return {
    'ForAnyValue:StringEquals': { 'kms:ResourceAliases': scope.keyAlias },
    StringEquals: { [`aws:ResourceTag/${TAG_KEYS.clientId}`]: scope.clientId },
  };
}

/** S3 data actions on the client's dataset buckets, split into bucket and object statements. */
function dataStatements(prefix: string, actions: readonly string[], scope: ClientScope): PolicyStatementJson[] {
  const bucket = sorted(actions.filter(isBucketLevelS3Action));
  const object = sorted(actions.filter((a) => !isBucketLevelS3Action(a)));
  return [
    ...(bucket.length > 0
      ? [{ Sid: `${prefix}Buckets`, Effect: 'Allow' as const, Action: bucket, Resource: bucketArns(scope.dataBucketNames) }]
      : []),
    ...(object.length > 0
      ? [{ Sid: `${prefix}Objects`, Effect: 'Allow' as const, Action: object, Resource: objectArns(scope.dataBucketNames) }]
      : []),
  ];
}

function keyStatement(sid: string, actions: readonly string[], scope: ClientScope): PolicyStatementJson {
  return { Sid: sid, Effect: 'Allow', Action: sorted(actions), Resource: keyArnPatterns(scope), Condition: keyConditions(scope) };
}

function logStatements(scope: ClientScope): PolicyStatementJson[] {
  return [
    { Sid: 'ReadAccessLogBuckets', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucketArns(scope.logBucketNames) },
    {
      Sid: 'ReadAccessLogObjects',
      Effect: 'Allow',
      Action: sorted(S3_LOG_READ_ACTIONS.filter((a) => !isBucketLevelS3Action(a))),
      Resource: objectArns(scope.logBucketNames),
    },
  ];
}

/** What each kind of role may do, as S3 and KMS action lists. */
export const ROLE_ACTIONS: Readonly<
  Record<
    AccessRoleKind,
    { readonly s3Data: readonly string[]; readonly s3Audit: readonly string[]; readonly kms: readonly string[]; readonly logs: boolean }
  >
> = {
  operator: { s3Data: [...S3_READ_ACTIONS, ...S3_WRITE_ACTIONS], s3Audit: [], kms: KMS_ENCRYPT_ACTIONS, logs: false },
  reader: { s3Data: S3_READ_ACTIONS, s3Audit: [], kms: KMS_DECRYPT_ACTIONS, logs: false },
  auditor: { s3Data: [], s3Audit: S3_AUDIT_ACTIONS, kms: KMS_AUDIT_ACTIONS, logs: true },
  'break-glass': {
    s3Data: [...S3_READ_ACTIONS, ...S3_WRITE_ACTIONS, ...S3_PURGE_ACTIONS],
    s3Audit: [],
    kms: KMS_ENCRYPT_ACTIONS,
    logs: false,
  },
};

/** The permissions of one role kind for a client. */
export function roleStatements(kind: AccessRoleKind, scope: ClientScope): PolicyStatementJson[] {
  const actions = ROLE_ACTIONS[kind];
  return [
    ...dataStatements('Data', actions.s3Data, scope),
    ...(actions.s3Audit.length > 0
      ? [
          {
            Sid: 'AuditBucketConfiguration',
            Effect: 'Allow' as const,
            Action: sorted(actions.s3Audit),
            Resource: bucketArns(scope.dataBucketNames),
          },
        ]
      : []),
    ...(actions.logs ? logStatements(scope) : []),
    keyStatement(kind === 'auditor' ? 'AuditKeys' : 'UseKeys', actions.kms, scope),
  ];
}

/**
 * The permission boundary of every role of a client: the union of what any
 * of its roles may do, on its resources only. A role's effective permissions
 * are the intersection of its own policy and this boundary, so even a
 * mistaken grant cannot leave the client (CDM-3.3-TENANT-ISOLATION).
 */
export function boundaryStatements(scope: ClientScope): PolicyStatementJson[] {
  const kinds = Object.values(ROLE_ACTIONS);
  const s3 = sorted(kinds.flatMap((k) => [...k.s3Data, ...k.s3Audit]));
  return [
    ...dataStatements('ClientData', s3, scope),
    ...logStatements(scope),
    keyStatement(
      'ClientKeys',
      kinds.flatMap((k) => k.kms),
      scope,
    ),
  ];
}
