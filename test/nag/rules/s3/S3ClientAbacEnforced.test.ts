import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as iam from 'aws-cdk-lib/aws-iam';
import { clientFindings, clientStore, plainDataset } from '../../../util';

describe('CDB-S3ClientAbacEnforced', () => {
  const rule = 'CDB-S3ClientAbacEnforced';
  const deny = (bucket: s3.Bucket, actions: string[], conditions: Record<string, Record<string, unknown>>) =>
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions,
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        conditions,
      }),
    );
  test('compliant: deny outside the client, with and without exempted service roles', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
    expect(clientFindings(rule, (s) => clientStore(s, { serviceRoleArns: ['arn:aws:iam::111111111111:role/replication'] }))).toEqual([]);
  });
  test('non-compliant 1: no ABAC deny', () => {
    expect(clientFindings(rule, (s) => plainDataset(s, {}))).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('non-compliant 2: the deny names another client', () => {
    expect(
      clientFindings(rule, (s) => deny(plainDataset(s, {}), ['s3:*'], { StringNotEquals: { 'aws:PrincipalTag/client-id': 'globex' } })),
    ).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('non-compliant 3: the deny leaves data actions out', () => {
    expect(
      clientFindings(rule, (s) =>
        deny(plainDataset(s, {}), ['s3:GetObject'], { StringNotEquals: { 'aws:PrincipalTag/client-id': 'acme' } }),
      ),
    ).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('non-compliant 4: an extra condition narrows the deny', () => {
    expect(
      clientFindings(rule, (s) =>
        deny(plainDataset(s, {}), ['s3:*'], {
          StringNotEquals: { 'aws:PrincipalTag/client-id': 'acme' },
          StringLike: { 'aws:userid': 'AIDA*' },
        }),
      ),
    ).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('compliant: s3:* covers every data action', () => {
    expect(
      clientFindings(rule, (s) => deny(plainDataset(s, {}), ['s3:*'], { StringNotEquals: { 'aws:PrincipalTag/client-id': 'acme' } })),
    ).toEqual([]);
  });
});
