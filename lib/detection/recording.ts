/**
 * What AWS Config must record so that Security Hub's controls have data
 * (DP-POSTURE): at least every resource type the baseline deploys. The
 * recorder records all supported types, so this list is what a narrower
 * recorder (a consumer's) must still cover.
 */
export const BASELINE_RECORDED_TYPES = [
  'AWS::S3::Bucket',
  'AWS::KMS::Key',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::SNS::Topic',
  'AWS::Backup::BackupVault',
  'AWS::Backup::BackupPlan',
  'AWS::Backup::BackupSelection',
  'AWS::Events::Rule',
  'AWS::CloudWatch::Alarm',
  'AWS::CloudTrail::Trail',
  'AWS::Logs::LogGroup',
  'AWS::GuardDuty::Detector',
  'AWS::AccessAnalyzer::Analyzer',
] as const;

/** IAM's global resource types: recorded in exactly one region per account. */
export const GLOBAL_RECORDED_TYPES = ['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::User', 'AWS::IAM::Group'] as const;

/** The service-linked role Config records with (Security Hub control Config.1 expects it). */
export function configServiceLinkedRoleArn(partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
}
