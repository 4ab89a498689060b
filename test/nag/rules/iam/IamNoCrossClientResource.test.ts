import * as iam from 'aws-cdk-lib/aws-iam';
import { roleStatements } from '../../../../lib/access';
import { packFindings } from '../../../util';
import { acme, asClient } from './fixtures';

describe('CDB-IamNoCrossClientResource (CDM-3.3-TENANT-ISOLATION)', () => {
  const id = 'CDB-IamNoCrossClientResource';
  /** A managed policy in an acme stack of an app that also holds the example's client stacks. */
  const policy = (statements: object[]) =>
    packFindings(id, (stack) => {
      new iam.ManagedPolicy(asClient(stack), 'Policy', {
        document: iam.PolicyDocument.fromJson({ Version: '2012-10-17', Statement: statements }),
      });
    }).filter((f) => f.includes(' acme-data/Policy/'));
  test('compliant: the client’s own duty policy', () => {
    expect(policy(roleStatements('operator', acme))).toEqual([]);
  });
  test.each<[string, object]>([
    [
      'another client’s bucket',
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::precision-globex-customers-222222222222-us-east-1/*' },
    ],
    ['a wildcard that matches another client’s buckets', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::precision-*' }],
    ['a wildcard resource on data actions', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    [
      'any key without the client’s alias or tag condition',
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*' },
    ],
    [
      'another client’s alias',
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
        Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/precision/initech/data' } },
      },
    ],
    [
      'another client’s tag',
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::b/*',
        Condition: { StringEquals: { 'aws:PrincipalTag/client-id': 'globex' } },
      },
    ],
  ])('non-compliant: %s', (_name, statement) => {
    expect(policy([statement])).toEqual([`${id} acme-data/Policy/Resource`]);
  });
});
