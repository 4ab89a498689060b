import { packFindings } from '../../../util';
import { clientBackup } from './fixtures';

describe('CDB-BackupRestoreTested (BKP-3.4-TESTING)', () => {
  const id = 'CDB-BackupRestoreTested';

  test('compliant: a restore testing selection per tier in a monthly plan', () => {
    expect(packFindings(id, (stack) => void clientBackup(stack, ['critical', 'non-essential']))).toEqual([]);
  });

  test('non-compliant 1: a plan without restore tests', () => {
    expect(
      packFindings(id, (stack) => {
        const b = clientBackup(stack, ['critical']);
        b.restoreTesting!.node.tryRemoveChild('Selection-critical');
      }),
    ).toEqual([`${id} Test/Backup/Plan-critical/Plan/Resource`]);
  });

  test('non-compliant 2: restore tests less often than quarterly', () => {
    expect(
      packFindings(id, (stack) => {
        const b = clientBackup(stack, ['critical']);
        b.restoreTesting!.plan.scheduleExpression = 'cron(0 5 1 1 ? *)'; // yearly
      }),
    ).toEqual([`${id} Test/Backup/Plan-critical/Plan/Resource`]);
  });
});
