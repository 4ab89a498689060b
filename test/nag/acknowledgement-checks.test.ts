/**
 * Acknowledgements stay honest: one that matches no finding, or is past its
 * expiry, fails the synth with a message naming the rule, the resource and
 * the reason; owner and expiry reach the report.
 */
import { Stack } from 'aws-cdk-lib';
import {
  AccessLogBucket,
  ACKNOWLEDGEMENT_RULES,
  AcknowledgementLedger,
  applyPolicyChecks,
  buildReport,
  createApp,
  expiryInstant,
  type KnownFinding,
} from '../../lib/internal';
import { exampleConfig, FIXED_NOW } from '../util';

/**
 * The findings of an access log bucket that no bucket logs to yet: the
 * packs' logging rules judge a log target compliant, so only a lone bucket
 * has them, and the baseline does not acknowledge them.
 */
const LOGGING = ['AwsSolutions-S1', ...['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].map((p) => `${p}-S3BucketLoggingEnabled`)];
const [S1, ...OTHER_LOGGING] = LOGGING;
const acks = (ids: readonly string[], terms: Partial<KnownFinding> = {}): KnownFinding[] =>
  ids.map((id) => ({ construct: AccessLogBucket, id, reason: 'no bucket logs to it yet', ...terms }));

/** A stack holding one access log bucket, checked with the baseline's acknowledgements and these. */
function logBucketApp(acknowledgements: readonly KnownFinding[], now = FIXED_NOW) {
  const app = createApp();
  const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
  new AccessLogBucket(stack, 'Logs', { bucketName: 'test-logs-111111111111-eu-west-1' });
  applyPolicyChecks(app, { now, acknowledgements });
  return app;
}

/** The message a synth fails with (jest runs apps in memory, so aws-cdk-lib throws the whole validation report). */
function failure(synth: () => unknown): string {
  try {
    synth();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the synth to fail');
}

const KMS = 'HIPAA.Security-S3DefaultEncryptionKMS'; // an access log bucket is SSE-S3: a finding the baseline acknowledges

describe('acknowledgements stay honest', () => {
  test('with its logging findings acknowledged the bucket synthesizes, and the ledger saw each suppressed finding', () => {
    const app = logBucketApp(acks(LOGGING));
    app.synth();
    const found = AcknowledgementLedger.of(app)?.findings() ?? [];
    expect(found).toEqual(
      expect.arrayContaining([KMS, S1].map((id) => ({ id, resource: 'Test/Logs/Resource', acknowledgedAt: 'Test/Logs/Resource' }))),
    );
  });

  test('an acknowledgement that matches no finding fails the synth, naming the rule, the resource and the reason', () => {
    // The bucket denies requests without TLS (AwsSolutions-S10 is compliant): nothing to acknowledge.
    const stale = acks(['AwsSolutions-S10'], { reason: 'TLS is enforced by the proxy', owner: 'platform' });
    const message = failure(() => logBucketApp([...acks(LOGGING), ...stale]).synth());
    expect(message).toContain(ACKNOWLEDGEMENT_RULES.unused);
    expect(message).toContain(
      'Acknowledgement of AwsSolutions-S10 on Test/Logs/Resource (owner platform), reason "TLS is enforced by the proxy" matches no finding',
    );
    expect(message).not.toContain(KMS); // the baseline's own acknowledgements of the bucket all match a finding
  });

  test('an expired acknowledgement fails the synth with its expiry and the time it was judged at', () => {
    const expired = acks([S1], { owner: 'platform', expires: '2026-11-01' });
    const message = failure(() => logBucketApp([...expired, ...acks(OTHER_LOGGING)]).synth());
    expect(message).toContain(ACKNOWLEDGEMENT_RULES.expired);
    expect(message).toContain(
      `Acknowledgement of ${S1} on Test/Logs/Resource (owner platform), reason "no bucket logs to it yet" expired on 2026-11-01 (now is 2026-11-23T00:00:00.000Z).`,
    );
    expect(message).not.toContain(ACKNOWLEDGEMENT_RULES.unused);
  });

  test('an expiry that is not a date fails the synth, saying what is allowed', () => {
    const message = failure(() => logBucketApp([...acks([S1], { expires: 'next spring' }), ...acks(OTHER_LOGGING)]).synth());
    expect(message).toContain(ACKNOWLEDGEMENT_RULES.badExpiry);
    expect(message).toContain('has expires "next spring", which is not a date; allowed: YYYY-MM-DD (00:00 UTC that day)');
  });

  test('an acknowledgement before its expiry holds, and the report carries its owner and expiry', () => {
    const app = logBucketApp([...acks([S1], { owner: 'platform', expires: '2026-11-24' }), ...acks(OTHER_LOGGING)]);
    const assembly = app.synth();
    const report = buildReport(exampleConfig(), app, assembly);
    expect(report.findings).toEqual([]);
    expect(report.acknowledgements.find((a) => a.rule === S1)).toEqual({
      rule: S1,
      reason: 'no bucket logs to it yet',
      owner: 'platform',
      expires: '2026-11-24',
      resources: ['Test/Logs/Resource'],
    });
    expect(report.acknowledgements.find((a) => a.rule === KMS)).not.toHaveProperty('owner');
  });

  test('expiry dates: a date is 00:00 UTC that day; impossible dates and free text are refused', () => {
    expect(expiryInstant('2027-03-31')?.toISOString()).toBe('2027-03-31T00:00:00.000Z');
    expect(expiryInstant('2027-03-31T12:00:00+02:00')?.toISOString()).toBe('2027-03-31T10:00:00.000Z');
    expect(expiryInstant('2027-02-30')).toBeUndefined();
    expect(expiryInstant('2027-03-31T12:00')).toBeUndefined(); // no zone
    expect(expiryInstant('soon')).toBeUndefined();
  });
});
