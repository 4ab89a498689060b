import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { plainTrail } from './fixtures';
import { packFindings } from '../../../util';

describe('CDB-CloudTrailToEncryptedLogGroup', () => {
  const withGroup = (stack: Stack, props: logs.LogGroupProps) => {
    const group = new logs.LogGroup(stack, 'Group', { removalPolicy: RemovalPolicy.RETAIN, ...props });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com') });
    plainTrail(stack, { cloudWatchLogsLogGroupArn: group.logGroupArn, cloudWatchLogsRoleArn: role.roleArn });
  };
  test('refuses a trail without CloudWatch Logs delivery', () => {
    expect(packFindings('CDB-CloudTrailToEncryptedLogGroup', (stack) => plainTrail(stack, {}))).toEqual([
      'CDB-CloudTrailToEncryptedLogGroup Test/Trail',
    ]);
  });
  test('refuses an unencrypted log group', () => {
    expect(
      packFindings('CDB-CloudTrailToEncryptedLogGroup', (stack) => withGroup(stack, { retention: logs.RetentionDays.ONE_YEAR })),
    ).toEqual(['CDB-CloudTrailToEncryptedLogGroup Test/Trail']);
  });
  test('refuses a log group kept forever', () => {
    expect(
      packFindings('CDB-CloudTrailToEncryptedLogGroup', (stack) =>
        withGroup(stack, {
          retention: logs.RetentionDays.INFINITE,
          encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN }),
        }),
      ),
    ).toEqual(['CDB-CloudTrailToEncryptedLogGroup Test/Trail']);
  });
});
