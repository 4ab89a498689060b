/**
 * The Security Hub standards the baseline enables, matching the synth-time
 * packs (AWS Solutions ~ Foundational Security Best Practices, CIS, NIST
 * 800-53 R5, PCI DSS), and the Security Hub controls that watch, after
 * deploy, a control the synth checks already enforce: one control, two
 * enforcement points, one report (DP-POSTURE).
 */

/** One Security Hub standard. */
export interface SecurityHubStandard {
  /** Short name. */
  readonly name: string;
  /** The standard's path after `standards/` in its ARN. */
  readonly path: string;
  /** The synth-time pack it matches. */
  readonly pack: string;
}

/**
 * The four standards. CIS is v3.0.0 and PCI DSS v4.0.1, the current versions
 * Security Hub offers (CIS 1.2.0 has a global ARN of another form; PCI DSS
 * 3.2.1, the cdk-nag pack's version, is retired by the PCI council).
 * `StandardsArn` is create-only: changing a version replaces the subscription.
 */
export const SECURITY_HUB_STANDARDS: readonly SecurityHubStandard[] = [
  { name: 'AWS Foundational Security Best Practices', path: 'aws-foundational-security-best-practices/v/1.0.0', pack: 'AwsSolutions' },
  { name: 'CIS AWS Foundations Benchmark', path: 'cis-aws-foundations-benchmark/v/3.0.0', pack: 'AwsSolutions (CIS patterns, DP-MONITOR)' },
  { name: 'NIST SP 800-53 Rev. 5', path: 'nist-800-53/v/5.0.0', pack: 'NIST.800.53.R5' },
  { name: 'PCI DSS', path: 'pci-dss/v/4.0.1', pack: 'PCI.DSS.321' },
];

/** A standard's ARN in a partition and region (region-specific, as Security Hub requires). */
export function standardArn(standard: SecurityHubStandard, partition: string, region: string): string {
  return `arn:${partition}:securityhub:${region}::standards/${standard.path}`;
}

/** The pattern a standard ARN of these four must match once resolved. */
export const STANDARD_ARN_PATTERN = /^arn:aws[\w-]*:securityhub:[a-z0-9-]+::standards\/(.+)$/;

/**
 * Security Hub controls (consolidated control ids) that watch one of our
 * controls on the deployed resources; the report lists them beside the
 * control. From the Security Hub controls reference.
 */
export const SECURITY_HUB_CONTROLS: Readonly<Record<string, readonly string[]>> = {
  'CDM-3.4-AT-REST': ['S3.17', 'KMS.4', 'SNS.1'],
  'CDM-3.4-IN-TRANSIT': ['S3.5'],
  'DP-INTEGRITY': ['S3.1', 'S3.2', 'S3.3', 'S3.8', 'S3.14', 'KMS.3'],
  'DP-LOG-ALL-ACCESS': ['CloudTrail.1', 'S3.9', 'S3.22', 'S3.23'],
  'DP-LOG-INTEGRITY': ['CloudTrail.2', 'CloudTrail.4', 'CloudTrail.5'],
  'DP-MONITOR': ['CloudWatch.1', 'CloudWatch.2', 'CloudWatch.4', 'CloudWatch.5', 'CloudWatch.7', 'CloudWatch.8'],
  'DP-MULTI-REGION': ['S3.7'],
  'BKP-3.3-METHOD': ['Backup.1'],
  'DP-THREAT-DETECTION': ['GuardDuty.1', 'GuardDuty.10'],
  'DP-POSTURE': ['Config.1', 'IAM.28'],
  'DP-CLASS-DISCOVERY': ['Macie.1', 'Macie.2'],
};
