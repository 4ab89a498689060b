import { Duration, type Stack, Tags } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AccessLogBucket, ClientDataBucket, ClientKey } from '../../lib/constructs/data';
import { AlertTopic } from '../../lib/constructs/alerts';
import { ClientBackup, ClientBackupVault } from '../../lib/constructs/backup';
import { effectiveTier, parseConfig, REPLICA_METADATA, RESIDENCY_METADATA, type Tier, tierRules, vaultLockTerms } from '../../lib/internal';
import { exampleRaw, packFindings } from '../util';

const ACCOUNT = '111111111111';
const COPY_VAULT = `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:precision-acme-backup`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/precision-acme-backup`;
const acme = parseConfig(exampleRaw()).clients[0];

/** A client stack: tagged with the client's id and its allowed regions recorded. */
function clientStack(stack: Stack, allowed = ['eu-central-1', 'eu-west-1']): void {
  Tags.of(stack).add('client-id', 'acme');
  stack.node.addMetadata(RESIDENCY_METADATA, allowed);
}

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

/** The baseline's backups of acme for some tiers. */
function clientBackup(stack: Stack, tiers: Tier[] = ['critical']): ClientBackup {
  const terms = tiers.map((t) => effectiveTier(acme, t));
  const retentions = terms.flatMap((t) => tierRules(t).map((r) => r.retentionDays));
  const [min, max] = [Math.min(...retentions), Math.max(...retentions)];
  return new ClientBackup(stack, 'Backup', {
    clientId: 'acme',
    tiers: terms,
    lock: { mode: 'governance', minRetentionDays: min, maxRetentionDays: max > min ? max : undefined },
    names: {
      vault: 'precision-acme-backup',
      plans: Object.fromEntries(tiers.map((t) => [t, `precision-acme-${t}`])),
      vaultKeyAlias: 'alias/precision/acme/backup',
      role: 'precision-acme-backup',
      restoreTestingPlan: 'precision_acme_restore',
    },
    copyVaultArn: COPY_VAULT,
    copyRegion: 'eu-central-1',
    alertTopic: new AlertTopic(stack, 'Alerts', { emails: ['secops@example.com'] }).topic,
  });
}

/** A plain L2 plan tagged with a tier, for the cases the baseline's constructs refuse to build. */
function taggedPlan(stack: Stack, tier: string, rule: backup.BackupPlanRuleProps): backup.BackupPlan {
  const vault = backup.BackupVault.fromBackupVaultArn(stack, `Vault${tier}`, `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-vault:v`);
  const plan = new backup.BackupPlan(stack, `Plan-${tier}`, { backupVault: vault, backupPlanRules: [new backup.BackupPlanRule(rule)] });
  Tags.of(plan).add('tier', tier);
  return plan;
}

const copyTo = (stack: Stack, arn: string, days: number) => [
  {
    destinationBackupVault: backup.BackupVault.fromBackupVaultArn(stack, `Copy${arn.length}${days}`, arn),
    deleteAfter: Duration.days(days),
  },
];

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

describe('CDB-BackupVaultCmkEncrypted (BKP-3.3-METHOD)', () => {
  const id = 'CDB-BackupVaultCmkEncrypted';
  const vault = (stack: Stack) =>
    new ClientBackupVault(stack, 'Copy', {
      vaultName: 'precision-acme-backup',
      clientId: 'acme',
      keyAlias: 'alias/precision/acme/backup',
      lock: vaultLockTerms(acme),
      backupRoleArn: ROLE,
    });

  test('compliant: the client vault with its own rotating key', () => {
    expect(packFindings(id, (stack) => void vault(stack))).toEqual([]);
  });

  test('non-compliant 1: the AWS-managed backup key', () => {
    expect(packFindings(id, (stack) => void new backup.BackupVault(stack, 'Vault'))).toEqual([`${id} Test/Vault/Resource`]);
  });

  test('non-compliant 2: another client’s key', () => {
    expect(
      packFindings(id, (stack) => {
        const v = vault(stack);
        Tags.of(v.vault).add('client-id', 'acme');
        Tags.of(v.key).add('client-id', 'globex');
      }),
    ).toEqual([`${id} Test/Copy/Vault/Resource`]);
  });

  test('non-compliant 3: a key without rotation', () => {
    expect(
      packFindings(id, (stack) => {
        const v = vault(stack);
        (v.key.node.defaultChild as unknown as { enableKeyRotation: boolean }).enableKeyRotation = false;
      }),
    ).toEqual([`${id} Test/Copy/Vault/Resource`]);
  });
});

describe('CDB-BackupVaultLocked (BKP-IMMUTABLE)', () => {
  const id = 'CDB-BackupVaultLocked';

  test('compliant: governance lock and deletion denied; a compliance lock with 3 days of grace', () => {
    expect(
      packFindings(id, (stack) => {
        new ClientBackupVault(stack, 'Governance', {
          vaultName: 'governed',
          clientId: 'acme',
          keyAlias: 'alias/g',
          lock: { mode: 'governance', minRetentionDays: 30, maxRetentionDays: 90 },
          backupRoleArn: ROLE,
        });
        new ClientBackupVault(stack, 'Compliance', {
          vaultName: 'compliant',
          clientId: 'acme',
          keyAlias: 'alias/c',
          lock: { mode: 'compliance', minRetentionDays: 30, changeableForDays: 3 },
          backupRoleArn: ROLE,
        });
      }),
    ).toEqual([]);
  });

  test('non-compliant 1: no lock', () => {
    expect(packFindings(id, (stack) => void new backup.BackupVault(stack, 'Vault', { blockRecoveryPointDeletion: true }))).toEqual([
      `${id} Test/Vault/Resource`,
    ]);
  });

  test('non-compliant 2: a lock but deleting recovery points is not denied', () => {
    expect(
      packFindings(id, (stack) => void new backup.BackupVault(stack, 'Vault', { lockConfiguration: { minRetention: Duration.days(30) } })),
    ).toEqual([`${id} Test/Vault/Resource`]);
  });

  test('non-compliant 3: a grace period under the 3 days AWS requires', () => {
    expect(
      packFindings(id, (stack) => {
        const v = new backup.BackupVault(stack, 'Vault', {
          blockRecoveryPointDeletion: true,
          lockConfiguration: { minRetention: Duration.days(30) },
        });
        (v.node.defaultChild as backup.CfnBackupVault).lockConfiguration = { minRetentionDays: 30, changeableForDays: 1 };
      }),
    ).toEqual([`${id} Test/Vault/Resource`]);
  });
});

describe('CDB-BackupCopyCrossRegion (BKP-3.5-OFFSITE)', () => {
  const id = 'CDB-BackupCopyCrossRegion';
  const rule = (stack: Stack, arn?: string): backup.BackupPlanRuleProps => ({
    ruleName: 'r',
    scheduleExpression: events.Schedule.expression('cron(0 3 * * ? *)'),
    deleteAfter: Duration.days(30),
    copyActions: arn === undefined ? undefined : copyTo(stack, arn, 30),
  });

  test('compliant: every rule copies to an allowed other region', () => {
    expect(
      packFindings(id, (stack) => {
        clientStack(stack);
        clientBackup(stack, ['critical', 'important']);
      }),
    ).toEqual([]);
  });

  test('non-compliant 1: a rule without a copy', () => {
    expect(packFindings(id, (stack) => void taggedPlan(stack, 'critical', rule(stack)))).toEqual([`${id} Test/Plan-critical/Resource`]);
  });

  test('non-compliant 2: a copy in the same region', () => {
    expect(
      packFindings(id, (stack) => void taggedPlan(stack, 'critical', rule(stack, `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-vault:v2`))),
    ).toEqual([`${id} Test/Plan-critical/Resource`]);
  });

  test('non-compliant 3: a copy to a region outside the client’s allowed regions', () => {
    expect(
      packFindings(id, (stack) => {
        clientStack(stack);
        taggedPlan(stack, 'critical', rule(stack, `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:v`));
      }),
    ).toEqual([`${id} Test/Plan-critical/Resource`]);
  });
});

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

describe('CDB-BackupPlanMeetsTier (BKP-3.1, BKP-3.2, BKP-4.1)', () => {
  const id = 'CDB-BackupPlanMeetsTier';
  const plan = (stack: Stack, tier: string, schedule: string, days: number, extra: Partial<backup.BackupPlanRuleProps> = {}) =>
    void taggedPlan(stack, tier, {
      ruleName: 'r',
      scheduleExpression: events.Schedule.expression(schedule),
      startWindow: Duration.hours(1),
      deleteAfter: Duration.days(days),
      copyActions: copyTo(stack, COPY_VAULT, days),
      ...extra,
    });

  test('compliant: the baseline’s plans, and a plan on the tier’s floor', () => {
    expect(
      packFindings(id, (stack) => {
        clientBackup(stack, ['critical', 'important', 'non-essential']);
        plan(stack, 'non-essential', 'cron(0 3 1,15 * ? *)', 180);
      }),
    ).toEqual([]);
  });

  test('non-compliant 1: a calendar-monthly schedule against the 30-day RPO (31-day gap)', () => {
    expect(packFindings(id, (stack) => plan(stack, 'non-essential', 'cron(0 3 1 * ? *)', 180))).toEqual([
      `${id} Test/Plan-non-essential/Resource`,
    ]);
  });

  test('non-compliant 2: a weekly schedule with the default 8-hour start window against the 7-day RPO', () => {
    expect(packFindings(id, (stack) => plan(stack, 'important', 'cron(0 3 ? * SUN *)', 90, { startWindow: undefined }))).toEqual([
      `${id} Test/Plan-important/Resource`,
    ]);
  });

  test('non-compliant 3: retention under the tier’s', () => {
    expect(packFindings(id, (stack) => plan(stack, 'important', 'cron(0 3 ? * SUN,WED *)', 60))).toEqual([
      `${id} Test/Plan-important/Resource`,
    ]);
  });

  test('non-compliant 4: a copy kept shorter than the tier’s retention', () => {
    expect(
      packFindings(id, (stack) => plan(stack, 'critical', 'cron(0 3 * * ? *)', 30, { copyActions: copyTo(stack, COPY_VAULT, 7) })),
    ).toEqual([`${id} Test/Plan-critical/Resource`]);
  });

  test('non-compliant 5: cold storage with less than 90 days left', () => {
    expect(
      packFindings(id, (stack) =>
        plan(stack, 'non-essential', 'cron(0 3 1,15 * ? *)', 180, { moveToColdStorageAfter: Duration.days(120) }),
      ),
    ).toEqual([`${id} Test/Plan-non-essential/Resource`]);
  });

  test('non-compliant 6: an unknown tier', () => {
    expect(packFindings(id, (stack) => plan(stack, 'gold', 'cron(0 3 * * ? *)', 30))).toEqual([`${id} Test/Plan-gold/Resource`]);
  });
});
