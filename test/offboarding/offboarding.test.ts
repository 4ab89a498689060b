import { RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  addBaselineStacks,
  applyPolicyChecks,
  buildReport,
  createApp,
  erasureRecords,
  OFFBOARDING_DEFAULTS,
  reportSections,
  summarize,
} from '../../lib/internal';
import { ClientKey } from '../../lib/constructs/data';
import { FIXED_NOW, offboardingExample, packFindings, refusalOf, synthBaseline } from '../util';

const config = offboardingExample;

/** The issue lines of the offboarding example with a change (empty when valid). */
const issues = (change: (r: any) => void): string[] => refusalOf(() => config(change));

const initech = (r: any) => r.clients[2];

describe('offboarding configuration (CDM-3.7-DISPOSAL)', () => {
  test('the example parses with its offboarding', () => {
    expect(config().clients[2].offboarding).toEqual({
      requested: '2026-12-01',
      erasureAfterDays: 30,
      approvedBy: 'jane@example.com',
      ticket: 'CHG-2001',
      exportUntil: '2026-11-30',
    });
  });

  test('a pending window outside KMS’s 7 to 30 days is refused', () => {
    for (const days of [6, 31]) {
      expect(issues((r) => (initech(r).offboarding.erasureAfterDays = days))).toEqual([
        `clients[2].offboarding.erasureAfterDays: expected 7 to 30 days (KMS's key deletion pending window) (received ${days})`,
      ]);
    }
  });

  test('dates must be ISO dates; approver and ticket are required; no unknown fields', () => {
    const lines = issues((r) => {
      initech(r).offboarding = { requested: '1 Dec 2026', erasureAfterDays: 30, ticket: 'CHG 2001', exportUntil: '2026-13-01', by: 'x' };
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        'clients[2].offboarding.requested: expected an ISO date, e.g. "2026-11-20" (received "1 Dec 2026")',
        'clients[2].offboarding.exportUntil: expected an ISO date, e.g. "2026-12-01" (received "2026-13-01")',
        expect.stringMatching(/^clients\[2\]\.offboarding\.approvedBy: offboarding needs the approver/),
        expect.stringMatching(/^clients\[2\]\.offboarding\.ticket: expected a change ticket of letters/),
        'clients[2].offboarding.by: unknown field "by"; check the spelling against config/baseline.schema.json (received "x")',
      ]),
    );
    expect(lines).toHaveLength(5);
  });

  test('the export window must close by the requested day', () => {
    expect(issues((r) => (initech(r).offboarding.exportUntil = '2026-12-02'))).toEqual([
      'clients[2].offboarding.exportUntil: client "initech": the export window must close by the day the erasure is requested; allowed: on or before 2026-12-01 (received "2026-12-02")',
    ]);
  });

  test('an erasure a compliance-mode vault lock contradicts is refused, naming the earliest erasure date', () => {
    // non-essential keeps recovery points 35 days by default: locked in compliance mode, they outlive requested + 30 days.
    expect(issues((r) => (initech(r).backup = { vaultLock: { mode: 'compliance' } }))).toEqual([
      expect.stringMatching(
        /^clients\[2\]\.offboarding\.requested: client "initech": erasure on 2026-12-31 \(requested \+ 30 days\) would destroy data early: the compliance-mode vault lock keeps recovery points made up to 2026-12-01 for \d+ days\. Erasure can happen on \d{4}-\d{2}-\d{2} at the earliest; allowed: requested on or after \d{4}-\d{2}-\d{2} \(remove the stacks then\) \(received "2026-12-01"\)$/,
      ),
    ]);
  });

  test('a governance-mode lock does not block the approved erasure', () => {
    expect(issues((r) => (initech(r).backup = { vaultLock: { mode: 'governance' } }))).toEqual([]);
  });
});

