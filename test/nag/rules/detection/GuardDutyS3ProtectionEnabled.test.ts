import { Stack } from 'aws-cdk-lib';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import { ThreatDetection } from '../../../../lib/internal';
import { ENV, findings } from './fixtures';

describe('CDB-GuardDutyS3ProtectionEnabled', () => {
  const rule = 'CDB-GuardDutyS3ProtectionEnabled';
  test('compliant: the baseline detector', () => {
    expect(findings(rule, (app) => new ThreatDetection(new Stack(app, 'S', { env: ENV }), 'T'))).toEqual([]);
  });
  test.each([
    [
      'disabled',
      { enable: false, findingPublishingFrequency: 'FIFTEEN_MINUTES', features: [{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }] },
    ],
    ['legacy data sources', { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES', dataSources: { s3Logs: { enable: true } } }],
    [
      'exported every six hours',
      { enable: true, findingPublishingFrequency: 'SIX_HOURS', features: [{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }] },
    ],
    [
      'S3 Protection off',
      { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES', features: [{ name: 'S3_DATA_EVENTS', status: 'DISABLED' }] },
    ],
  ])('non-compliant: %s', (_name, props) => {
    expect(findings(rule, (app) => new guardduty.CfnDetector(new Stack(app, 'S', { env: ENV }), 'D', props))).toEqual([`${rule} S/D`]);
  });
});
