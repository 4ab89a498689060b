/**
 * Stable logical ids: changing one client never replaces or removes another
 * client's stateful resources, and changes nothing outside the touched client
 * except what `ALLOWED_CROSS_CLIENT_CHANGES` lists (see the README's "Scale and
 * safety" section). Generic over resource types: the stateful types come from
 * the policy pack's rule, so resources added later are covered.
 */
import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import type { BaselineConfig } from '../../lib/model';
import { STATEFUL_TYPES } from '../../lib/nag/rules/general/StatefulResourceRetained';
import { generated, type SynthStack, synthTemplates } from './synth';

/** Resource types that must never be replaced or removed for another client's change. */
const PROTECTED_TYPES: readonly string[] = [...STATEFUL_TYPES, 'AWS::CloudTrail::Trail', 'AWS::Events::Archive'];

/**
 * Changes allowed outside the touched client, each with its reason (the same
 * list is in the README). A stack matches by artifact id; `types` lists the
 * resource types that may change in it; `comesAndGoes` lets the whole stack
 * appear or disappear.
 */
export const ALLOWED_CROSS_CLIENT_CHANGES: readonly {
  readonly stack: RegExp;
  readonly types: readonly string[];
  readonly comesAndGoes?: boolean;
  readonly reason: string;
}[] = [
  {
    stack: /^backup-audit-/,
    types: [],
    comesAndGoes: true,
    reason:
      'One Backup Audit Manager framework per account and primary region that holds client stores: it appears with the first client there and goes with the last. It holds no data (BKP-6-AUDIT).',
  },
  {
    stack: /^detection-/,
    types: [],
    comesAndGoes: true,
    reason:
      'One detection stack per account and region that holds client data (GuardDuty, Config, Security Hub, Access Analyzer, Macie allow one per account and region): it appears with the first client there and goes with the last (DP-THREAT-DETECTION, DP-POSTURE).',
  },
  {
    stack: /^audit$/,
    types: ['AWS::S3::BucketPolicy', 'AWS::KMS::Key'],
    reason:
      'The log archive and its key admit Backup Audit Manager reports, and the configuration history bucket and the key admit AWS Config, from every account with clients: a client in a new account adds its account to these policies (updated in place, never replaced).',
  },
];

const comesAndGoes = (id: string) => ALLOWED_CROSS_CLIENT_CHANGES.some((a) => a.comesAndGoes && a.stack.test(id));

/** One problem found when comparing two syntheses. */
type Problem = string;

/** Compares the stacks of two syntheses; `touched` clients may change freely (but not lose stateful resources unless removed). */
function compare(
  before: Map<string, SynthStack>,
  after: Map<string, SynthStack>,
  touched: ReadonlySet<string>,
  removed: ReadonlySet<string> = new Set(),
): Problem[] {
  const problems: Problem[] = [];
  for (const [id, old] of before) {
    const current = after.get(id);
    if (current === undefined) {
      if ((old.client === undefined || !removed.has(old.client)) && !comesAndGoes(id)) problems.push(`${id}: stack disappeared`);
      continue;
    }
    const diff = fullDiff(old.template, current.template);
    const isTouched = old.client !== undefined && touched.has(old.client);
    const allowed = ALLOWED_CROSS_CLIENT_CHANGES.filter((a) => a.stack.test(id)).flatMap((a) => a.types);
    diff.resources.forEachDifference((logicalId, change) => {
      const type = change.oldResourceType ?? change.newResourceType ?? '?';
      const destructive =
        change.isRemoval ||
        [ResourceImpact.WILL_REPLACE, ResourceImpact.MAY_REPLACE, ResourceImpact.WILL_DESTROY, ResourceImpact.WILL_ORPHAN].includes(
          change.changeImpact,
        );
      if (PROTECTED_TYPES.includes(type) && destructive) problems.push(`${id}/${logicalId} (${type}): ${change.changeImpact}`);
      else if (!isTouched && !allowed.includes(type))
        problems.push(`${id}/${logicalId} (${type}): changed (${change.changeImpact}) outside the touched client`);
    });
    if (!isTouched) {
      for (const section of ['outputs', 'parameters', 'conditions', 'mappings', 'metadata'] as const) {
        if (diff[section].differenceCount > 0) problems.push(`${id}: ${section} changed outside the touched client`);
      }
    }
  }
  for (const [id, stack] of after) {
    if (!before.has(id) && (stack.client === undefined || !touched.has(stack.client)) && !comesAndGoes(id))
      problems.push(`${id}: new stack outside the touched client`);
  }
  return problems;
}

