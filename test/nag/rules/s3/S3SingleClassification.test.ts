import * as s3 from 'aws-cdk-lib/aws-s3';
import { Tags } from 'aws-cdk-lib';
import { clientFindings, clientStore, packFindings } from '../../../util';

describe('CDB-S3SingleClassification', () => {
  const rule = 'CDB-S3SingleClassification';
  test('compliant: one known classification and tier; the log target is not a data store', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('not applicable: a bucket outside client stacks', () => {
    expect(packFindings(rule, (s) => new s3.Bucket(s, 'Shared'))).toEqual([]);
  });
  test('non-compliant 1: a client bucket without classification', () => {
    expect(
      clientFindings(rule, (s) => {
        Tags.of(new s3.Bucket(s, 'Unclassified')).add('tier', 'critical');
      }),
    ).toEqual([`${rule} Test/Unclassified/Resource`]);
  });
  test('non-compliant 2: an unknown or mixed classification', () => {
    expect(
      clientFindings(rule, (s) => {
        const bucket = new s3.Bucket(s, 'Mixed');
        Tags.of(bucket).add('classification', 'phi+pci');
        Tags.of(bucket).add('tier', 'critical');
      }),
    ).toEqual([`${rule} Test/Mixed/Resource`]);
  });
  test('non-compliant 3: no backup tier', () => {
    expect(
      clientFindings(rule, (s) => {
        Tags.of(new s3.Bucket(s, 'Untiered')).add('classification', 'pii');
      }),
    ).toEqual([`${rule} Test/Untiered/Resource`]);
  });
});
