import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LOG_ARCHIVE_DEFAULTS } from '../../defaults';

/** CloudTrail's limit: values across every condition of a trail's advanced event selectors. */
export const ADVANCED_SELECTOR_VALUE_LIMIT = 500;

/**
 * The trail's advanced event selectors: every management event (read and
 * write), and every S3 object data event (read and write) on buckets whose
 * ARN starts with one of the given prefixes (DP-LOG-ALL-ACCESS). Their size
 * depends on the prefixes only, never on the number of clients.
 *
 * @param bucketArnPrefixes e.g. `["arn:aws:s3:::precision-"]`
 */
export function auditEventSelectors(bucketArnPrefixes: readonly string[]): cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] {
  if (bucketArnPrefixes.length === 0) throw new Error('auditEventSelectors: at least one bucket ARN prefix is required');
  const selectors: cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] = [
    {
      name: 'Management events, read and write',
      fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }],
    },
    {
      name: 'Client bucket object events, read and write',
      fieldSelectors: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
        { field: 'resources.ARN', startsWith: [...bucketArnPrefixes] },
      ],
    },
  ];
  const values = selectorValueCount(selectors);
  if (values > ADVANCED_SELECTOR_VALUE_LIMIT) {
    throw new Error(
      `auditEventSelectors: ${values} condition values (${bucketArnPrefixes.length} bucket ARN prefixes) exceed CloudTrail's limit of ${ADVANCED_SELECTOR_VALUE_LIMIT}`,
    );
  }
  return selectors;
}

/** How many condition values a set of advanced event selectors uses (CloudTrail allows 500). */
export function selectorValueCount(selectors: readonly cloudtrail.CfnTrail.AdvancedEventSelectorProperty[]): number {
  return selectors
    .flatMap((s) => s.fieldSelectors as cloudtrail.CfnTrail.AdvancedFieldSelectorProperty[])
    .reduce(
      (n, f) =>
        n +
        [f.equalTo, f.startsWith, f.endsWith, f.notEquals, f.notStartsWith, f.notEndsWith].reduce(
          (m, values) => m + (values?.length ?? 0),
          0,
        ),
      0,
    );
}

/** Properties of an {@link AuditTrail}. */
export interface AuditTrailProps {
  /** Fixed trail name (its ARN is derived from it, see `names.ts`). */
  readonly trailName: string;
  /** The log archive, whose policy admits this trail (a `LogArchiveBucket`). */
  readonly archive: s3.IBucket;
  /** The audit key: encrypts log files and the log group. */
  readonly encryptionKey: kms.IKey;
  /**
   * ARN (key or alias ARN) of the key that encrypts the log files, when it is
   * not `encryptionKey`: the log archive account's key, named across accounts.
   *
   * @default - `encryptionKey`
   */
  readonly logFileKeyArn?: string;
  /** Fixed name of the CloudWatch Logs group. */
  readonly logGroupName: string;
  /** Days the log group keeps events. */
  readonly logRetention: logs.RetentionDays;
  /** ARN prefixes of the buckets whose object reads and writes are recorded. */
  readonly dataEventBucketArnPrefixes: readonly string[];
  /**
   * Record every account of the organization (CDM-3.3-SEGREGATE): the stack
   * must deploy to the organization's management account or a delegated
   * CloudTrail administrator account.
   *
   * @default false
   */
  readonly isOrganizationTrail?: boolean;
}

/**
 * The provider's CloudTrail trail (DP-LOG-ALL-ACCESS, DP-LOG-INTEGRITY):
 * multi-region with global service events, log file validation, SSE-KMS with
 * the audit key, delivery to the log archive and, in near real time, to an
 * encrypted CloudWatch Logs group (the copy the security alarms read), and
 * advanced event selectors that record every management event and every
 * object read and write on client buckets.
 *
 * Built on `CfnTrail` rather than CDK's `Trail`, which cannot express advanced
 * event selectors, adds bucket statements without `aws:SourceArn` (aws-cdk
 * #15515) and gives its delivery role an inline policy. The archive's own
 * policy carries the documented statements; the trail waits for it and for
 * its role, since CloudTrail checks both at creation.
 */
export class AuditTrail extends Construct {
  /** The trail. */
  public readonly trail: cloudtrail.CfnTrail;
  /** The log group the trail delivers to. */
  public readonly logGroup: logs.LogGroup;
  /** The role CloudTrail assumes to write to the log group. */
  public readonly logsRole: iam.Role;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      encryptionKey: props.encryptionKey,
      retention: props.logRetention,
      removalPolicy: LOG_ARCHIVE_DEFAULTS.removalPolicy,
    });
    this.logsRole = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
      description: 'CloudTrail delivers the audit trail to its CloudWatch Logs group',
    });
    const logsPolicy = new iam.ManagedPolicy(this, 'LogsPolicy', {
      description: 'Write the audit trail into its log group, nothing else',
      roles: [this.logsRole],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });
    this.trail = new cloudtrail.CfnTrail(this, 'Trail', {
      trailName: props.trailName,
      isLogging: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      s3BucketName: props.archive.bucketName,
      kmsKeyId: props.logFileKeyArn ?? props.encryptionKey.keyArn,
      cloudWatchLogsLogGroupArn: this.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: this.logsRole.roleArn,
      advancedEventSelectors: auditEventSelectors(props.dataEventBucketArnPrefixes),
      isOrganizationTrail: props.isOrganizationTrail ?? false,
    });
    this.trail.node.addDependency(this.logsRole, logsPolicy);
    if (props.archive.policy !== undefined) this.trail.node.addDependency(props.archive.policy);
  }
}
