import * as s3 from 'aws-cdk-lib/aws-s3';
import { CfnDeletionPolicy, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { clientFindings, clientStore } from '../../../util';

describe('CDB-StatefulResourceRetained', () => {
  const rule = 'CDB-StatefulResourceRetained';
  test('compliant: keys and buckets of the baseline', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('non-compliant 1: a bucket destroyed with its stack', () => {
    expect(clientFindings(rule, (s) => new s3.Bucket(s, 'Gone', { removalPolicy: RemovalPolicy.DESTROY }))).toEqual([
      `${rule} Test/Gone/Resource`,
    ]);
  });
  test('non-compliant 2: a key retained on deletion but not on replacement', () => {
    expect(
      clientFindings(rule, (s) => {
        const key = new kms.Key(s, 'Replaced', { removalPolicy: RemovalPolicy.RETAIN });
        (key.node.defaultChild as kms.CfnKey).cfnOptions.updateReplacePolicy = CfnDeletionPolicy.DELETE;
      }),
    ).toEqual([`${rule} Test/Replaced/Resource`]);
  });
  test('non-compliant 3: a log group destroyed with its stack', () => {
    expect(clientFindings(rule, (s) => new logs.LogGroup(s, 'Logs', { removalPolicy: RemovalPolicy.DESTROY }))).toEqual([
      `${rule} Test/Logs/Resource`,
    ]);
  });
});
