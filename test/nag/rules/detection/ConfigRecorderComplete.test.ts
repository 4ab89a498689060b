import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import { ENV, findings, posture } from './fixtures';

describe('CDB-ConfigRecorderComplete', () => {
  const rule = 'CDB-ConfigRecorderComplete';
  test('compliant: the baseline recorder and its delivery channel', () => {
    expect(findings(rule, (app) => void posture(new Stack(app, 'S', { env: ENV })))).toEqual([]);
  });
  test('non-compliant: a custom role; types missing; no delivery channel; a channel that depends on the recorder', () => {
    const recorder = (stack: Stack, props: Partial<config.CfnConfigurationRecorderProps> = {}) =>
      new config.CfnConfigurationRecorder(stack, 'R', {
        roleArn: 'arn:aws:iam::111111111111:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
        recordingGroup: { allSupported: true },
        ...props,
      });
    const channel = (stack: Stack) => new config.CfnDeliveryChannel(stack, 'C', { s3BucketName: 'config-history' });
    expect(
      findings(rule, (app) => {
        const s = new Stack(app, 'S', { env: ENV });
        recorder(s, { roleArn: 'arn:aws:iam::111111111111:role/my-config' });
        channel(s);
      }),
    ).toEqual([`${rule} S/R`]);
    expect(
      findings(rule, (app) => {
        const s = new Stack(app, 'S', { env: ENV });
        recorder(s, { recordingGroup: { allSupported: false, resourceTypes: ['AWS::S3::Bucket'] } });
        channel(s);
      }),
    ).toEqual([`${rule} S/R`]);
    expect(findings(rule, (app) => void recorder(new Stack(app, 'S', { env: ENV })))).toEqual([`${rule} S/R`]);
    expect(
      findings(rule, (app) => {
        const s = new Stack(app, 'S', { env: ENV });
        channel(s).addDependency(recorder(s));
      }),
    ).toEqual([`${rule} S/R`]);
  });
});
