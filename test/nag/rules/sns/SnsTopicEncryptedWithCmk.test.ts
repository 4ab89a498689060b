import { type Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as kms from 'aws-cdk-lib/aws-kms';
import { packFindings } from '../../../util';

describe('CDB-SnsTopicEncryptedWithCmk', () => {
  const findings = (build: (stack: Stack) => void) => packFindings('CDB-SnsTopicEncryptedWithCmk', build);
  test('accepts a literal customer-managed key ARN', () => {
    expect(
      findings(
        (stack) =>
          new sns.Topic(stack, 'Topic', {
            masterKey: kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
          }),
      ),
    ).toEqual([]);
  });
  test('refuses an unencrypted topic', () => {
    expect(findings((stack) => new sns.Topic(stack, 'Topic'))).toEqual(['CDB-SnsTopicEncryptedWithCmk Test/Topic/Resource']);
  });
  test('refuses the AWS-managed key', () => {
    expect(findings((stack) => new sns.Topic(stack, 'Topic', { masterKey: kms.Alias.fromAliasName(stack, 'A', 'alias/aws/sns') }))).toEqual(
      ['CDB-SnsTopicEncryptedWithCmk Test/Topic/Resource'],
    );
  });
});
