import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';

/** The service-linked role AWS Backup Audit Manager delivers report files with, in any account. */
export const BACKUP_REPORTS_ROLE_PATTERN =
  'arn:aws:iam::*:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports';

/** Key prefix of Backup Audit Manager reports in the log archive. */
export const BACKUP_REPORTS_PREFIX = 'backup-reports/';

/**
 * Lets Backup Audit Manager of the given accounts deliver report files into
 * the log archive, under `backup-reports/` only, encrypted with the archive's
 * key through S3 (BKP-6-AUDIT, CDM-5.1-AUDIT). The service-linked role exists
 * only once Backup Audit Manager is used in an account, and S3 and KMS refuse
 * unknown principals, so the statements name the accounts and pin the role by
 * `aws:PrincipalArn`.
 */
export function admitBackupReports(archive: s3.IBucket, key: kms.IKey, accounts: readonly string[]): void {
  if (accounts.length === 0) return;
  const principals = [...new Set(accounts)].sort().map((account) => new iam.AccountPrincipal(account));
  const role = { ArnLike: { 'aws:PrincipalArn': BACKUP_REPORTS_ROLE_PATTERN } };
  archive.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'BackupAuditManagerReports',
      principals,
      actions: ['s3:PutObject'],
      resources: [archive.arnForObjects(`${BACKUP_REPORTS_PREFIX}*`)],
      conditions: { ...role, StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'BackupAuditManagerReportsEncrypt',
      principals,
      actions: ['kms:GenerateDataKey', 'kms:Encrypt'],
      resources: ['*'],
      conditions: { ...role, StringEquals: { 'kms:ViaService': `s3.${Stack.of(archive).region}.amazonaws.com` } },
    }),
  );
}
