import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConfigError } from '../../lib/model';
import { loadConfig, parseConfig } from '../../lib/config';
import { exampleRaw, issuesOf, variant } from '../util';

describe('configuration', () => {
  test('the example is valid and gets its defaults', () => {
    const config = parseConfig(exampleRaw());
    expect(config.clients.map((c) => c.id)).toEqual(['acme', 'globex', 'initech']);
    const initech = config.clients[2];
    expect(initech.datasets[0].classification).toBe('confidential');
    expect(initech.access).toEqual({ operators: ['arn:aws:iam::111111111111:role/initech-ops'], readers: [], auditors: [] });
    expect(initech.backup).toEqual({});
  });

  test('the example covers every classification, every tier and two jurisdictions', () => {
    const config = parseConfig(exampleRaw());
    const datasets = config.clients.flatMap((c) => c.datasets);
    expect(new Set(datasets.map((d) => d.classification))).toEqual(new Set(['confidential', 'pii', 'phi', 'pci', 'cui']));
    expect(new Set(datasets.map((d) => d.tier))).toEqual(new Set(['critical', 'important', 'non-essential']));
    expect(new Set(config.clients.map((c) => c.regions.primary.split('-')[0]))).toEqual(new Set(['eu', 'us']));
  });

  test.each<[string, (raw: any) => void, string]>([
    [
      'a missing account',
      (r) => delete r.provider.account,
      'provider.account: expected a 12-digit AWS account id in quotes, e.g. "111111111111" (received nothing)',
    ],
    [
      'an unquoted account (a YAML number)',
      (r) => (r.clients[1].account = 222222222222),
      'clients[1].account: expected a 12-digit AWS account id in quotes, e.g. "111111111111" (received 222222222222)',
    ],
    [
      'an account with 11 digits',
      (r) => (r.provider.account = '11111111111'),
      'provider.account: expected a 12-digit AWS account id in quotes, e.g. "111111111111" (received "11111111111")',
    ],
    [
      'an unknown region',
      (r) => (r.clients[0].regions.replica = 'eu-moon-1'),
      'clients[0].regions.replica: expected a known AWS region: one of',
    ],
    [
      'a replica outside the allowed regions',
      (r) => (r.clients[0].regions.replica = 'us-east-1'),
      'clients[0].regions.replica: client "acme": replica region is outside the client\'s allowed regions (allowed: [eu-west-1, eu-central-1]) (received "us-east-1")',
    ],
    [
      'a primary outside the allowed regions',
      (r) => (r.clients[1].regions.allowed = ['us-west-2']),
      'clients[1].regions.primary: client "globex": primary region is outside the client\'s allowed regions (allowed: [us-west-2]) (received "us-east-1")',
    ],
    [
      'a replica equal to the primary',
      (r) => (r.clients[2].regions.replica = 'eu-central-1'),
      'clients[2].regions.replica: client "initech": replica region must differ from the primary region "eu-central-1" (received "eu-central-1")',
    ],
    [
      'a duplicate client id',
      (r) => (r.clients[2].id = 'acme'),
      'clients[2].id: duplicate client id; clients[0] already uses it, ids must be unique (received "acme")',
    ],
    [
      'a duplicate dataset name',
      (r) => (r.clients[0].datasets[1].name = 'records'),
      'clients[0].datasets[1].name: duplicate dataset name in client "acme"; datasets[0] already uses it (received "records")',
    ],
    [
      'a misspelt field',
      (r) => (r.clients[0].datasets[0].retentiondays = 30),
      'clients[0].datasets[0].retentiondays: unknown field "retentiondays"; check the spelling against config/baseline.schema.json (received 30)',
    ],
    [
      'an unknown classification',
      (r) => (r.clients[0].datasets[0].classification = 'secret'),
      'clients[0].datasets[0].classification: expected one of confidential, pii, phi, pci, cui (received "secret")',
    ],
    [
      'a list of classifications in one dataset',
      (r) => (r.clients[0].datasets[0].classification = ['phi', 'pci']),
      'clients[0].datasets[0].classification: expected one of confidential, pii, phi, pci, cui (received ["phi","pci"])',
    ],
    [
      'an unknown tier',
      (r) => (r.clients[0].datasets[0].tier = 'gold'),
      'clients[0].datasets[0].tier: expected one of critical, important, non-essential (received "gold")',
    ],
    [
      'a missing tier',
      (r) => delete r.clients[0].datasets[0].tier,
      'clients[0].datasets[0].tier: expected one of critical, important, non-essential (received nothing)',
    ],
    [
      'a fractional retention',
      (r) => (r.clients[0].datasets[0].retentionDays = 1.5),
      'clients[0].datasets[0].retentionDays: expected a whole number of days (received 1.5)',
    ],
    [
      'an uppercase client id',
      (r) => (r.clients[0].id = 'Acme'),
      "clients[0].id: client id must be a lowercase slug: a-z, 0-9 and '-', starting with a letter, not ending with '-' (received \"Acme\")",
    ],
    ['no clients', (r) => (r.clients = []), 'clients: at least one client is required (received [])'],
    ['no alert email', (r) => (r.provider.alerts.emails = []), 'provider.alerts.emails: at least one alert email is required'],
    [
      'a bad alert email',
      (r) => (r.provider.alerts.emails = ['secops']),
      'provider.alerts.emails[0]: expected an email address (received "secops")',
    ],
    [
      'a principal that is not an IAM ARN',
      (r) => (r.clients[0].access.operators = ['acme-ops']),
      'clients[0].access.operators[0]: expected an IAM role, user or account root ARN "arn:aws:iam::<12-digit account>:role/<name>", e.g. "arn:aws:iam::111111111111:role/acme-ops" or "arn:aws:iam::111111111111:role/ops/acme-ops" (received "acme-ops")',
    ],
    [
      'a derived bucket name over 63 characters',
      (r) => (r.clients[0].datasets[0].name = 'patient-records-archive'),
      'clients[0].datasets[0].name: derived bucket name "precision-acme-patient-records-archive-111111111111-eu-central-1" is 64 characters; S3 allows at most 63',
    ],
    [
      'two clients whose derived names collide',
      (r) => {
        r.clients[1] = { ...r.clients[1], id: 'acme-records', account: undefined, regions: r.clients[0].regions };
        r.clients[1].datasets = [{ name: 'xy', tier: 'critical' }];
        r.clients[0].datasets[0].name = 'records-xy';
      },
      'derived bucket name collides with the one derived from',
    ],
  ])('%s is refused with a clear message', (_name, change, expected) => {
    const issues = issuesOf(variant(change));
    expect(issues.some((line) => line.startsWith(expected) || line.includes(expected))).toBe(true);
  });

  test('every problem is listed at once, with a count', () => {
    const raw = variant((r) => {
      r.provider.account = 'x';
      r.clients[0].datasets[0].tier = 'gold';
      r.clients[1].regions.replica = 'eu-moon-1';
    });
    try {
      parseConfig(raw, 'test.yaml');
      throw new Error('expected a ConfigError');
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message.split('\n')[0]).toBe('test.yaml has 3 issues:');
      expect((error as ConfigError).issues.map((i) => i.path)).toEqual([
        'provider.account',
        'clients[0].datasets[0].tier',
        'clients[1].regions.replica',
      ]);
    }
  });

  test('semantic checks run only once the shape is right, and then all of them', () => {
    const issues = issuesOf(
      variant((r) => {
        r.clients[2].id = 'acme';
        r.clients[0].regions.replica = 'eu-west-1';
      }),
    );
    expect(issues).toEqual([
      'clients[2].id: duplicate client id; clients[0] already uses it, ids must be unique (received "acme")',
      'clients[0].regions.replica: client "acme": replica region must differ from the primary region "eu-west-1" (received "eu-west-1")',
    ]);
  });

  describe('files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdb-config-'));

    test('a YAML syntax error names the line', () => {
      const file = join(dir, 'broken.yaml');
      writeFileSync(file, 'provider:\n  name: [unclosed\n');
      expect(() => loadConfig(file)).toThrow(/broken\.yaml has 1 issue:\n {2}- line \d+, column \d+: YAML syntax:/);
    });

    test('a missing file is a configuration error, not a crash', () => {
      expect(() => loadConfig(join(dir, 'nope.yaml'))).toThrow(
        /nope\.yaml has 1 issue:\n {2}- \(top level\): cannot read the file: no such file \(received ".*nope\.yaml"\)/,
      );
    });
  });
});