describe('an offboarding client’s stacks (CDM-3.7-DISPOSAL)', () => {
  let data: Template;
  let replica: Template;
  let kept: Template;
  let stacks: ReturnType<typeof synthBaseline>['stacks'];
  beforeAll(() => {
    const built = synthBaseline(config());
    stacks = built.stacks;
    data = built.template(stacks.clients.initech.data);
    replica = built.template(stacks.clients.initech.replica);
    kept = built.template(stacks.clients.acme.data);
  });

  test('every key of the client is deleted with its stack after the pending window, tagged with the ticket', () => {
    for (const template of [data, replica]) {
      const keys = template.findResources('AWS::KMS::Key', {
        Properties: { Tags: Match.arrayWith([{ Key: OFFBOARDING_DEFAULTS.keyTag, Value: 'CHG-2001' }]) },
      });
      expect(Object.keys(keys).sort()).toEqual(
        template === data
          ? ['BackupVaultKeyA286A54F', 'DataKey17AFBB84']
          : [expect.stringMatching(/^BackupCopyVaultKey/), expect.stringMatching(/^ReplicaKey/)],
      );
      // The alert topic's key holds no client data: it stays retained.
      expect(Object.keys(template.findResources('AWS::KMS::Key', { DeletionPolicy: 'Retain' }))).toEqual([
        expect.stringMatching(/^AlertsKey/),
      ]);
      for (const key of Object.values(keys)) {
        expect(key).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
        expect(key.Properties.PendingWindowInDays).toBe(30);
        expect(key.Properties.Tags).toEqual(expect.arrayContaining([{ Key: OFFBOARDING_DEFAULTS.keyTag, Value: 'CHG-2001' }]));
      }
    }
  });

  test('buckets and vaults stay retained; other clients’ keys stay retained', () => {
    for (const template of [data, replica]) {
      for (const type of ['AWS::S3::Bucket', 'AWS::Backup::BackupVault']) {
        for (const r of Object.values(template.findResources(type))) {
          expect(r).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
        }
      }
    }
    for (const key of Object.values(kept.findResources('AWS::KMS::Key'))) {
      expect(key).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      expect(key.Properties.Tags).not.toEqual(expect.arrayContaining([expect.objectContaining({ Key: OFFBOARDING_DEFAULTS.keyTag })]));
    }
  });

  test('replication stops: no replication configuration, no replication alarm', () => {
    data.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'precision-initech-archive-222222222222-eu-central-1',
      ReplicationConfiguration: Match.absent(),
    });
    expect(data.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: Match.stringLikeRegexp('Replication') } })).toEqual({});
    expect(kept.findResources('AWS::S3::Bucket', { Properties: { ReplicationConfiguration: Match.anyValue() } })).not.toEqual({});
    expect(kept.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'OperationsFailedReplication' } })).not.toEqual({});
  });

  test('new backups stop: no plans, selections or restore tests; the vault stays', () => {
    data.resourceCountIs('AWS::Backup::BackupPlan', 0);
    data.resourceCountIs('AWS::Backup::BackupSelection', 0);
    data.resourceCountIs('AWS::Backup::RestoreTestingPlan', 0);
    data.resourceCountIs('AWS::Backup::BackupVault', 1);
    replica.resourceCountIs('AWS::Backup::BackupVault', 1);
    kept.resourceCountIs('AWS::Backup::BackupSelection', 1);
  });

  test('people lose data access: no operator role; readers keep a read-only export role until exportUntil; the auditor stays', () => {
    const roles = data.findResources('AWS::IAM::Role', {
      Properties: { Tags: Match.arrayWith([{ Key: 'duty', Value: Match.anyValue() }]) },
    });
    const duties = Object.values(roles)
      .map((r: any) => r.Properties.Tags.find((t: { Key: string }) => t.Key === 'duty').Value)
      .sort();
    expect(duties).toEqual(['auditor', 'export']);
    const exportPolicy = Object.values(
      data.findResources('AWS::IAM::ManagedPolicy', { Properties: { ManagedPolicyName: Match.stringLikeRegexp('reader') } }),
    )[0] as any;
    const statements = exportPolicy.Properties.PolicyDocument.Statement;
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.Condition.DateLessThan).toEqual({ 'aws:CurrentTime': '2026-11-30T00:00:00Z' });
      expect(statement.Action).not.toEqual(expect.arrayContaining(['s3:PutObject', 'kms:GenerateDataKey']));
    }
    const auditorPolicy = Object.values(
      data.findResources('AWS::IAM::ManagedPolicy', { Properties: { ManagedPolicyName: Match.stringLikeRegexp('auditor') } }),
    )[0] as any;
    for (const statement of auditorPolicy.Properties.PolicyDocument.Statement) expect(statement.Condition?.DateLessThan).toBeUndefined();
  });

  test('any use of the client’s keys alerts its topic', () => {
    for (const [template, keyPrefix] of [
      [data, 'DataKey'],
      [replica, 'ReplicaKey'],
    ] as const) {
      const keyIds = Object.keys(
        template.findResources('AWS::KMS::Key', {
          Properties: { Tags: Match.arrayWith([{ Key: OFFBOARDING_DEFAULTS.keyTag, Value: 'CHG-2001' }]) },
        }),
      );
      expect(keyIds.some((id) => id.startsWith(keyPrefix))).toBe(true);
      const rules = template.findResources('AWS::Events::Rule', { Properties: { EventPattern: { source: ['aws.kms'] } } });
      expect(Object.values(rules)).toHaveLength(1);
      const rule = Object.values(rules)[0] as any;
      expect(rule.Properties.State).toBe('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
      expect(rule.Properties.EventPattern.detail).toEqual({
        eventSource: ['kms.amazonaws.com'],
        resources: { ARN: keyIds.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })) },
      });
      expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: { Ref: expect.stringMatching(/^AlertsTopic/) } })]);
    }
  });

  test('the erasure record lists the client’s keys, dates, approver and ticket', () => {
    const app = stacks.clients.initech.data.node.root;
    expect(erasureRecords(config(), app)).toEqual({
      erasures: [
        {
          client: 'initech',
          account: '222222222222',
          requested: '2026-12-01',
          erasureAfterDays: 30,
          erasureDate: '2026-12-31',
          approvedBy: 'jane@example.com',
          ticket: 'CHG-2001',
          exportUntil: '2026-11-30',
          keys: [
            {
              path: 'initech-data/Default/Backup/Vault/Key',
              alias: 'alias/precision/initech/backup',
              account: '222222222222',
              region: 'eu-central-1',
              pendingWindowDays: 30,
            },
            {
              path: 'initech-data/Default/DataKey',
              alias: 'alias/precision/initech/data',
              account: '222222222222',
              region: 'eu-central-1',
              pendingWindowDays: 30,
            },
            {
              path: 'initech-replica/Default/BackupCopyVault/Key',
              alias: 'alias/precision/initech/backup',
              account: '222222222222',
              region: 'eu-west-1',
              pendingWindowDays: 30,
            },
            {
              path: 'initech-replica/Default/ReplicaKey',
              alias: 'alias/precision/initech/data',
              account: '222222222222',
              region: 'eu-west-1',
              pendingWindowDays: 30,
            },
          ],
        },
      ],
    });
  });
});

