import { PACK_RULES } from '../../../../lib/nag';
import { AlertTopic } from '../../../../lib/constructs/alerts';
import { packFindings } from '../../../util';
import { buildAudit, clientBucket } from './fixtures';

test('the new rules are registered with the controls they check', () => {
  const controls = Object.fromEntries(PACK_RULES.map((r) => [r.rule.name, r.controls]));
  expect(controls).toMatchObject({
    CloudTrailMultiRegion: ['DP-LOG-ALL-ACCESS'],
    CloudTrailLogFileValidation: ['DP-LOG-INTEGRITY'],
    CloudTrailEncryptedWithCmk: ['CDM-3.4-AT-REST', 'DP-LOG-INTEGRITY'],
    CloudTrailToEncryptedLogGroup: ['DP-MONITOR', 'DP-LOG-INTEGRITY', 'CDM-3.7-RETENTION'],
    CloudTrailClientDataEvents: ['DP-LOG-ALL-ACCESS', 'CDM-5.1-AUDIT'],
    CloudTrailArchiveLocked: ['DP-LOG-INTEGRITY'],
    CloudTrailArchiveRetained: ['DP-LOG-INTEGRITY', 'CDM-3.7-RETENTION'],
    SnsTopicEncryptedWithCmk: ['CDM-3.4-AT-REST', 'DP-MONITOR', 'BKP-5-MONITOR'],
  });
});

describe('the baseline audit set-up is compliant with every audit rule', () => {
  const rules = [
    'CloudTrailMultiRegion',
    'CloudTrailLogFileValidation',
    'CloudTrailEncryptedWithCmk',
    'CloudTrailToEncryptedLogGroup',
    'CloudTrailClientDataEvents',
    'CloudTrailArchiveLocked',
    'CloudTrailArchiveRetained',
    'SnsTopicEncryptedWithCmk',
  ];
  test.each(rules)('CDB-%s', (rule) => {
    expect(
      packFindings(`CDB-${rule}`, (stack) => {
        buildAudit(stack);
        new AlertTopic(stack, 'Alerts', { emails: ['secops@example.com'] });
        clientBucket(stack, 'primary', 'test-acme-records-111111111111-eu-central-1');
        clientBucket(stack, 'replica', 'test-acme-records-111111111111-eu-west-1', { account: '111111111111', region: 'eu-west-1' });
      }),
    ).toEqual([]);
  });
});
