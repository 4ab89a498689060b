/**
 * The public API of client-data-baseline: what `import ... from
 * 'client-data-baseline'` gives. Named exports only; everything else is
 * internal and may change in any release. The list is pinned by
 * `test/package/api.test.ts`.
 */

// One client's stores for a team's own stacks, and the constructs they are built from.
export {
  AccessLogBucket,
  AccountDetection,
  type AccountDetectionProps,
  type AccessLogBucketProps,
  AlertTopic,
  type AlertTopicProps,
  ClientAccess,
  type ClientAccessProps,
  ClientBackup,
  type ClientBackupProps,
  ClientBackupVault,
  type ClientBackupVaultProps,
  ClientDataBucket,
  type ClientDataBucketProps,
  ClientDataStore,
  type ClientDataStoreProps,
  ClientKey,
  type ClientKeyProps,
  ClientReplicaBucket,
  type ClientReplicaBucketProps,
  ClientReplicaStore,
  type ClientReplicaStoreProps,
  type ClientStoreProps,
  type DatasetReplication,
  type KeyErasure,
  ReplicaKeyArn,
  type ReplicaKeyArnProps,
  ReplicationRole,
  type ReplicationRoleProps,
  type ServiceRoleKeyUseProps,
} from './constructs';
// The policy checks: every pack, the stack limits, the isolation proof and the acknowledgements in one call.
export { ClientDataBaselineChecks, StackLimitsChecks } from './nag';
export { applyPolicyChecks, type PolicyCheckOptions } from './policy-checks';
export { TenantIsolationProof, type TenantIsolationProofProps } from './isolation';

// The whole baseline in a team's own app: load and validate a configuration, add its stacks.
export {
  type BaselineConfig,
  type Classification,
  type ClientConfig,
  ConfigError,
  type ConfigIssue,
  type DatasetConfig,
  type ProviderConfig,
  type Tier,
} from './model';
export { loadConfig, parseConfig, type SemanticCheckOptions } from './config';
export { addBaselineStacks, type BaselineOptions, type BaselineStacks, type ClientStacks } from './baseline';
export { AuditStack, BackupAuditStack, ClientDataStack, ClientReplicaStack } from './stacks';
