import { parseConfig } from '../../lib/config';
import { BREAK_GLASS, exampleRaw, FIXED_NOW, refusalOf, variant } from '../util';

/** The issue lines of a configuration validated at FIXED_NOW (empty when valid). */
const issuesAt = (change: (raw: any) => void, now = FIXED_NOW): string[] =>
  refusalOf(() => parseConfig(variant(change), 'test.yaml', { now }));

describe('break-glass configuration (DP-ALWAYS-OFF)', () => {
  test('off by default: the example has none', () => {
    const config = parseConfig(exampleRaw(), 'example', { now: FIXED_NOW });
    expect(config.provider.breakGlass).toBeUndefined();
    expect(config.clients.map((c) => c.breakGlass)).toEqual([undefined, undefined, undefined]);
  });

  test('on: an approval that expires within 72 hours is accepted', () => {
    expect(issuesAt((r) => (r.clients[0].breakGlass = { ...BREAK_GLASS }))).toEqual([]);
    expect(issuesAt((r) => (r.provider.breakGlass = { ...BREAK_GLASS }))).toEqual([]);
    expect(issuesAt((r) => (r.clients[0].breakGlass = { ...BREAK_GLASS, expires: '2026-11-26T00:00:00Z' }))).toEqual([]);
  });

  test('expired: an expiry in the past (or now) is refused', () => {
    expect(issuesAt((r) => (r.clients[0].breakGlass = { ...BREAK_GLASS, expires: '2026-11-22T23:00:00Z' }))).toEqual([
      'clients[0].breakGlass.expires: break-glass expiry is not in the future (now is 2026-11-23T00:00:00.000Z); remove breakGlass once the change is over, or record a new approval (received "2026-11-22T23:00:00Z")',
    ]);
    expect(issuesAt((r) => (r.clients[0].breakGlass = { ...BREAK_GLASS, expires: '2026-11-23T00:00:00Z' }))).toHaveLength(1);
  });

  test('the same approval is refused once its time has passed', () => {
    expect(issuesAt((r) => (r.clients[0].breakGlass = { ...BREAK_GLASS }), new Date('2026-11-24T00:00:01Z'))).toEqual([
      expect.stringMatching(/^clients\[0\]\.breakGlass\.expires: break-glass expiry is not in the future/),
    ]);
  });

  test('too long: an expiry more than 72 hours ahead is refused', () => {
    expect(issuesAt((r) => (r.clients[1].breakGlass = { ...BREAK_GLASS, expires: '2026-11-26T00:00:01Z' }))).toEqual([
      'clients[1].breakGlass.expires: break-glass expiry is more than 72 hours ahead; allowed: after 2026-11-23T00:00:00.000Z and at latest 2026-11-26T00:00:00.000Z (provider.breakGlassMaxHours) (received "2026-11-26T00:00:01Z")',
    ]);
    expect(issuesAt((r) => (r.provider.breakGlass = { ...BREAK_GLASS, expires: '2027-01-01T00:00:00Z' }))).toEqual([
      expect.stringMatching(/^provider\.breakGlass\.expires: break-glass expiry is more than 72 hours ahead/),
    ]);
  });

  test('the maximum is configurable', () => {
    const change = (r: any) => {
      r.provider.breakGlassMaxHours = 4;
      r.clients[0].breakGlass = { ...BREAK_GLASS, expires: '2026-11-23T05:00:00Z' };
    };
    expect(issuesAt(change)).toEqual([
      expect.stringMatching(/more than 4 hours ahead; allowed: after .* and at latest 2026-11-23T04:00:00.000Z/),
    ]);
    expect(issuesAt((r) => (r.provider.breakGlassMaxHours = 0))).toEqual([
      'provider.breakGlassMaxHours: expected at least 1 hour (received 0)',
    ]);
  });

  test.each<[string, (raw: any) => void, string]>([
    [
      'a missing approver',
      (r) => (r.clients[0].breakGlass = { ticket: 'CHG-1', expires: BREAK_GLASS.expires }),
      'clients[0].breakGlass.approvedBy: break-glass needs the approver (who approved the change), e.g. "jane@example.com" (received nothing)',
    ],
    [
      'an empty approver',
      (r) => (r.clients[0].breakGlass = { ...BREAK_GLASS, approvedBy: ' ' }),
      'clients[0].breakGlass.approvedBy: break-glass needs the approver (who approved the change), e.g. "jane@example.com" (received " ")',
    ],
    [
      'a missing ticket',
      (r) => (r.clients[0].breakGlass = { approvedBy: 'jane@example.com', expires: BREAK_GLASS.expires }),
      'clients[0].breakGlass.ticket: break-glass needs the change ticket, e.g. "CHG-1234" (received nothing)',
    ],
    [
      'an expiry that is not a date-time',
      (r) => (r.clients[0].breakGlass = { ...BREAK_GLASS, expires: 'next tuesday' }),
      'clients[0].breakGlass.expires: expected an ISO 8601 date-time with a zone, e.g. "2026-12-01T00:00:00Z" (received "next tuesday")',
    ],
    [
      'nobody to assume it',
      (r) => (r.clients[2].breakGlass = { ...BREAK_GLASS }) && (r.clients[2].access.operators = []),
      'clients[2].breakGlass.principals: break-glass has nobody to assume it: list principals, or give the client access.operators (received nothing)',
    ],
    [
      'a provider approval for a client without operators',
      (r) => (r.provider.breakGlass = { ...BREAK_GLASS }) && (r.clients[2].access.operators = []),
      'clients[2].access.operators: provider.breakGlass gives client "initech" a break-glass role, but nobody can assume it: list provider.breakGlass.principals or give the client operators (received [])',
    ],
  ])('%s is refused with a clear message', (_name, change, expected) => {
    expect(issuesAt(change)).toEqual([expected]);
  });
});
