import * as sns from 'aws-cdk-lib/aws-sns';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AWS_LIMITS } from '../../../../lib/internal';
import { packFindings } from '../../../util';
import { bigStatement } from './fixtures';

describe('deploy-time limit rules', () => {
  test('SnsTopicPolicySize: a topic policy over 30 KB fails', () => {
    expect(packFindings('CDB-SnsTopicPolicySize', (stack) => void new sns.Topic(stack, 'Small', { enforceSSL: true }))).toEqual([]);
    const findings = packFindings('CDB-SnsTopicPolicySize', (stack) => {
      const topic = new sns.Topic(stack, 'Big');
      const s = bigStatement('Big', AWS_LIMITS.snsTopicPolicyBytes, 'arn:aws:sns:eu-west-1:111111111111:t');
      topic.addToResourcePolicy(
        new iam.PolicyStatement({
          actions: ['sns:Publish'],
          principals: s.principals,
          resources: [topic.topicArn],
          conditions: { ArnLike: { 'aws:SourceArn': s.resources } },
        }),
      );
    });
    expect(findings).toEqual([expect.stringMatching(/^CDB-SnsTopicPolicySize\[\d+ bytes, limit 30720\] Test\/Big\/Policy\/Resource$/)]);
  });
});
