import { type App, Stack } from 'aws-cdk-lib';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as macie from 'aws-cdk-lib/aws-macie';
import { DETECTION_OFF_METADATA, DETECTION_UNAVAILABLE_METADATA, offeredIn } from '../../../../lib/internal';
import { dataStack, detectionStack, ENV, findings } from './fixtures';

describe('coverage of every client dataset bucket’s account and region', () => {
  test.each([
    ['CDB-GuardDutyCoversClientData'],
    ['CDB-PostureCoversClientData'],
    ['CDB-AccessAnalyzerCoversClientData'],
    ['CDB-MacieCoversClientData'],
  ])('%s: compliant with a detection stack of the same account and region; non-compliant without, or in another region', (rule) => {
    expect(
      findings(rule, (app) => {
        dataStack(app);
        detectionStack(app);
      }),
    ).toEqual([]);
    expect(findings(rule, (app) => void dataStack(app))).toEqual([`${rule} Data/Dataset/Resource`]);
    expect(
      findings(rule, (app) => {
        dataStack(app);
        detectionStack(app, { ...ENV, region: 'eu-central-1' });
      }),
    ).toEqual([`${rule} Data/Dataset/Resource`]);
  });

  test.each([
    ['CDB-GuardDutyCoversClientData', 'threatDetection'],
    ['CDB-PostureCoversClientData', 'posture'],
    ['CDB-AccessAnalyzerCoversClientData', 'accessAnalysis'],
    ['CDB-MacieCoversClientData', 'sensitiveDataDiscovery'],
  ])('%s: compliant when the feature is turned off with a reason, not with an empty one', (rule, feature) => {
    const off = (reason: string) => (app: App) => {
      dataStack(app);
      new Stack(app, 'Detection', { env: ENV }).node.addMetadata(DETECTION_OFF_METADATA, { [feature]: reason });
    };
    expect(findings(rule, off('scanned upstream'))).toEqual([]);
    expect(findings(rule, off(''))).toEqual([`${rule} Data/Dataset/Resource`]);
  });

  test('non-compliant: a detector without S3 Protection, a hub without its standards, an analyzer that archives, a paused Macie', () => {
    const weak = (app: App) => {
      dataStack(app);
      const stack = new Stack(app, 'Detection', { env: ENV });
      new guardduty.CfnDetector(stack, 'D', { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES' });
      new securityhub.CfnHub(stack, 'Hub', { enableDefaultStandards: false });
      new accessanalyzer.CfnAnalyzer(stack, 'A', {
        type: 'ACCOUNT',
        archiveRules: [{ ruleName: 'hide', filter: [{ property: 'resourceType', eq: ['AWS::S3::Bucket'] }] }],
      });
      new macie.CfnSession(stack, 'M', { status: 'PAUSED', findingPublishingFrequency: 'FIFTEEN_MINUTES' });
    };
    for (const rule of [
      'CDB-GuardDutyCoversClientData',
      'CDB-PostureCoversClientData',
      'CDB-AccessAnalyzerCoversClientData',
      'CDB-MacieCoversClientData',
    ]) {
      expect(findings(rule, weak)).toEqual([`${rule} Data/Dataset/Resource`]);
    }
  });

  test('an unused-access analyzer does not report external access', () => {
    const rule = 'CDB-AccessAnalyzerCoversClientData';
    expect(
      findings(rule, (app) => {
        dataStack(app);
        new accessanalyzer.CfnAnalyzer(new Stack(app, 'Detection', { env: ENV }), 'A', { type: 'ACCOUNT_UNUSED_ACCESS' });
      }),
    ).toEqual([`${rule} Data/Dataset/Resource`]);
  });
});

describe('a service AWS does not offer in a region', () => {
  test('Macie is left out of the ca-west-1 detection stack, and its coverage rule accepts the recorded reason there only', () => {
    const rule = 'CDB-MacieCoversClientData';
    const calgary = { ...ENV, region: 'ca-west-1' };
    expect(offeredIn('sensitiveDataDiscovery', 'ca-west-1')).toBe(false);
    const unavailable = (region: string) => (app: App) => {
      dataStack(app, { ...ENV, region });
      new Stack(app, 'Detection', { env: calgary }).node.addMetadata(DETECTION_UNAVAILABLE_METADATA, {
        sensitiveDataDiscovery: 'not offered by AWS in ca-west-1',
      });
    };
    expect(findings(rule, unavailable('ca-west-1'))).toEqual([]);
    expect(findings(rule, unavailable('eu-west-1'))).toEqual([`${rule} Data/Dataset/Resource`]);
  });
});
