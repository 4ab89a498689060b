/**
 * One client's names come from one object, `ClientNames`, derived once per
 * client; the stacks pass theirs to the stores and the stores to the access.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ClientAccess, ClientDataStore, ConfigError, parseConfig } from '../../lib';
import { addBaselineStacks, ClientNames } from '../../lib/internal';
import { exampleConfig, plainApp } from '../util';

const config = parseConfig(
  {
    provider: { name: 'myteam', account: '111111111111', homeRegion: 'eu-west-1', alerts: { emails: ['oncall@example.com'] } },
    clients: [
      {
        id: 'acme',
        name: 'Acme Health',
        regions: { primary: 'eu-west-1', replica: 'eu-central-1', allowed: ['eu-west-1', 'eu-central-1'] },
        datasets: [{ name: 'records', classification: 'phi', tier: 'non-essential' }],
      },
      {
        id: 'globex',
        name: 'Globex',
        account: '222222222222',
        regions: { primary: 'eu-west-1', replica: 'eu-central-1', allowed: ['eu-west-1', 'eu-central-1'] },
        datasets: [{ name: 'ledger', classification: 'confidential', tier: 'important' }],
      },
    ],
  },
  'test',
);
const [acme, globex] = config.clients;

describe('ClientNames', () => {
  const names = new ClientNames(config.provider, acme);

  test('fixed names', () => {
    expect(names).toMatchObject({
      provider: 'myteam',
      clientId: 'acme',
      account: '111111111111',
      dataStack: 'myteam-acme-data',
      replicaStack: 'myteam-acme-replica',
      backupCopyStack: 'myteam-acme-backup-copy',
      dataStackDescription: 'Data stores of client acme (Acme Health) - client-data-baseline',
      replicaStackDescription: 'Replica data stores of client acme (Acme Health) - client-data-baseline',
      keyAlias: 'alias/myteam/acme/data',
      backupVault: 'myteam-acme-backup',
      backupKeyAlias: 'alias/myteam/acme/backup',
      backupRole: 'myteam-acme-backup',
      backupRoleArn: 'arn:aws:iam::111111111111:role/myteam-acme-backup',
      restoreTestingPlan: 'myteam_acme_restore',
      replicationRole: 'myteam-acme-s3-replication',
      replicationRoleArn: 'arn:aws:iam::111111111111:role/myteam-acme-s3-replication',
      breakGlassRole: 'myteam-acme-break-glass',
      boundary: 'myteam-acme-boundary',
    });
  });

  test('parameterised names', () => {
    expect(names.datasetBucket('records', 'eu-west-1')).toBe('myteam-acme-records-111111111111-eu-west-1');
    expect(names.datasetBucketArn('records', 'eu-central-1')).toBe('arn:aws:s3:::myteam-acme-records-111111111111-eu-central-1');
    expect(names.accessLogBucket('eu-west-1')).toBe('myteam-acme-111111111111-eu-west-1-s3logs');
    expect(names.backupVaultArn('eu-central-1')).toBe('arn:aws:backup:eu-central-1:111111111111:backup-vault:myteam-acme-backup');
    expect(names.backupCopyVaultArn('333333333333', 'eu-central-1')).toBe(
      'arn:aws:backup:eu-central-1:333333333333:backup-vault:myteam-acme-backup',
    );
    expect(names.backupPlan('non-essential')).toBe('myteam-acme-nonessential');
    expect(names.dutyRole('reader')).toBe('myteam-acme-reader');
    expect(names.dutyPolicy('break-glass')).toBe('myteam-acme-break-glass-access');
    expect(names.kmsKeyArnPrefix('eu-west-1')).toBe('arn:aws:kms:eu-west-1:111111111111:key/');
  });

  test("a client's own account wins over the provider's", () => {
    expect(new ClientNames(config.provider, globex).account).toBe('222222222222');
  });

  test('the baseline derives them once per client: its stacks and stores share one object', () => {
    const stacks = addBaselineStacks(plainApp(), exampleConfig());
    for (const { data, replica } of Object.values(stacks.clients)) {
      expect(data.names).toBe(replica.names);
      expect(data.store.names).toBe(data.names);
      expect(replica.store.names).toBe(replica.names);
    }
  });

  test("a store or access given another client's names is refused", () => {
    const stack = new Stack(new App(), 'Data', { env: { account: '111111111111', region: 'eu-west-1' } });
    const wrong = new ClientNames(config.provider, globex);
    expect(() => new ClientDataStore(stack, 'Acme', { provider: config.provider, client: acme, names: wrong })).toThrow(ConfigError);
    expect(() => new ClientDataStore(stack, 'Acme2', { provider: config.provider, client: acme, names: wrong })).toThrow(
      /clients\[acme\]\.id: the names given to Data\/Acme2 must be the names of client acme.*received "globex"/,
    );
    const alertTopic = new sns.Topic(stack, 'Alerts');
    expect(
      () => new ClientAccess(stack, 'Access', { provider: config.provider, client: acme, names: wrong, alertTopic, region: 'eu-west-1' }),
    ).toThrow(/names given are those of client globex, not of client acme/);
  });
});
