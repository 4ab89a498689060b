import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { baseKeyPolicyStatements } from '../data/key-administration';
import { KEY_DEFAULTS } from '../../defaults';

/** Properties of an {@link AuditKey}. */
export interface AuditKeyProps {
  /** Alias, e.g. `alias/precision/audit`. */
  readonly alias: string;
  /**
   * ARN of the one trail that may encrypt with the key (built from its fixed name, see `names.ts`).
   *
   * @default - CloudTrail may not use the key (the home account's key when the archive lives in a log archive account)
   */
  readonly trailArn?: string;
  /**
   * ARN of the one CloudWatch Logs group that may encrypt with the key (without `:*`).
   *
   * @default - CloudWatch Logs may not use the key (the log archive account's key)
   */
  readonly logGroupArn?: string;
  /**
   * The account the trail runs in: its log files' encryption context names it.
   *
   * @default - the key's own account
   */
  readonly trailAccount?: string;
  /**
   * What the key encrypts, for its description.
   *
   * @default 'Encrypts the client-data-baseline audit trail, its log group and its log archive'
   */
  readonly description?: string;
}

/**
 * The customer-managed key of the audit trail, its CloudWatch Logs group and
 * its log archive (DP-LOG-INTEGRITY, CDM-3.4-AT-REST).
 *
 * The policy replaces KMS's default and follows AWS's documented statements
 * for CloudTrail: CloudTrail may generate data keys only for this trail
 * (`aws:SourceArn`) and only under a CloudTrail encryption context of this
 * account (`kms:EncryptionContext:aws:cloudtrail:arn`), and describe the key
 * for this trail; principals of the account may decrypt log files (their IAM
 * policies still have to allow it); CloudWatch Logs may use the key for this
 * log group only (`kms:EncryptionContext:aws:logs:arn`). The account
 * administers the key but cannot use it through that grant (DP-KEY-ADMIN).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export class AuditKey extends kms.Key {
  constructor(scope: Construct, id: string, props: AuditKeyProps) {
    const { account, region } = Stack.of(scope);
    const cloudtrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const trailContext = `arn:aws:cloudtrail:*:${props.trailAccount ?? account}:trail/*`;
    const trailArn = props.trailArn;
    const logGroupArn = props.logGroupArn;
    super(scope, id, {
      alias: props.alias,
      description: props.description ?? 'Encrypts the client-data-baseline audit trail, its log group and its log archive',
      enableKeyRotation: KEY_DEFAULTS.enableKeyRotation,
      pendingWindow: KEY_DEFAULTS.pendingWindow,
      removalPolicy: KEY_DEFAULTS.removalPolicy,
      policy: new iam.PolicyDocument({
        statements: [
          ...baseKeyPolicyStatements(),
          ...(trailArn === undefined
            ? []
            : [
                new iam.PolicyStatement({
                  sid: 'CloudTrailEncryptLogs',
                  principals: [cloudtrail],
                  actions: ['kms:GenerateDataKey*'],
                  resources: ['*'],
                  conditions: {
                    StringEquals: { 'aws:SourceArn': trailArn },
                    StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailContext },
                  },
                }),
                new iam.PolicyStatement({
                  sid: 'CloudTrailDescribeKey',
                  principals: [cloudtrail],
                  actions: ['kms:DescribeKey'],
                  resources: ['*'],
                  conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
                }),
                new iam.PolicyStatement({
                  sid: 'AccountDecryptsLogFiles',
                  principals: [new iam.AccountPrincipal(account)],
                  actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
                  resources: ['*'],
                  conditions: {
                    StringEquals: { 'kms:CallerAccount': account },
                    StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailContext },
                  },
                }),
              ]),
          ...(logGroupArn === undefined
            ? []
            : [
                new iam.PolicyStatement({
                  sid: 'CloudWatchLogsUseKeyForTrailLogGroup',
                  principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
                  actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
                  resources: ['*'],
                  conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
                }),
              ]),
        ],
      }),
    });
  }
}
