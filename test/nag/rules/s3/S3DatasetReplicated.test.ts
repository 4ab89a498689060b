import type * as s3 from 'aws-cdk-lib/aws-s3';
import { ACME_BILLING as BILLING, changeRule, acmeFindings as findings, ACME_RECORDS as RECORDS } from '../../../util';

describe('CDB-S3DatasetReplicated (DP-MULTI-REGION)', () => {
  test('compliant: every dataset bucket replicates and the replicas are their destinations', () => {
    expect(findings('S3DatasetReplicated')).toEqual([]);
  });

  test('non-compliant: a dataset bucket without replication (and its replica, now nobody’s destination)', () => {
    expect(
      findings('S3DatasetReplicated', ({ data }) => {
        (data.buckets.records.node.defaultChild as s3.CfnBucket).replicationConfiguration = undefined;
      }),
    ).toEqual([RECORDS, 'acme-replica/Default/Replica-records/Resource']);
  });

  test('non-compliant: a rule that copies only a prefix', () => {
    expect(
      findings('S3DatasetReplicated', ({ data }) => changeRule(data.buckets.records, (r) => ({ ...r, filter: { prefix: 'some/' } }))),
    ).toEqual([RECORDS]);
  });

  test('non-compliant: a disabled rule', () => {
    expect(findings('S3DatasetReplicated', ({ data }) => changeRule(data.buckets.billing, (r) => ({ ...r, status: 'Disabled' })))).toEqual([
      BILLING,
    ]);
  });
});
