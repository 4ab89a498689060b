/**
 * One client's stores in a team's own stacks (not the baseline's client
 * stacks): an app with no feature flags and no context, as a consumer's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  AccessLogBucket,
  AccountDetection,
  applyPolicyChecks,
  ClientDataBaselineChecks,
  ClientDataBucket,
  ClientDataStore,
  ClientKey,
  ClientReplicaStore,
  ConfigError,
  parseConfig,
} from '../../lib';
import { PACK_RULES, TIER_POLICIES } from '../../lib/internal';

const config = parseConfig(
  {
    provider: { name: 'myteam', account: '111111111111', homeRegion: 'eu-west-1', alerts: { emails: ['oncall@example.com'] } },
    clients: [
      {
        id: 'acme',
        name: 'Acme Health',
        regions: { primary: 'eu-west-1', replica: 'eu-central-1', allowed: ['eu-west-1', 'eu-central-1'] },
        datasets: [{ name: 'records', classification: 'phi', tier: 'critical' }],
      },
    ],
  },
  'test',
);
const [acme] = config.clients;
const env = (region: string) => ({ account: '111111111111', region });

/**
 * A consumer's app: its own stacks, the stores with construct id `Acme`;
 * with `detection`, the detection of each account and region beside them.
 */
function consumerApp(detection = false) {
  const app = new App();
  const replicas = new Stack(app, 'TeamReplicas', { env: env('eu-central-1') });
  const data = new Stack(app, 'TeamData', { env: env('eu-west-1') });
  data.addStackDependency(replicas, 'the data stack replicates into the replica buckets');
  const replica = new ClientReplicaStore(replicas, 'Acme', { provider: config.provider, client: acme });
  const store = new ClientDataStore(data, 'Acme', { provider: config.provider, client: acme });
  if (detection) {
    new AccountDetection(replicas, 'Detection', { provider: config.provider, recordsGlobalTypes: false });
    new AccountDetection(data, 'Detection', { provider: config.provider, recordsGlobalTypes: true });
  }
  return { app, replicas, data, replica, store };
}

