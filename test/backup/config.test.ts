import { parseConfig, vaultLockTerms } from '../../lib/internal';
import { issuesOf, variant } from '../util';

describe('backup terms in the configuration', () => {
  test('tightening overrides are accepted', () => {
    const config = parseConfig(
      variant((r) => {
        r.clients[0].backup = {
          critical: { retentionDays: 35, schedule: 'cron(0 */12 * * ? *)', rpoHours: 24, rtoHours: 24 },
          important: { moveToColdStorageAfterDays: 30, retentionDays: 120 },
        };
      }),
    );
    expect(config.clients[0].backup.critical).toEqual({ retentionDays: 35, schedule: 'cron(0 */12 * * ? *)', rpoHours: 24, rtoHours: 24 });
  });

  test.each<[string, (raw: any) => void, string[]]>([
    [
      'a shorter retention (loosening)',
      (r) => (r.clients[0].backup = { critical: { retentionDays: 14 } }),
      [
        `clients[0].backup.critical.retentionDays: client "acme", tier critical (datasets: records): keeps recovery points 14 days, shorter than the policy's 30 days; an agreement may only lengthen retention (BKP-3.2-RETENTION) (received 14)`,
      ],
    ],
    [
      'a less frequent schedule (loosening) that also breaks the RPO',
      (r) => (r.clients[0].backup = { critical: { schedule: 'cron(0 3 ? * MON,THU *)' } }),
      [
        `clients[0].backup.critical.schedule: client "acme", tier critical (datasets: records): schedule leaves up to 96 h (4 d) between backups, less often than the tier's schedule "cron(0 3 * * ? *)" (at most 24 h, policy: daily); an agreement may only back up more often (BKP-3.1-FREQUENCY) (received "cron(0 3 ? * MON,THU *)")`,
        `clients[0].backup.critical.schedule: client "acme", tier critical (datasets: records): schedule "cron(0 3 ? * MON,THU *)" leaves up to 96 h (4 d) between backups, plus a 1 h start window = 97 h, over the RPO of 48 h (2 d) (BKP-4.1-RPO) (received "cron(0 3 ? * MON,THU *)")`,
      ],
    ],
    [
      'a calendar-monthly schedule for the non-essential tier (31-day gap > 30-day RPO)',
      (r) => (r.clients[2].backup = { 'non-essential': { schedule: 'cron(0 3 1 * ? *)' } }),
      [
        `clients[2].backup.non-essential.schedule: client "initech", tier non-essential (datasets: archive): schedule leaves up to 744 h (31 d) between backups, less often than the tier's schedule "cron(0 3 1,15 * ? *)" (at most 408 h (17 d), policy: monthly); an agreement may only back up more often (BKP-3.1-FREQUENCY) (received "cron(0 3 1 * ? *)")`,
        `clients[2].backup.non-essential.schedule: client "initech", tier non-essential (datasets: archive): schedule "cron(0 3 1 * ? *)" leaves up to 744 h (31 d) between backups, plus a 1 h start window = 745 h, over the RPO of 720 h (30 d) (BKP-4.1-RPO) (received "cron(0 3 1 * ? *)")`,
      ],
    ],
    [
      'a tighter RPO the tier schedule cannot meet',
      (r) => (r.clients[0].backup = { important: { rpoHours: 72 } }),
      [
        `clients[0].backup.important.rpoHours: client "acme", tier important (datasets: billing): schedule "cron(0 3 ? * SUN,WED *)" leaves up to 96 h (4 d) between backups, plus a 1 h start window = 97 h, over the RPO of 72 h (3 d) (BKP-4.1-RPO) (received 72)`,
      ],
    ],
    [
      'a longer RPO and RTO (loosening)',
      (r) => (r.clients[1].backup = { critical: { rpoHours: 72, rtoHours: 96 } }),
      [
        `clients[1].backup.critical.rpoHours: client "globex", tier critical (datasets: customers): RPO 72 h (3 d) is longer than the policy's 48 h (2 d); an agreement may only shorten it (BKP-4.1-RPO) (received 72)`,
        `clients[1].backup.critical.rtoHours: client "globex", tier critical (datasets: customers): RTO 96 h (4 d) is longer than the policy's 48 h (2 d); an agreement may only shorten it (BKP-4.2-RTO) (received 96)`,
      ],
    ],
    [
      'a schedule more often than hourly',
      (r) => (r.clients[0].backup = { critical: { schedule: 'cron(0/30 * * * ? *)' } }),
      [
        `clients[0].backup.critical.schedule: client "acme", tier critical (datasets: records): schedule runs 30 minutes apart; AWS Backup runs a rule at most once an hour (received "cron(0/30 * * * ? *)")`,
      ],
    ],
    [
      'an unparsable schedule',
      (r) => (r.clients[0].backup = { critical: { schedule: 'cron(daily)' } }),
      [
        `clients[0].backup.critical.schedule: client "acme", tier critical (datasets: records): schedule "cron(daily)" is not valid AWS cron: expression: expected 6 fields separated by single spaces (minutes hours day-of-month month day-of-week year), found 1 (received "cron(daily)")`,
      ],
    ],
    [
      'cold storage under the 90-day minimum',
      (r) => (r.clients[0].backup = { important: { moveToColdStorageAfterDays: 30 } }),
      [
        `clients[0].backup.important.moveToColdStorageAfterDays: client "acme", tier important (datasets: billing): recovery points move to cold storage after 30 days but are kept only 90 days; AWS Backup keeps cold recovery points at least 90 days, so retention must be at least 120 days (received 30)`,
      ],
    ],
    [
      'a vault lock minimum above a rule’s retention',
      (r) => (r.clients[0].backup = { vaultLock: { minRetentionDays: 60 } }),
      [
        `clients[0].backup.vaultLock.minRetentionDays: client "acme", tier critical (datasets: records): rule critical-snapshot keeps recovery points 30 days, below the vault lock's minimum of 60 days; AWS Backup would fail every job (BKP-IMMUTABLE) (received 60)`,
        `clients[0].backup.vaultLock.minRetentionDays: client "acme", tier critical (datasets: records): rule critical-continuous keeps recovery points 30 days, below the vault lock's minimum of 60 days; AWS Backup would fail every job (BKP-IMMUTABLE) (received 60)`,
      ],
    ],
    [
      'a vault lock maximum below a rule’s retention',
      (r) => (r.clients[2].backup = { vaultLock: { maxRetentionDays: 90, minRetentionDays: 7 } }),
      [
        `clients[2].backup.vaultLock.maxRetentionDays: client "initech", tier non-essential (datasets: archive): rule non-essential-snapshot keeps recovery points 180 days, above the vault lock's maximum of 90 days; AWS Backup would fail every job (BKP-IMMUTABLE) (received 90)`,
      ],
    ],
    [
      'a grace period on a governance lock',
      (r) => (r.clients[0].backup = { vaultLock: { changeableForDays: 3 } }),
      [
        `clients[0].backup.vaultLock.changeableForDays: client "acme": changeableForDays applies to compliance mode only; a governance lock has no grace period (set mode: compliance to make the lock immutable, BKP-IMMUTABLE) (received 3)`,
      ],
    ],
    [
      'a compliance lock with less than 3 days of grace',
      (r) => (r.clients[0].backup = { vaultLock: { mode: 'compliance', changeableForDays: 1 } }),
      ['clients[0].backup.vaultLock.changeableForDays: expected at least 3 days (received 1)'],
    ],
    [
      'an unknown tier in the overrides',
      (r) => (r.clients[0].backup = { gold: {} }),
      ['clients[0].backup.gold: unknown field "gold"; check the spelling against config/baseline.schema.json (received {})'],
    ],
    [
      'a replica (backup copy) region outside the allowed regions',
      (r) => (r.clients[0].regions.replica = 'us-east-1'),
      [
        `clients[0].regions.replica: client "acme": replica region is outside the client's allowed regions (allowed: [eu-west-1, eu-central-1]) (received "us-east-1")`,
      ],
    ],
  ])('%s fails with its message', (_, change, expected) => {
    expect(issuesOf(variant(change))).toEqual(expected);
  });

  test('many clients in one account and region are fine: the backup audit framework is shared (BKP-6-AUDIT)', () => {
    const raw = variant((r) => {
      const acme = r.clients[0];
      r.clients = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ ...structuredClone(acme), id: `acme${n}` }));
    });
    expect(parseConfig(raw).clients).toHaveLength(10);
  });

  test('the vault lock is governance by default, bounded by the rules; compliance only when asked', () => {
    const config = parseConfig(
      variant((r) => {
        r.clients[2].backup = { vaultLock: { mode: 'compliance' } };
      }),
    );
    expect(vaultLockTerms(config.clients[0])).toEqual({ mode: 'governance', minRetentionDays: 30, maxRetentionDays: 90 });
    expect(vaultLockTerms(config.clients[2])).toEqual({ mode: 'compliance', minRetentionDays: 180, changeableForDays: 3 });
  });
});
