import { Tags } from 'aws-cdk-lib';
import { acmeFindings as findings, ACME_RECORDS as RECORDS } from '../../../util';

describe('the client id of a client stack, read by the rules (CDM-3.1-CLASSIFY)', () => {
  // With `@aws-cdk/core:explicitStackTags` the stack's own tags are empty; the rules read the client from the stack.
  test('CDB-ClientResourceTagged flags a resource of a client stack that lost its client tag', () => {
    expect(findings('ClientResourceTagged', ({ data }) => Tags.of(data.accessLogs).remove('client-id', { priority: 1000 }))).toEqual([
      'acme-data/Default/AccessLogs/Resource',
    ]);
  });

  test('CDB-S3SingleClassification flags a dataset bucket without a classification', () => {
    expect(
      findings('S3SingleClassification', ({ data }) => Tags.of(data.buckets.records).remove('classification', { priority: 1000 })),
    ).toEqual([RECORDS]);
  });
});
