import { auditSettings, ConfigError } from '../../lib/model';
import { parseConfig } from '../../lib/config';
import { AUDIT_DEFAULTS } from '../../lib/defaults';
import { exampleRaw } from '../util';

/** The example with `provider.audit` set (or removed when `undefined`). */
function withAudit(audit: unknown): unknown {
  const raw = structuredClone(exampleRaw()) as any;
  if (audit === undefined) delete raw.provider.audit;
  else raw.provider.audit = audit;
  return raw;
}

/** The issue lines a configuration fails with. */
function issuesOf(raw: unknown): string[] {
  try {
    parseConfig(raw, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message} (received ${JSON.stringify(i.received)})`);
  }
  throw new Error('expected the configuration to be refused');
}

describe('provider.audit (DP-LOG-INTEGRITY, CDM-3.7-RETENTION)', () => {
  test('absent: the secure defaults, governance mode for a year, kept seven years', () => {
    const config = parseConfig(withAudit(undefined));
    expect(config.provider.audit).toBeUndefined();
    expect(auditSettings(config.provider)).toEqual({
      logRetentionDays: 365,
      archive: { lockMode: 'governance', lockDays: 365, retentionDays: 2557 },
    });
    expect(auditSettings(config.provider)).toEqual(AUDIT_DEFAULTS);
  });

  test('partly given: the rest from the defaults', () => {
    const config = parseConfig(withAudit({ archive: { retentionDays: 3650 } }));
    expect(auditSettings(config.provider)).toEqual({
      logRetentionDays: 365,
      archive: { lockMode: 'governance', lockDays: 365, retentionDays: 3650 },
    });
  });

  test('compliance mode is taken only when asked for', () => {
    const config = parseConfig(
      withAudit({ logRetentionDays: 731, archive: { lockMode: 'compliance', lockDays: 2557, retentionDays: 2557 } }),
    );
    expect(auditSettings(config.provider)).toEqual({
      logRetentionDays: 731,
      archive: { lockMode: 'compliance', lockDays: 2557, retentionDays: 2557 },
    });
  });

  test.each<[string, unknown, string]>([
    [
      'an unknown lock mode',
      { archive: { lockMode: 'legal-hold' } },
      'provider.audit.archive.lockMode: expected one of governance, compliance (received "legal-hold")',
    ],
    ['a lock of zero days', { archive: { lockDays: 0 } }, 'provider.audit.archive.lockDays: expected at least 1 day (received 0)'],
    [
      'an archive kept less than a year',
      { archive: { retentionDays: 90, lockDays: 30 } },
      'provider.audit.archive.retentionDays: expected at least 365 days (one year of audit trail, PCI DSS 10.7) (received 90)',
    ],
    [
      'a log retention CloudWatch Logs does not offer',
      { logRetentionDays: 100 },
      'provider.audit.logRetentionDays: expected a CloudWatch Logs retention of at least 90 days: one of 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (received 100)',
    ],
    [
      'a log retention below three months',
      { logRetentionDays: 30 },
      'provider.audit.logRetentionDays: expected a CloudWatch Logs retention of at least 90 days',
    ],
    [
      'a lock longer than the retention',
      { archive: { lockDays: 3000, retentionDays: 2557 } },
      'provider.audit.archive.lockDays: log files would stay locked after they expire: lockDays must be at most retentionDays (2557) (received 3000)',
    ],
    [
      'a default lock longer than a short retention',
      { archive: { retentionDays: 365, lockDays: 400 } },
      'provider.audit.archive.lockDays: log files would stay locked after they expire: lockDays must be at most retentionDays (365) (received 400)',
    ],
    [
      'a misspelt field',
      { archive: { lockdays: 30 } },
      'provider.audit.archive.lockdays: unknown field "lockdays"; check the spelling against config/baseline.schema.json (received 30)',
    ],
  ])('%s is refused with a clear message', (_name, audit, expected) => {
    const issues = issuesOf(withAudit(audit));
    expect(issues.some((line) => line.startsWith(expected))).toBe(true);
  });

  test('every audit problem is listed at once', () => {
    expect(issuesOf(withAudit({ logRetentionDays: 7, archive: { lockMode: 'strict', lockDays: -1 } })).map((l) => l.split(':')[0])).toEqual(
      ['provider.audit.logRetentionDays', 'provider.audit.archive.lockMode', 'provider.audit.archive.lockDays'],
    );
  });
});
