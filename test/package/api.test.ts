/**
 * The public API: the names `lib/index.ts` exports, values and types. A name
 * added or removed here is a change of the package's API (CHANGELOG.md).
 */
import { join } from 'node:path';
import * as ts from 'typescript';
import * as api from '../../lib';

const ENTRY = join(__dirname, '..', '..', 'lib', 'index.ts');

/** Every name the entry point exports, types included, from the type checker. */
function exportedNames(): string[] {
  const program = ts.createProgram([ENTRY], { strict: true, skipLibCheck: true, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!;
  return checker
    .getExportsOfModule(module)
    .map((s) => s.getName())
    .sort();
}

const VALUES = [
  'AccessLogBucket',
  'AccountDetection',
  'AlertTopic',
  'AuditStack',
  'BackupAuditStack',
  'ClientAccess',
  'ClientBackup',
  'ClientBackupVault',
  'ClientDataBaselineChecks',
  'ClientDataBucket',
  'ClientDataStack',
  'ClientDataStore',
  'ClientKey',
  'ClientReplicaBucket',
  'ClientReplicaStack',
  'ClientReplicaStore',
  'ConfigError',
  'ReplicaKeyArn',
  'ReplicationRole',
  'StackLimitsChecks',
  'TenantIsolationProof',
  'addBaselineStacks',
  'applyPolicyChecks',
  'loadConfig',
  'parseConfig',
];

const TYPES = [
  'AccessLogBucketProps',
  'AccountDetectionProps',
  'AlertTopicProps',
  'BaselineConfig',
  'BaselineOptions',
  'BaselineStacks',
  'Classification',
  'ClientAccessProps',
  'ClientBackupProps',
  'ClientBackupVaultProps',
  'ClientConfig',
  'ClientDataBucketProps',
  'ClientDataStoreProps',
  'ClientKeyProps',
  'ClientReplicaBucketProps',
  'ClientReplicaStoreProps',
  'ClientStacks',
  'ClientStoreProps',
  'ConfigIssue',
  'DatasetConfig',
  'DatasetReplication',
  'KeyErasure',
  'PolicyCheckOptions',
  'ProviderConfig',
  'ReplicaKeyArnProps',
  'ReplicationRoleProps',
  'SemanticCheckOptions',
  'ServiceRoleKeyUseProps',
  'Tier',
  'TenantIsolationProofProps',
];

describe('public API (lib/index.ts)', () => {
  test('exports exactly these names, values and types', () => {
    expect(exportedNames()).toEqual([...VALUES, ...TYPES].sort());
  });

  test('exports exactly these values at run time (no mutable state, no helpers)', () => {
    expect(Object.keys(api).sort()).toEqual([...VALUES].sort());
  });

  test('re-exports by name only: no `export *`', () => {
    const source = ts.sys.readFile(ENTRY)!;
    expect(source).not.toMatch(/export \*/);
  });
});