describe('StatefulResourceRetained and offboarding (CDM-3.7-DISPOSAL)', () => {
  const id = 'CDB-StatefulResourceRetained';
  const offboard = (stack: Stack, ticket = 'CHG-2001') =>
    stack.node.addMetadata(OFFBOARDING_DEFAULTS.metadata, { requested: '2026-12-01', erasureAfterDays: 30, approvedBy: 'j', ticket });
  const erasable = (stack: Stack) =>
    new ClientKey(stack, 'Key', { clientId: 'acme', alias: 'alias/p/acme/data', erasure: { pendingWindowDays: 30, ticket: 'CHG-2001' } });

  test('compliant: a key of an offboarding client tagged with its ticket may be deleted', () => {
    expect(packFindings(id, (stack) => (offboard(stack), erasable(stack)), 'acme')).toEqual([]);
  });

  test('non-compliant 1: a deletable key in a stack that is not offboarding', () => {
    expect(packFindings(id, (stack) => erasable(stack), 'acme')).toEqual([`${id} Test/Key/Resource`]);
  });

  test('non-compliant 2: a deletable key whose tag names another ticket', () => {
    expect(packFindings(id, (stack) => (offboard(stack, 'CHG-9999'), erasable(stack)), 'acme')).toEqual([`${id} Test/Key/Resource`]);
  });

  test('non-compliant 3: an untagged deletable key of an offboarding client', () => {
    expect(
      packFindings(
        id,
        (stack) => {
          offboard(stack);
          new kms.Key(stack, 'Key', { removalPolicy: RemovalPolicy.DESTROY, enableKeyRotation: true });
        },
        'acme',
      ),
    ).toEqual([`${id} Test/Key/Resource`]);
  });

  test('non-compliant 4: a deletable bucket is never excepted, even when offboarding and tagged', () => {
    expect(
      packFindings(
        id,
        (stack) => {
          offboard(stack);
          const bucket = new s3.Bucket(stack, 'Bucket', { removalPolicy: RemovalPolicy.DESTROY });
          Tags.of(bucket).add(OFFBOARDING_DEFAULTS.keyTag, 'CHG-2001');
        },
        'acme',
      ),
    ).toEqual([`${id} Test/Bucket/Resource`]);
  });

  test('a key erasure outside KMS’s pending window range is refused', () => {
    const stack = new Stack();
    expect(() => new ClientKey(stack, 'Key', { clientId: 'a', alias: 'alias/a', erasure: { pendingWindowDays: 31, ticket: 'T' } })).toThrow(
      "'pendingWindow' value must between 7 and 30 days. Received: 31",
    );
  });
});

