/**
 * Deploy-time limits of AWS services that a template can cross without
 * CloudFormation noticing until it deploys, and how this baseline measures a
 * policy document's size at synth time. Sources: each service's quotas page
 * (S3, KMS, IAM, SNS, CloudTrail, CloudFormation, CodePipeline); see
 * `../shared/AWS-PITFALLS.md`.
 */

/** The limits, in one place. Sizes in bytes or characters as the service counts them. */
export const AWS_LIMITS = {
  /** S3 bucket policy: 20 KB. */
  s3BucketPolicyBytes: 20 * 1024,
  /** KMS key policy: 32 KB. */
  kmsKeyPolicyBytes: 32 * 1024,
  /** IAM customer managed policy: 6,144 characters, whitespace not counted. */
  iamManagedPolicyChars: 6144,
  /** IAM role trust policy: 2,048 characters by default (whitespace not counted; quota raisable to 4,096). */
  iamTrustPolicyChars: 2048,
  /** IAM inline policies of one role, all together: 10,240 characters (whitespace not counted). */
  iamRoleInlinePoliciesChars: 10240,
  /** Managed policies attached to one role: 10 by default (quota raisable to 20). */
  iamRoleManagedPolicies: 10,
  /** SNS topic access policy: 30 KB. */
  snsTopicPolicyBytes: 30 * 1024,
  /** CloudTrail basic event selectors per trail. */
  cloudTrailEventSelectors: 5,
  /** CloudTrail data resources (values) across all basic event selectors of a trail. */
  cloudTrailDataResources: 250,
  /** CloudTrail advanced event selectors: values across all conditions of a trail. */
  cloudTrailAdvancedSelectorValues: 500,
  /** AWS Backup vault lock in compliance mode: at least 3 days before it becomes immutable. */
  backupVaultLockMinChangeableDays: 3,
  /** CloudFormation resources per stack. */
  stackResources: 500,
  /** CloudFormation outputs per stack. */
  stackOutputs: 200,
  /** CloudFormation parameters per stack. */
  stackParameters: 200,
  /** CloudFormation mappings per stack. */
  stackMappings: 200,
  /** CloudFormation template body uploaded through S3 (as `cdk deploy` does): 1 MB. */
  templateBytes: 1024 * 1024,
  /** CloudFormation stacks per account and region (default quota). */
  stacksPerAccountRegion: 2000,
  /** S3 general purpose buckets per account, all regions together (default quota). */
  bucketsPerAccount: 10000,
  /** IAM roles per account (default quota; raisable to 5,000). */
  rolesPerAccount: 1000,
  /** IAM customer managed policies per account (default quota; raisable to 5,000). */
  managedPoliciesPerAccount: 1500,
  /**
   * CodePipeline stages per pipeline: at most 50 (older documentation said 10; at least 2).
   *
   * @see https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html
   */
  codePipelineStages: 50,
  /**
   * CodePipeline actions per stage: at most 50 (parallel or sequential). CDK Pipelines splits a
   * stage at 50 graph leaves, but a `ConfirmPermissionsBroadening` step is one leaf and two actions.
   *
   * @see https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html
   */
  codePipelineActionsPerStage: 50,
  // Detection after deploy (shared/AWS-PITFALLS-DETECTION-AND-ACCOUNTS.md rows 6, 12, 23, 28, 34).
  /** GuardDuty detectors per account and region (not adjustable). */
  guardDutyDetectorsPerAccountRegion: 1,
  /** Security Hub hubs per account and region (one subscription). */
  securityHubHubsPerAccountRegion: 1,
  /** AWS Config customer-managed recorders per account and region. */
  configRecordersPerAccountRegion: 1,
  /** AWS Config delivery channels per account and region. */
  configDeliveryChannelsPerAccountRegion: 1,
  /** Macie sessions per account and region. */
  macieSessionsPerAccountRegion: 1,
  /** IAM Access Analyzer account-level analyzers of one type per account and region (hard). */
  accountAnalyzersPerTypePerAccountRegion: 1,
  /**
   * GuardDuty Malware Protection for S3: protected buckets per account and
   * region, default quota (the current quotas page; older pages said 10, not
   * adjustable). `provider.detection.quotas.malwareProtectedBuckets` declares
   * a raised value.
   */
  malwareProtectedBucketsPerAccountRegion: 25,
  /**
   * AWS Organizations service control policy and resource control policy:
   * 5,120 characters each. Through the API (and CloudFormation) every
   * character counts, whitespace included; measured on compact JSON.
   */
  organizationsPolicyChars: 5120,
  /**
   * AWS Organizations policies of one type attached to one root, OU or account:
   * 5, counting the AWS managed FullAWSAccess (SCP) or RCPFullAWSAccess (RCP).
   */
  organizationsPoliciesPerTarget: 5,
} as const;

/**
 * How many characters an unresolved reference (`Ref`, `Fn::GetAtt`, ...)
 * stands for once deployed: more than any ARN or name the baseline refers to
 * (bucket ARN at most 76, key ARN about 80, role ARN at most ~100), so the
 * size estimate errs on the safe side.
 */
export const REFERENCE_LENGTH = 100;

const PLACEHOLDER = 'x'.repeat(REFERENCE_LENGTH);

