import * as s3 from 'aws-cdk-lib/aws-s3';
import { clientFindings, clientStore } from '../../../util';

describe('CDB-S3TlsEnforced', () => {
  const rule = 'CDB-S3TlsEnforced';
  test('compliant: dataset and log buckets deny plain HTTP and TLS below 1.2', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('non-compliant 1: no TLS statement', () => {
    expect(clientFindings(rule, (s) => new s3.Bucket(s, 'Open'))).toEqual([`${rule} Test/Open/Resource`]);
  });
  test('non-compliant 2: TLS required but any version accepted', () => {
    expect(clientFindings(rule, (s) => new s3.Bucket(s, 'AnyTls', { enforceSSL: true }))).toEqual([`${rule} Test/AnyTls/Resource`]);
  });
  test('non-compliant 3: TLS 1.0 accepted', () => {
    expect(clientFindings(rule, (s) => new s3.Bucket(s, 'OldTls', { enforceSSL: true, minimumTLSVersion: 1.0 }))).toEqual([
      `${rule} Test/OldTls/Resource`,
    ]);
  });
});
