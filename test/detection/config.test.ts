import { clientDataRegions, detectionEnvironments, detectionSettings, parseConfig } from '../../lib/internal';
import { detectionNotes } from '../../lib/report/detection-notes';
import { exampleConfig, issuesOf, variant } from '../util';

describe('provider.detection and provider.accounts', () => {
  test('every feature is on by default, in the single-account form', () => {
    const settings = detectionSettings(exampleConfig().provider);
    expect(Object.values(settings.features)).toEqual(Array(5).fill({ enabled: true }));
    expect(settings.form).toBe('single-account');
    expect(settings.malwareProtectedBucketsQuota).toBeUndefined();
  });

  test('a feature turned off keeps its reason', () => {
    const config = parseConfig(
      variant((raw) => {
        raw.provider.detection = {
          sensitiveDataDiscovery: { enabled: false, reason: 'classified upstream' },
          malwareScanning: true,
          quotas: { malwareProtectedBuckets: 400 },
        };
      }),
      'test',
    );
    const settings = detectionSettings(config.provider);
    expect(settings.features.sensitiveDataDiscovery).toEqual({ enabled: false, reason: 'classified upstream' });
    expect(settings.features.malwareScanning).toEqual({ enabled: true });
    expect(settings.malwareProtectedBucketsQuota).toBe(400);
  });

  test('turning a feature off without a reason is refused, every problem with its path', () => {
    const issues = issuesOf(
      variant((raw) => {
        raw.provider.detection = {
          malwareScanning: false,
          posture: { enabled: false },
          accessAnalysis: { enabled: true, reason: 'why' },
        };
      }),
    );
    expect(issues).toEqual([
      expect.stringMatching(
        /^provider\.detection\.malwareScanning: turning malware scanning .* off needs a reason: write malwareScanning: \{ enabled: false, reason: "\.\.\." \}.*\(received false\)$/,
      ),
      expect.stringMatching(/^provider\.detection\.posture\.reason: turning posture .* off needs a reason/),
      expect.stringMatching(
        /^provider\.detection\.accessAnalysis\.reason: a reason is only given for turning a feature off.*\(received "why"\)$/,
      ),
    ]);
  });

  test('a blank reason is no reason (schema)', () => {
    expect(issuesOf(variant((raw) => (raw.provider.detection = { sensitiveDataDiscovery: { enabled: false, reason: '  ' } })))).toEqual([
      expect.stringMatching(/^provider\.detection\.sensitiveDataDiscovery\.reason: turning sensitive-data discovery off needs a reason/),
    ]);
  });

  test('unknown detection fields and bad quota values are refused by the schema', () => {
    const issues = issuesOf(
      variant((raw) => {
        raw.provider.detection = { guardduty: true, quotas: { malwareProtectedBuckets: 0 } };
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^provider\.detection\.guardduty: unknown field "guardduty"/),
        expect.stringMatching(/^provider\.detection\.quotas\.malwareProtectedBuckets: expected at least 1 bucket \(received 0\)$/),
      ]),
    );
  });

  test('a security account must be 12 digits, of the organization, and apart from every account holding client data', () => {
    expect(issuesOf(variant((raw) => (raw.provider.accounts = { security: 12345 })))).toEqual([
      expect.stringMatching(/^provider\.accounts\.security: expected a 12-digit AWS account id in quotes/),
    ]);
    // Expectation updated after the accounts merge (issue 17): an account of provider.accounts needs organizationId.
    expect(issuesOf(variant((raw) => (raw.provider.accounts = { security: '222222222222' })))).toEqual([
      'provider.accounts.security: an account of the organization (provider.accounts.security) needs provider.organizationId (the organization\'s id, e.g. "o-a1b2c3d4e5": aws organizations describe-organization) (received "222222222222")',
      'provider.accounts.security: the security account must be apart from every account it protects, but it is the account of clients[1] ("globex"); allowed: a 12-digit account of the organization that is neither provider.account nor any client\'s account (received "222222222222")',
    ]);
    expect(
      issuesOf(
        variant((raw) => {
          raw.provider.organizationId = 'o-a1b2c3d4e5';
          raw.provider.accounts = { security: '111111111111' };
        }),
      ),
    ).toEqual([
      'provider.accounts.security: the security account must be apart from every account it protects, but it is the account of provider.account; allowed: a 12-digit account of the organization that is neither provider.account nor any client\'s account (received "111111111111")',
    ]);
  });

  test('the security-account form is accepted with organizationId (built), refused without it, never silently ignored', () => {
    expect(issuesOf(variant((raw) => (raw.provider.accounts = { security: '999999999999' })))).toEqual([
      'provider.accounts.security: an account of the organization (provider.accounts.security) needs provider.organizationId (the organization\'s id, e.g. "o-a1b2c3d4e5": aws organizations describe-organization) (received "999999999999")',
    ]);
    const config = parseConfig(
      variant((raw) => {
        raw.provider.organizationId = 'o-a1b2c3d4e5';
        raw.provider.accounts = { security: '999999999999' };
      }),
      'test',
    );
    expect(detectionSettings(config.provider)).toMatchObject({ form: 'security-account', securityAccount: '999999999999' });
  });
});

describe('detection environments', () => {
  test('every account and region with client data, once each, one region per account recording global types', () => {
    const envs = detectionEnvironments(exampleConfig());
    expect(envs.map((e) => [e.account, e.region, e.recordsGlobalTypes, e.clients.map((c) => c.id)])).toEqual([
      ['111111111111', 'eu-central-1', false, ['acme', 'initech']],
      ['111111111111', 'eu-west-1', true, ['acme', 'initech']],
      ['222222222222', 'us-east-1', true, ['globex']],
      ['222222222222', 'us-west-2', false, ['globex']],
    ]);
  });

  test('a client’s data regions are its primary and its replica (where its backups are copied)', () => {
    const acme = exampleConfig().clients[0];
    expect(clientDataRegions(acme)).toEqual(['eu-west-1', 'eu-central-1']);
  });
});

describe('report notes', () => {
  test('a feature turned off shows its reason beside each control it serves; without posture no Security Hub mapping', () => {
    const config = parseConfig(
      variant((raw) => {
        raw.provider.detection = {
          posture: { enabled: false, reason: 'assessed by the client’s own tooling' },
          malwareScanning: { enabled: false, reason: 'scanned at the upload gateway' },
        };
      }),
      'test',
    );
    const notes = detectionNotes(config);
    expect(notes['DP-POSTURE']).toBe(
      'Turned off: posture (AWS Config recording, Security Hub standards), because: assessed by the client’s own tooling.',
    );
    expect(notes['DP-THREAT-DETECTION']).toBe(
      'Turned off: malware scanning (GuardDuty Malware Protection for S3), because: scanned at the upload gateway.',
    );
    expect(notes['CDM-3.4-IN-TRANSIT']).toBeUndefined();
  });
});