/**
 * The longest value each of CloudFormation's short pseudo parameters can
 * deploy as, in any partition: `AWS::Partition` `aws-us-gov`, `AWS::Region`
 * e.g. `ap-southeast-5` or `eusc-de-east-1`, `AWS::AccountId` 12 digits,
 * `AWS::URLSuffix` `amazonaws.com.cn`. Sized by these, not by
 * {@link REFERENCE_LENGTH}: CDK puts `AWS::Partition` into every ARN it
 * builds, and a policy of 35 ARNs would otherwise be estimated 3,400
 * characters longer than it deploys.
 */
export const PSEUDO_PARAMETER_LENGTHS: Readonly<Record<string, number>> = {
  'AWS::Partition': 10,
  'AWS::Region': 14,
  'AWS::AccountId': 12,
  'AWS::URLSuffix': 16,
};

/**
 * The value with every intrinsic function replaced by what it would deploy
 * as, conservatively sized: a pseudo parameter by its longest value
 * ({@link PSEUDO_PARAMETER_LENGTHS}), any other reference by
 * {@link REFERENCE_LENGTH}.
 */
export function deployedShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deployedShape);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, arg] = entries[0];
    if (key === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) {
      return (arg[1] as unknown[]).map((part) => (typeof part === 'string' ? part : String(deployedShape(part)))).join(String(arg[0]));
    }
    if (key === 'Fn::Sub') {
      const template = Array.isArray(arg) ? arg[0] : arg;
      return String(template).replace(/\$\{[^}]*\}/g, PLACEHOLDER);
    }
    if (key === 'Ref' && typeof arg === 'string' && PSEUDO_PARAMETER_LENGTHS[arg] !== undefined)
      return 'x'.repeat(PSEUDO_PARAMETER_LENGTHS[arg]);
    if (key === 'Ref' || key.startsWith('Fn::')) return PLACEHOLDER;
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, deployedShape(v)]));
}

/** Size in bytes of a policy document as deployed (compact JSON, UTF-8). */
export function policyBytes(document: unknown): number {
  return Buffer.byteLength(JSON.stringify(deployedShape(document) ?? {}), 'utf8');
}

/** Size in characters of an IAM policy document, whitespace not counted (as IAM counts it). */
export function iamPolicyChars(document: unknown): number {
  return JSON.stringify(deployedShape(document) ?? {}).replace(/\s/g, '').length;
}

/** Size in characters of an AWS Organizations policy as the API receives it (compact JSON, whitespace counted). */
export function organizationsPolicyChars(document: unknown): number {
  return JSON.stringify(deployedShape(document) ?? {}).length;
}

/** The finding a limit rule reports: the size and the limit, e.g. `21034 bytes, limit 20480`. */
export function overLimit(size: number, limit: number, unit: string): string[] {
  return size > limit ? [`${size} ${unit}, limit ${limit}`] : [];
}

// ---------------------------------------------------------------------------
// Text limits: lengths and character sets AWS accepts in the places the
// configuration's free text and names end up (tags, descriptions, IAM names
// and paths). Sources: IAM API reference (CreateRole, Tag, User and role
// names), CloudFormation template anatomy (Description), aws-cdk-lib's Stack
// and Token encoding; see `../shared/AWS-PITFALLS-DETECTION-AND-ACCOUNTS.md` §1.
// ---------------------------------------------------------------------------

/** The limits on text, in one place. Lengths in characters (UTF-16 code units, as the services count them) unless named bytes. */
export const AWS_TEXT_LIMITS = {
  /** A tag value (IAM, S3, KMS, CloudFormation stacks): at most 256 characters. */
  tagValueChars: 256,
  /** Characters IAM and S3 accept in a tag value: letters, digits, spaces and `_ . : / = + - @` (any script). */
  tagValuePattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
  /** An IAM role's description: at most 1,000 characters. */
  iamRoleDescriptionChars: 1000,
  /** Characters IAM accepts in a role description: tab, line breaks, printable ASCII and Latin-1 from U+00A1 (no em dash, curly quotes, NBSP, emoji, nor letters such as "Ł"). */
  iamRoleDescriptionPattern: /^[\t\n\r\x20-\x7E\xA1-\xFF]*$/,
  /** A CloudFormation template's `Description`: at most 1,024 bytes (UTF-8). */
  stackDescriptionBytes: 1024,
  /** aws-cdk-lib refuses a stack description longer than 512 characters (`StackDescriptionTooLong`), before CloudFormation's byte limit. */
  cdkStackDescriptionChars: 512,
  /** An IAM role or user name: 1 to 64 characters. */
  iamNameChars: 64,
  /** Characters of an IAM role or user name. */
  iamNamePattern: /^[\w+=,.@-]+$/,
  /** An IAM path (`/` or `/division/team/`): at most 512 characters, slashes included. */
  iamPathChars: 512,
  /**
   * What aws-cdk-lib takes for an encoded token inside a string (`${Token[...]}`
   * for strings, `#{Token[...]}` for lists): text containing one is resolved,
   * or fails, at synth instead of being written as it is.
   */
  cdkTokenMarkers: ['${Token[', '#{Token['] as readonly string[],
} as const;
