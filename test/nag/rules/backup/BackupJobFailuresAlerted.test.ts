import * as sns from 'aws-cdk-lib/aws-sns';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { packFindings } from '../../../util';
import { clientBackup } from './fixtures';

describe('CDB-BackupJobFailuresAlerted (BKP-5-MONITOR)', () => {
  const id = 'CDB-BackupJobFailuresAlerted';

  test('compliant: backup, copy and restore failures go to the encrypted topic', () => {
    expect(packFindings(id, (stack) => void clientBackup(stack))).toEqual([]);
  });

  test('non-compliant 1: no alert rules', () => {
    expect(
      packFindings(id, (stack) => {
        const b = clientBackup(stack);
        b.node.tryRemoveChild('Alerts');
      }),
    ).toEqual([`${id} Test/Backup/Plan-critical/Plan/Resource`]);
  });

  test('non-compliant 2: restore failures not covered', () => {
    expect(
      packFindings(id, (stack) => {
        const b = clientBackup(stack);
        b.alerts.node.tryRemoveChild('RestoreFailures');
      }),
    ).toEqual([`${id} Test/Backup/Plan-critical/Plan/Resource`]);
  });

  test('non-compliant 3: alerts to an unencrypted topic', () => {
    expect(
      packFindings(id, (stack) => {
        const b = clientBackup(stack);
        b.node.tryRemoveChild('Alerts');
        const topic = new sns.Topic(stack, 'Plain');
        new events.Rule(stack, 'All', {
          eventPattern: {
            source: ['aws.backup'],
            detailType: ['Backup Job State Change', 'Copy Job State Change'],
            detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
          },
          targets: [new targets.SnsTopic(topic)],
        });
        new events.Rule(stack, 'Restore', {
          eventPattern: { source: ['aws.backup'], detailType: ['Restore Job State Change'], detail: { status: ['FAILED', 'ABORTED'] } },
          targets: [new targets.SnsTopic(topic)],
        });
      }),
    ).toEqual([`${id} Test/Backup/Plan-critical/Plan/Resource`]);
  });

  test('non-compliant 4: a filter that narrows job failures to one vault', () => {
    expect(
      packFindings(id, (stack) => {
        const b = clientBackup(stack);
        (b.alerts.jobRule.node.defaultChild as events.CfnRule).eventPattern = {
          source: ['aws.backup'],
          'detail-type': ['Backup Job State Change', 'Copy Job State Change'],
          detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'], backupVaultName: ['other'] },
        };
      }),
    ).toEqual([`${id} Test/Backup/Plan-critical/Plan/Resource`]);
  });
});
