import type { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { organizationFindings as findings } from '../../../util';

describe('organization layout: pack rules', () => {
  test('CDB-CloudTrailArchiveInOwnAccount: compliant with the archive in the log archive account; each way of failing', () => {
    expect(findings('CDB-CloudTrailArchiveInOwnAccount')).toEqual([]);
    // 1. the trail delivers to a bucket of its own account
    expect(
      findings('CDB-CloudTrailArchiveInOwnAccount', (s) => ((s.audit.trail.trail as CfnTrail).s3BucketName = 'somewhere-else')),
    ).toEqual(['CDB-CloudTrailArchiveInOwnAccount audit/AuditTrail/Trail']);
    // 2. the key is not the log archive account's
    expect(
      findings(
        'CDB-CloudTrailArchiveInOwnAccount',
        (s) => (s.audit.trail.trail.kmsKeyId = 'arn:aws:kms:eu-west-1:111111111111:alias/precision/audit'),
      ),
    ).toEqual(['CDB-CloudTrailArchiveInOwnAccount audit/AuditTrail/Trail']);
  });
});
