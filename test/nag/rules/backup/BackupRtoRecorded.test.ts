import { type Stack, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { packFindings } from '../../../util';

describe('CDB-BackupRtoRecorded (BKP-4.2-RTO)', () => {
  const rule = 'CDB-BackupRtoRecorded';
  const dataset = (s: Stack, tier: string, rto?: string) => {
    const bucket = new s3.Bucket(s, 'Data');
    Tags.of(bucket).add('dataset', 'records');
    Tags.of(bucket).add('tier', tier);
    if (rto !== undefined) Tags.of(bucket).add('rto-hours', rto);
  };
  test('compliant: an RTO within the tier’s (critical 48 h), tighter allowed', () => {
    expect(packFindings(rule, (s) => dataset(s, 'critical', '48'))).toEqual([]);
    expect(packFindings(rule, (s) => dataset(s, 'important', '24'))).toEqual([]);
  });
  test('non-compliant 1: no RTO recorded', () => {
    expect(packFindings(rule, (s) => dataset(s, 'critical'))).toEqual([`${rule} Test/Data/Resource`]);
  });
  test('non-compliant 2: an RTO looser than the tier’s (important 72 h)', () => {
    expect(packFindings(rule, (s) => dataset(s, 'important', '96'))).toEqual([`${rule} Test/Data/Resource`]);
  });
  test('non-compliant 3: no known tier', () => {
    expect(packFindings(rule, (s) => dataset(s, 'gold', '48'))).toEqual([`${rule} Test/Data/Resource`]);
  });
});
