import { type Stack } from 'aws-cdk-lib';
import type * as backup from 'aws-cdk-lib/aws-backup';
import { REPLICA_METADATA, type Tier } from '../../../../lib/internal';
import { AccessLogBucket, ClientDataBucket, ClientKey } from '../../../../lib/constructs/data';
import { ACCOUNT, clientBackup, clientStack } from './fixtures';
import { packFindings } from '../../../util';

/** A dataset bucket of acme in a tier. */
function dataset(stack: Stack, name: string, tier: Tier): ClientDataBucket {
  const key = stack.node.tryFindChild('DataKey') as ClientKey | undefined;
  const logs = stack.node.tryFindChild('Logs') as AccessLogBucket | undefined;
  return new ClientDataBucket(stack, `Dataset-${name}`, {
    bucketName: `precision-acme-${name}-${ACCOUNT}-eu-west-1`,
    clientId: 'acme',
    dataset: name,
    classification: 'confidential',
    tier,
    encryptionKey: key ?? new ClientKey(stack, 'DataKey', { clientId: 'acme', alias: 'alias/precision/acme/data' }),
    serverAccessLogsBucket: logs ?? new AccessLogBucket(stack, 'Logs', { bucketName: `precision-acme-${ACCOUNT}-eu-west-1-s3logs` }),
  });
}

describe('CDB-BackupDatasetSelected (BKP-2-TIERS)', () => {
  const id = 'CDB-BackupDatasetSelected';

  test('compliant: every dataset is selected by the plan of its tier', () => {
    expect(
      packFindings(id, (stack) => {
        clientStack(stack);
        dataset(stack, 'records', 'critical');
        dataset(stack, 'billing', 'important');
        clientBackup(stack, ['critical', 'important']);
      }),
    ).toEqual([]);
  });

  test('not applicable: buckets of a replica stack (copies of backed-up sources)', () => {
    expect(
      packFindings(id, (stack) => {
        clientStack(stack);
        stack.node.addMetadata(REPLICA_METADATA, 'eu-west-1');
        dataset(stack, 'records', 'critical');
      }),
    ).toEqual([]);
  });

  test('non-compliant 1: no backup selection at all', () => {
    expect(packFindings(id, (stack) => void dataset(stack, 'records', 'critical'))).toEqual([`${id} Test/Dataset-records/Resource`]);
  });

  test('non-compliant 2: only a plan of another tier', () => {
    expect(
      packFindings(id, (stack) => {
        clientStack(stack);
        dataset(stack, 'billing', 'important');
        clientBackup(stack, ['critical']);
      }),
    ).toEqual([`${id} Test/Dataset-billing/Resource`]);
  });

  test('non-compliant 3: a selection of the tier that requires another client’s id', () => {
    expect(
      packFindings(id, (stack) => {
        clientStack(stack);
        dataset(stack, 'records', 'critical');
        const b = clientBackup(stack, ['critical']);
        const selection = b.plans.critical.selection;
        selection.backupSelection = {
          ...(selection.backupSelection as backup.CfnBackupSelection.BackupSelectionResourceTypeProperty),
          conditions: {
            StringEquals: [
              { ConditionKey: 'aws:ResourceTag/client-id', ConditionValue: 'globex' },
              { ConditionKey: 'aws:ResourceTag/tier', ConditionValue: 'critical' },
            ],
          },
        };
      }),
    ).toEqual([`${id} Test/Dataset-records/Resource`]);
  });
});
