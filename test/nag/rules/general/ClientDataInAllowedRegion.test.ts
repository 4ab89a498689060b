import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RESIDENCY_METADATA } from '../../../../lib/model';
import { acmeFindings as findings, packFindings } from '../../../util';

describe('CDB-ClientDataInAllowedRegion (CDM-3.8-SOVEREIGNTY)', () => {
  const bucketIn = (stack: Stack, allowed: string[]) => {
    stack.node.addMetadata(RESIDENCY_METADATA, allowed);
    new s3.CfnBucket(stack, 'Bucket');
  };

  test('compliant: every bucket, key and log group of both client stacks is in an allowed region', () => {
    expect(findings('ClientDataInAllowedRegion')).toEqual([]);
  });

  test('non-compliant: a client stack in a region its client does not allow', () => {
    expect(packFindings('CDB-ClientDataInAllowedRegion', (stack) => bucketIn(stack, ['eu-central-1']))).toEqual([
      'CDB-ClientDataInAllowedRegion Test/Bucket',
    ]);
  });

  test('non-compliant: a client stack without a concrete region', () => {
    expect(
      packFindings('CDB-ClientDataInAllowedRegion', (stack) => bucketIn(new Stack(stack.node.root, 'Agnostic'), ['eu-west-1'])),
    ).toEqual(['CDB-ClientDataInAllowedRegion Agnostic/Bucket']);
  });

  test('not applicable: a stack that is not a client’s (no residency metadata)', () => {
    expect(packFindings('CDB-ClientDataInAllowedRegion', (stack) => new s3.CfnBucket(stack, 'Bucket'))).toEqual([]);
  });
});