describe('S3DatasetReplicated and offboarding (CDM-3.7-DISPOSAL)', () => {
  const id = 'CDB-S3DatasetReplicated';
  const offboarded = (stack: Stack) =>
    stack.node.addMetadata(OFFBOARDING_DEFAULTS.metadata, {
      requested: '2026-12-01',
      erasureAfterDays: 30,
      approvedBy: 'j',
      ticket: 'T-1',
    });
  const dataset = (stack: Stack, replicating: boolean) => {
    const bucket = new s3.CfnBucket(stack, 'Dataset', {
      versioningConfiguration: { status: 'Enabled' },
      replicationConfiguration: replicating
        ? { role: 'arn:aws:iam::111111111111:role/r', rules: [{ status: 'Enabled', destination: { bucket: 'arn:aws:s3:::elsewhere' } }] }
        : undefined,
    });
    Tags.of(bucket).add('dataset', 'records');
  };

  test('compliant: an offboarding client’s dataset bucket replicates nothing', () => {
    expect(packFindings(id, (stack) => (offboarded(stack), dataset(stack, false)), 'acme')).toEqual([]);
  });

  test('non-compliant: an offboarding client’s dataset bucket still replicates', () => {
    expect(packFindings(id, (stack) => (offboarded(stack), dataset(stack, true)), 'acme')).toEqual([`${id} Test/Dataset`]);
  });

  test('a client in service still must replicate', () => {
    expect(packFindings(id, (stack) => dataset(stack, false), 'acme')).toEqual([`${id} Test/Dataset`]);
  });
});

describe('the offboarding example with every check on', () => {
  test('synthesizes with every pack and no finding, and the report carries the erasure record', () => {
    const app = createApp({ context: { now: FIXED_NOW.toISOString() } });
    const cfg = config();
    addBaselineStacks(app, cfg);
    applyPolicyChecks(app);
    const assembly = app.synth();
    const report = buildReport(cfg, app, assembly);
    expect(report.findings).toEqual([]);
    expect(report.schemaVersion).toBe('1.2.0');
    expect(report.erasures?.map((e) => [e.client, e.ticket, e.keys.length])).toEqual([['initech', 'CHG-2001', 4]]);
    const section = reportSections(report).find((s) => s.title === 'Erasures');
    expect(section?.rows).toEqual([
      [
        'initech',
        '222222222222',
        'CHG-2001',
        'jane@example.com',
        '2026-12-01',
        '2026-12-31',
        '2026-11-30',
        expect.stringContaining('alias/precision/initech/data (initech-data/Default/DataKey, eu-central-1, 30 days)'),
      ],
    ]);
    expect(summarize(report, [])).toContain(
      'erasure:          initech (CHG-2001): 4 keys deleted 30 days after its stacks are removed, on 2026-12-31 at the earliest',
    );
    expect(
      report.stacks
        .filter((s) => s.account === '222222222222')
        .map((s) => s.name)
        .sort(),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/globex/), expect.stringMatching(/initech/)]));
  });
});
