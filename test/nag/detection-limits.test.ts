import { type App, Stack } from 'aws-cdk-lib';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import { Template } from 'aws-cdk-lib/assertions';
import { DECLARED_QUOTAS_METADATA, ThreatDetection } from '../../lib/internal';
import { accountLimitReport, exampleWith, plainApp, synthBaseline } from '../util';

/** Runs the account quota checks over an app's synthesized stacks. */
function violations(app: App): string[] {
  const report = accountLimitReport(app);
  return report.violations.map((v) => `${v.ruleName}: ${v.description}`);
}

/** A stack in an account and region with `plans` protection plans. */
function plans(app: App, id: string, region: string, count: number, declared?: number): Stack {
  const stack = new Stack(app, id, { env: { account: '111111111111', region } });
  for (let i = 0; i < count; i += 1) {
    new guardduty.CfnMalwareProtectionPlan(stack, `P${i}`, {
      role: 'arn:aws:iam::111111111111:role/r',
      protectedResource: { s3Bucket: { bucketName: `b${i}` } },
    });
  }
  if (declared !== undefined) stack.templateOptions.metadata = { [DECLARED_QUOTAS_METADATA]: { malwareProtectedBuckets: declared } };
  return stack;
}

describe('deploy-time limits of the detection layer', () => {
  test('a second GuardDuty detector in one account and region (e.g. a stack per client) fails the synth; other regions are apart', () => {
    const app = plainApp();
    new ThreatDetection(new Stack(app, 'A', { env: { account: '111111111111', region: 'eu-west-1' } }), 'T');
    new ThreatDetection(new Stack(app, 'B', { env: { account: '111111111111', region: 'eu-west-1' } }), 'T');
    new ThreatDetection(new Stack(app, 'C', { env: { account: '111111111111', region: 'eu-central-1' } }), 'T');
    expect(violations(app)).toEqual([
      'CDB-AccountGuardDutyDetectorCount[2 GuardDuty detectors, limit 1]: [DP-THREAT-DETECTION] CDB-AccountGuardDutyDetectorCount: the stacks of account 111111111111 in eu-west-1 would create 2 GuardDuty detectors; the default quota is 1.',
    ]);
  });

  test('protection plans are counted per account and region against the default quota of 25, or the declared one', () => {
    const over = plainApp();
    plans(over, 'A', 'eu-west-1', 20);
    plans(over, 'B', 'eu-west-1', 6);
    plans(over, 'C', 'eu-central-1', 25);
    expect(violations(over)).toEqual([
      'CDB-AccountMalwareProtectedBucketCount[26 buckets protected by Malware Protection for S3, limit 25]: [DP-THREAT-DETECTION] CDB-AccountMalwareProtectedBucketCount: the stacks of account 111111111111 in eu-west-1 would create 26 buckets protected by Malware Protection for S3; the default quota is 25.',
    ]);
    const raised = plainApp();
    plans(raised, 'A', 'eu-west-1', 20);
    plans(raised, 'B', 'eu-west-1', 6);
    plans(raised, 'D', 'eu-west-1', 0, 30);
    expect(violations(raised)).toEqual([]);
    const stillOver = plainApp();
    plans(stillOver, 'A', 'eu-west-1', 31, 30);
    expect(violations(stillOver)).toEqual([
      'CDB-AccountMalwareProtectedBucketCount[31 buckets protected by Malware Protection for S3, limit 30]: [DP-THREAT-DETECTION] CDB-AccountMalwareProtectedBucketCount: the stacks of account 111111111111 in eu-west-1 would create 31 buckets protected by Malware Protection for S3; the declared quota is 30.',
    ]);
  });

  test('the example stays within every quota; a declared quota is written into the detection stack template', () => {
    const { app } = synthBaseline();
    expect(violations(app)).toEqual([]);
    const { stacks } = synthBaseline(exampleWith((raw) => (raw.provider.detection = { quotas: { malwareProtectedBuckets: 200 } })));
    expect(Template.fromStack(stacks.detection['111111111111/eu-west-1']).toJSON().Metadata).toEqual({
      [DECLARED_QUOTAS_METADATA]: { malwareProtectedBuckets: 200 },
    });
  });
});