/** The findings of this baseline's pack in an app, as `<rule> <path>` lines. */
function findings(app: App): string[] {
  app.synth();
  return new ClientDataBaselineChecks()
    .validateScope(app)
    .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`))
    .sort();
}

describe('ClientDataStore and ClientReplicaStore in a consumer’s stacks', () => {
  test('synthesize with every check on and no finding (no feature flags needed)', () => {
    const { app } = consumerApp(true);
    applyPolicyChecks(app);
    const assembly = app.synth(); // throws on any finding
    // The isolation proof covered the store's client: its service roles are in the access matrix.
    const matrix = JSON.parse(readFileSync(join(assembly.directory, 'access-matrix.json'), 'utf8')) as {
      principals: { principal: string; client: string | null }[];
    };
    expect(matrix.principals.filter((p) => p.client === 'acme').map((p) => p.principal)).toEqual(
      expect.arrayContaining([
        'arn:aws:iam::111111111111:role/myteam-acme-backup',
        'arn:aws:iam::111111111111:role/myteam-acme-s3-replication',
      ]),
    );
  });

  test('the data store: key, bucket replicating with the replica key, backup selection of its tier, recovery objectives', () => {
    const { data } = consumerApp();
    const t = Template.fromStack(data);
    t.resourceCountIs('AWS::S3::Bucket', 2); // the dataset and its access logs
    t.resourceCountIs('AWS::KMS::Key', 3); // data key, backup vault key, alert topic key
    t.resourceCountIs('AWS::Backup::BackupSelection', 1);
    t.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Data key of client acme',
      EnableKeyRotation: true,
      Tags: Match.arrayWith([{ Key: 'client-id', Value: 'acme' }]),
    });
    t.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketName: 'myteam-acme-records-111111111111-eu-west-1',
        ReplicationConfiguration: Match.objectLike({
          Rules: [
            Match.objectLike({
              Status: 'Enabled',
              Destination: Match.objectLike({ Bucket: 'arn:aws:s3:::myteam-acme-records-111111111111-eu-central-1' }),
            }),
          ],
        }),
        Tags: Match.arrayWith([
          { Key: 'client-id', Value: 'acme' },
          { Key: 'rto-hours', Value: String(TIER_POLICIES.critical.rtoHours) },
          { Key: 'tier', Value: 'critical' },
        ]),
      }),
    });
    t.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Conditions: {
          StringEquals: Match.arrayWith([
            { ConditionKey: 'aws:ResourceTag/client-id', ConditionValue: 'acme' },
            { ConditionKey: 'aws:ResourceTag/tier', ConditionValue: 'critical' },
          ]),
        },
      }),
    });
    // Logical ids derive from the consumer's construct id.
    expect(Object.keys(t.findResources('AWS::KMS::Key', { Properties: { Description: 'Data key of client acme' } }))).toEqual([
      expect.stringMatching(/^AcmeDataKey[0-9A-F]{8}$/),
    ]);
  });

  test('the replica store: replica key, replica bucket, copy vault; records the client and its allowed regions', () => {
    const { replicas, replica } = consumerApp();
    const t = Template.fromStack(replicas);
    t.resourceCountIs('AWS::S3::Bucket', 2);
    t.resourceCountIs('AWS::Backup::BackupVault', 1);
    t.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/myteam/acme/data' });
    expect(replica.node.metadata.map((m) => [m.type, m.data])).toEqual(
      expect.arrayContaining([
        ['cdb:client-id', 'acme'],
        ['cdb:allowed-regions', ['eu-central-1', 'eu-west-1']],
        ['cdb:replica-of', 'eu-west-1'],
      ]),
    );
  });

  test('a store in a stack of another account or region is refused, every problem listed', () => {
    const app = new App();
    const wrong = new Stack(app, 'Wrong', { env: { account: '999999999999', region: 'us-east-1' } });
    let error: unknown;
    try {
      new ClientDataStore(wrong, 'Acme', { provider: config.provider, client: acme });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      {
        path: 'clients[acme].account',
        message: "the stack of Wrong/Acme must be in the client's account 111111111111 (env.account)",
        received: '999999999999',
      },
      {
        path: 'clients[acme].regions.primary',
        message: 'the stack of Wrong/Acme must be in this region, eu-west-1 (env.region)',
        received: 'us-east-1',
      },
    ]);
    const agnostic = new Stack(app, 'Agnostic');
    expect(() => new ClientReplicaStore(agnostic, 'Acme', { provider: config.provider, client: acme })).toThrow(
      /clients\[acme\]\.account: .*received "an environment-agnostic stack"/,
    );
  });
});

describe('a lone ClientDataBucket in a consumer’s stack', () => {
  /** The bucket with its key and access logs, and (unless `detection` is false) the detection of its account and region. */
  const lone = (detection = true) => {
    const app = new App({ context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
    const stack = new Stack(app, 'MyTeam', { env: env('eu-west-1') });
    if (detection) new AccountDetection(stack, 'Detection', { provider: config.provider, recordsGlobalTypes: true });
    const key = new ClientKey(stack, 'Key', { clientId: 'acme', alias: 'alias/myteam/acme' });
    const logs = new AccessLogBucket(stack, 'Logs', { bucketName: 'myteam-acme-logs-111111111111-eu-west-1' });
    new ClientDataBucket(stack, 'Records', {
      bucketName: 'myteam-acme-records-111111111111-eu-west-1',
      clientId: 'acme',
      dataset: 'records',
      classification: 'phi',
      tier: 'critical',
      encryptionKey: key,
      serverAccessLogsBucket: logs,
    });
    return app;
  };

  test('is encrypted with a key of its client (CDB-S3ClientKeyEncryption reads the key’s own tag, not the stack’s)', () => {
    expect(findings(lone()).filter((f) => f.startsWith('CDB-S3ClientKeyEncryption'))).toEqual([]);
  });

  test('is refused only the controls a store meets: replication, backup selection, recovery time objective, malware scanning', () => {
    expect(findings(lone())).toEqual([
      'CDB-BackupDatasetSelected MyTeam/Records/Resource',
      'CDB-BackupRtoRecorded MyTeam/Records/Resource',
      'CDB-S3DatasetMalwareScanned MyTeam/Records/Resource',
      'CDB-S3DatasetReplicated MyTeam/Records/Resource',
    ]);
  });

  test('without an AccountDetection in its account and region, is refused the detection controls too', () => {
    expect(findings(lone(false))).toEqual([
      'CDB-AccessAnalyzerCoversClientData MyTeam/Records/Resource',
      'CDB-BackupDatasetSelected MyTeam/Records/Resource',
      'CDB-BackupRtoRecorded MyTeam/Records/Resource',
      'CDB-GuardDutyCoversClientData MyTeam/Records/Resource',
      'CDB-MacieCoversClientData MyTeam/Records/Resource',
      'CDB-PostureCoversClientData MyTeam/Records/Resource',
      'CDB-S3DatasetMalwareScanned MyTeam/Records/Resource',
      'CDB-S3DatasetReplicated MyTeam/Records/Resource',
    ]);
  });

  test('those findings name the construct that meets them', () => {
    const explanation = (name: string) => PACK_RULES.find((r) => r.rule.name === name)!.explanation;
    expect(explanation('S3DatasetReplicated')).toContain('ClientDataStore replicates each dataset into the ClientReplicaStore');
    expect(explanation('BackupDatasetSelected')).toContain('ClientDataStore selects each of its dataset buckets');
    expect(explanation('BackupRtoRecorded')).toContain('ClientDataStore and ClientReplicaStore tag each dataset');
    expect(explanation('S3DatasetMalwareScanned')).toContain('ClientDataStore and ClientReplicaStore scan each of their dataset buckets');
    for (const rule of [
      'GuardDutyCoversClientData',
      'PostureCoversClientData',
      'AccessAnalyzerCoversClientData',
      'MacieCoversClientData',
    ]) {
      expect(explanation(rule)).toContain('add one AccountDetection to a stack of each account and region with client data');
    }
  });

  test('passes every check once those findings are acknowledged with a reason (the README’s way)', () => {
    const app = lone();
    applyPolicyChecks(app);
    const bucket = app.node.findChild('MyTeam').node.findChild('Records');
    const ids = [
      'CDB-S3DatasetReplicated',
      'CDB-BackupDatasetSelected',
      'CDB-BackupRtoRecorded',
      'CDB-S3DatasetMalwareScanned',
      'HIPAA.Security-S3BucketReplicationEnabled',
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'PCI.DSS.321-S3BucketReplicationEnabled',
    ];
    for (const id of ids)
      Validations.of(bucket.node.defaultChild!).acknowledge({
        id,
        reason: 'Replicated, backed up and scanned by the team’s own pipeline (CHG-42).',
      });
    expect(() => app.synth()).not.toThrow();
  });

  test('fails the synth with an unacknowledged finding', () => {
    const app = lone();
    applyPolicyChecks(app);
    expect(() => app.synth()).toThrow();
  });
});