describe('stable logical ids across configuration changes', () => {
  const base: BaselineConfig = generated(6);
  const baseline = synthTemplates(base).stacks;
  const vary = (change: (config: BaselineConfig) => BaselineConfig) => synthTemplates(change(structuredClone(base))).stacks;

  test('the base configuration has stateful resources of every kind it builds, in every client', () => {
    const clients = new Set([...baseline.values()].map((s) => s.client).filter((c) => c !== undefined));
    expect(clients.size).toBe(6);
    const types = new Set([...baseline.values()].flatMap((s) => Object.values(s.template.Resources).map((r: any) => r.Type)));
    expect([...types].filter((t) => PROTECTED_TYPES.includes(t)).sort()).toEqual([
      'AWS::Backup::BackupVault',
      'AWS::CloudTrail::Trail',
      'AWS::KMS::Key',
      'AWS::Logs::LogGroup',
      'AWS::S3::Bucket',
    ]);
  });

  test('a client added: nothing else changes', () => {
    const extra = generated(7).clients[6];
    const after = vary((c) => ({ ...c, clients: [...c.clients, extra] }));
    expect(compare(baseline, after, new Set([extra.id]))).toEqual([]);
    expect([...after.keys()].filter((k) => !baseline.has(k) && !comesAndGoes(k)).sort()).toEqual([
      `${extra.id}-data`,
      `${extra.id}-replica`,
    ]);
  });

  test('a client removed: only its own stacks go (their stateful resources are retained by policy)', () => {
    const gone = base.clients[2].id;
    const after = vary((c) => ({ ...c, clients: c.clients.filter((x) => x.id !== gone) }));
    expect(compare(baseline, after, new Set([gone]), new Set([gone]))).toEqual([]);
    expect([...baseline.keys()].filter((k) => !after.has(k) && !comesAndGoes(k)).sort()).toEqual([`${gone}-data`, `${gone}-replica`]);
    for (const id of [`${gone}-data`, `${gone}-replica`]) {
      for (const resource of Object.values(baseline.get(id)!.template.Resources) as any[]) {
        if (STATEFUL_TYPES.includes(resource.Type)) expect(resource.DeletionPolicy).toBe('Retain');
      }
    }
  });

  test('clients reordered: byte-identical templates', () => {
    const after = vary((c) => ({ ...c, clients: [...c.clients].reverse() }));
    expect(compare(baseline, after, new Set())).toEqual([]);
    for (const [id, stack] of baseline) expect(JSON.stringify(after.get(id)!.template)).toBe(JSON.stringify(stack.template));
  });

  test('a dataset added to one client: only that client changes, and only by additions', () => {
    const target = base.clients[1];
    const after = vary((c) => {
      c.clients[1].datasets.push({ name: 'newdata', classification: 'pii', tier: 'important' });
      return c;
    });
    expect(compare(baseline, after, new Set([target.id]))).toEqual([]);
    const data = fullDiff(baseline.get(`${target.id}-data`)!.template, after.get(`${target.id}-data`)!.template);
    const impacts: string[] = [];
    data.resources.forEachDifference((_logicalId, change) => impacts.push(`${change.newResourceType} ${change.changeImpact}`));
    // The new bucket, its policy, its replication and backup (a first 'important' dataset brings that tier's
    // plan, widens the vault lock and adds a restore test), its alarm, and the roles' policies that name it;
    // its malware protection plan with its role and policy, the key admitting that role, and the client's
    // malware alert rule naming the new bucket too.
    expect(impacts.sort()).toEqual([
      'AWS::Backup::BackupPlan WILL_CREATE',
      'AWS::Backup::BackupSelection WILL_CREATE',
      'AWS::Backup::BackupVault WILL_UPDATE',
      'AWS::Backup::RestoreTestingSelection WILL_CREATE',
      'AWS::CloudWatch::Alarm WILL_CREATE',
      'AWS::Events::Rule WILL_UPDATE',
      'AWS::GuardDuty::MalwareProtectionPlan WILL_CREATE',
      'AWS::IAM::ManagedPolicy WILL_CREATE',
      ...Array(5).fill('AWS::IAM::ManagedPolicy WILL_UPDATE'),
      'AWS::IAM::Role WILL_CREATE',
      'AWS::KMS::Key WILL_UPDATE',
      'AWS::S3::Bucket WILL_CREATE',
      'AWS::S3::BucketPolicy WILL_CREATE',
      'AWS::S3::BucketPolicy WILL_UPDATE',
    ]);
  });

  test('a tier changed on one dataset: that bucket is updated in place, nothing replaced', () => {
    const target = base.clients[3];
    const after = vary((c) => {
      const dataset = c.clients[3].datasets[0];
      dataset.tier = dataset.tier === 'critical' ? 'important' : 'critical';
      return c;
    });
    expect(compare(baseline, after, new Set([target.id]))).toEqual([]);
    const data = fullDiff(baseline.get(`${target.id}-data`)!.template, after.get(`${target.id}-data`)!.template);
    const impacts: string[] = [];
    data.resources.forEachDifference((logicalId, change) =>
      impacts.push(`${logicalId.replace(/[0-9A-F]{8}$/, '')} ${change.changeImpact}`),
    );
    // The bucket's tier tag changes in place; the client's only dataset of the old tier leaves it, so that tier's
    // plan goes and the new tier's comes (recovery points stay in the vault, whose lock bounds follow).
    expect(impacts.sort()).toEqual(
      [
        'BackupAlertsNoBackupWithinRpo WILL_UPDATE',
        'BackupPlancriticalPlan WILL_CREATE',
        'BackupPlancriticalSelection WILL_CREATE',
        'BackupPlanimportantPlan WILL_DESTROY',
        'BackupPlanimportantSelection WILL_DESTROY',
        'BackupRestoreTestingSelectioncritical WILL_CREATE',
        'BackupRestoreTestingSelectionimportant WILL_DESTROY',
        'BackupVault WILL_UPDATE',
        `Dataset${base.clients[3].datasets[0].name} WILL_UPDATE`,
      ].sort(),
    );
    expect(impacts.filter((i) => i.startsWith('Dataset') && !i.endsWith('WILL_UPDATE'))).toEqual([]);
  });

  test('the comparison catches a replaced bucket and a change outside the touched client', () => {
    const after = vary((c) => c);
    const [id, stack] = [...after].find(([, s]) => s.client === base.clients[0].id)!;
    const resources = stack.template.Resources;
    const [bucketId] = Object.entries(resources).find(([, r]: any) => r.Type === 'AWS::S3::Bucket')!;
    resources[bucketId] = { ...resources[bucketId], Properties: { ...(resources[bucketId] as any).Properties, BucketName: 'renamed' } };
    const [topicId] = Object.entries(resources).find(([, r]: any) => r.Type === 'AWS::SNS::Topic')!;
    (resources[topicId] as any).Properties.DisplayName = 'changed';
    const problems = compare(baseline, after, new Set());
    expect(problems).toContain(`${id}/${bucketId} (AWS::S3::Bucket): WILL_REPLACE`);
    expect(problems).toContain(`${id}/${topicId} (AWS::SNS::Topic): changed (WILL_UPDATE) outside the touched client`);
    expect(compare(baseline, after, new Set([base.clients[0].id]))).toEqual([`${id}/${bucketId} (AWS::S3::Bucket): WILL_REPLACE`]);
  });
});
