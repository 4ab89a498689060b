import { type App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AccessLogBucket, ClientDataBucket, ClientKey } from '../../lib/constructs/data';
import { AlertTopic } from '../../lib/constructs/alerts';
import { AuditKey, AuditTrail, type AuditTrailProps, LogArchiveBucket, type LogArchiveBucketProps } from '../../lib/constructs/audit';
import { PACK_RULES } from '../../lib/nag';
import { packFindings } from '../util';

const TRAIL_ARN = 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/test-audit';
const LOG_GROUP = '/test/audit/cloudtrail';

interface AuditOptions {
  readonly archive?: Partial<LogArchiveBucketProps>;
  readonly trail?: Partial<AuditTrailProps>;
}

/** The audit set-up of the baseline, in the test stack: key, archive, trail. */
function buildAudit(stack: Stack, options: AuditOptions = {}) {
  const key = new AuditKey(stack, 'AuditKey', {
    alias: 'alias/test/audit',
    trailArn: TRAIL_ARN,
    logGroupArn: `arn:aws:logs:eu-west-1:111111111111:log-group:${LOG_GROUP}`,
  });
  const accessLogs = new AccessLogBucket(stack, 'ArchiveAccessLogs', { bucketName: '111111111111-test-audit-eu-west-1-s3logs' });
  const archive = new LogArchiveBucket(stack, 'LogArchive', {
    bucketName: '111111111111-test-audit-eu-west-1',
    encryptionKey: key,
    serverAccessLogsBucket: accessLogs,
    trailArn: TRAIL_ARN,
    lockMode: 'governance',
    lockDays: 365,
    retentionDays: 2557,
    ...options.archive,
  });
  const trail = new AuditTrail(stack, 'AuditTrail', {
    trailName: 'test-audit',
    archive,
    encryptionKey: key,
    logGroupName: LOG_GROUP,
    logRetention: logs.RetentionDays.ONE_YEAR,
    dataEventBucketArnPrefixes: ['arn:aws:s3:::test-'],
    ...options.trail,
  });
  return { key, archive, trail };
}

/** A client dataset bucket in its own stack (account, region) of the same app. */
function clientBucket(stack: Stack, id: string, bucketName: string | undefined, env = { account: '111111111111', region: 'eu-central-1' }) {
  const other = new Stack(stack.node.root as App, `Client-${id}`, { env });
  const key = new ClientKey(other, 'Key', { clientId: 'acme', alias: 'alias/test/acme/data' });
  const logsBucket = new AccessLogBucket(other, 'Logs', { bucketName: `test-acme-${env.account}-${env.region}-s3logs` });
  return new ClientDataBucket(other, 'Records', {
    bucketName: bucketName as string,
    clientId: 'acme',
    dataset: 'records',
    classification: 'phi',
    tier: 'critical',
    encryptionKey: key,
    serverAccessLogsBucket: logsBucket,
  });
}

/** A plain trail for the cases that change one property. */
function plainTrail(stack: Stack, props: Partial<cloudtrail.CfnTrailProps>) {
  return new cloudtrail.CfnTrail(stack, 'Trail', {
    isLogging: true,
    s3BucketName: 'some-bucket',
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    ...props,
  });
}

/** The archive's deletion deny, without condition. */
function denyDeletion(bucket: s3.IBucket) {
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      resources: [bucket.arnForObjects('*')],
    }),
  );
}

const dataSelector = (arn: Record<string, string[]>, extra: cloudtrail.CfnTrail.AdvancedFieldSelectorProperty[] = []) => [
  {
    fieldSelectors: [
      { field: 'eventCategory', equalTo: ['Data'] },
      { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
      { field: 'resources.ARN', ...arn },
      ...extra,
    ],
  },
];

test('the new rules are registered with the controls they check', () => {
  const controls = Object.fromEntries(PACK_RULES.map((r) => [r.rule.name, r.controls]));
  expect(controls).toMatchObject({
    CloudTrailMultiRegion: ['DP-LOG-ALL-ACCESS'],
    CloudTrailLogFileValidation: ['DP-LOG-INTEGRITY'],
    CloudTrailEncryptedWithCmk: ['CDM-3.4-AT-REST', 'DP-LOG-INTEGRITY'],
    CloudTrailToEncryptedLogGroup: ['DP-MONITOR', 'DP-LOG-INTEGRITY', 'CDM-3.7-RETENTION'],
    CloudTrailClientDataEvents: ['DP-LOG-ALL-ACCESS', 'CDM-5.1-AUDIT'],
    CloudTrailArchiveLocked: ['DP-LOG-INTEGRITY'],
    CloudTrailArchiveRetained: ['DP-LOG-INTEGRITY', 'CDM-3.7-RETENTION'],
    SnsTopicEncryptedWithCmk: ['CDM-3.4-AT-REST', 'DP-MONITOR', 'BKP-5-MONITOR'],
  });
});

describe('the baseline audit set-up is compliant with every audit rule', () => {
  const rules = [
    'CloudTrailMultiRegion',
    'CloudTrailLogFileValidation',
    'CloudTrailEncryptedWithCmk',
    'CloudTrailToEncryptedLogGroup',
    'CloudTrailClientDataEvents',
    'CloudTrailArchiveLocked',
    'CloudTrailArchiveRetained',
    'SnsTopicEncryptedWithCmk',
  ];
  test.each(rules)('CDB-%s', (rule) => {
    expect(
      packFindings(`CDB-${rule}`, (stack) => {
        buildAudit(stack);
        new AlertTopic(stack, 'Alerts', { emails: ['secops@example.com'] });
        clientBucket(stack, 'primary', 'test-acme-records-111111111111-eu-central-1');
        clientBucket(stack, 'replica', 'test-acme-records-111111111111-eu-west-1', { account: '111111111111', region: 'eu-west-1' });
      }),
    ).toEqual([]);
  });
});

describe('CDB-CloudTrailMultiRegion', () => {
  test.each<[string, Partial<cloudtrail.CfnTrailProps>]>([
    ['a single-region trail', { isMultiRegionTrail: false }],
    ['a trail without global service events', { includeGlobalServiceEvents: false }],
    ['a trail that does not say', { isMultiRegionTrail: undefined }],
  ])('refuses %s', (_name, props) => {
    expect(packFindings('CDB-CloudTrailMultiRegion', (stack) => plainTrail(stack, props))).toEqual([
      'CDB-CloudTrailMultiRegion Test/Trail',
    ]);
  });
});

describe('CDB-CloudTrailLogFileValidation', () => {
  test.each<[string, boolean | undefined]>([
    ['validation off', false],
    ['validation unset (CloudFormation default: off)', undefined],
  ])('refuses %s', (_name, enableLogFileValidation) => {
    expect(packFindings('CDB-CloudTrailLogFileValidation', (stack) => plainTrail(stack, { enableLogFileValidation }))).toEqual([
      'CDB-CloudTrailLogFileValidation Test/Trail',
    ]);
  });
});

describe('CDB-CloudTrailEncryptedWithCmk', () => {
  test('refuses a trail without a key (SSE-S3)', () => {
    expect(packFindings('CDB-CloudTrailEncryptedWithCmk', (stack) => plainTrail(stack, {}))).toEqual([
      'CDB-CloudTrailEncryptedWithCmk Test/Trail',
    ]);
  });
  test('refuses a key that does not rotate', () => {
    expect(
      packFindings('CDB-CloudTrailEncryptedWithCmk', (stack) => {
        const key = new kms.Key(stack, 'Key', { enableKeyRotation: false, removalPolicy: RemovalPolicy.RETAIN });
        plainTrail(stack, { kmsKeyId: key.keyArn });
      }),
    ).toEqual(['CDB-CloudTrailEncryptedWithCmk Test/Trail']);
  });
  test('refuses the AWS-managed alias', () => {
    expect(packFindings('CDB-CloudTrailEncryptedWithCmk', (stack) => plainTrail(stack, { kmsKeyId: 'alias/aws/cloudtrail' }))).toEqual([
      'CDB-CloudTrailEncryptedWithCmk Test/Trail',
    ]);
  });
});

describe('CDB-CloudTrailToEncryptedLogGroup', () => {
  const withGroup = (stack: Stack, props: logs.LogGroupProps) => {
    const group = new logs.LogGroup(stack, 'Group', { removalPolicy: RemovalPolicy.RETAIN, ...props });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com') });
    plainTrail(stack, { cloudWatchLogsLogGroupArn: group.logGroupArn, cloudWatchLogsRoleArn: role.roleArn });
  };
  test('refuses a trail without CloudWatch Logs delivery', () => {
    expect(packFindings('CDB-CloudTrailToEncryptedLogGroup', (stack) => plainTrail(stack, {}))).toEqual([
      'CDB-CloudTrailToEncryptedLogGroup Test/Trail',
    ]);
  });
  test('refuses an unencrypted log group', () => {
    expect(
      packFindings('CDB-CloudTrailToEncryptedLogGroup', (stack) => withGroup(stack, { retention: logs.RetentionDays.ONE_YEAR })),
    ).toEqual(['CDB-CloudTrailToEncryptedLogGroup Test/Trail']);
  });
  test('refuses a log group kept forever', () => {
    expect(
      packFindings('CDB-CloudTrailToEncryptedLogGroup', (stack) =>
        withGroup(stack, {
          retention: logs.RetentionDays.INFINITE,
          encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN }),
        }),
      ),
    ).toEqual(['CDB-CloudTrailToEncryptedLogGroup Test/Trail']);
  });
});

describe('CDB-CloudTrailClientDataEvents', () => {
  const findings = (build: (stack: Stack) => void) => packFindings('CDB-CloudTrailClientDataEvents', build);
  const covered = 'test-acme-records-111111111111-eu-central-1';
  const trailWith = (stack: Stack, props: Partial<cloudtrail.CfnTrailProps>) => {
    clientBucket(stack, 'primary', covered);
    plainTrail(stack, props);
  };

  test('accepts basic event selectors that name the bucket', () => {
    expect(
      findings((stack) =>
        trailWith(stack, {
          eventSelectors: [{ readWriteType: 'All', dataResources: [{ type: 'AWS::S3::Object', values: [`arn:aws:s3:::${covered}/`] }] }],
        }),
      ),
    ).toEqual([]);
  });
  test('ignores client buckets of another account, which a trail of this account cannot record', () => {
    expect(
      findings((stack) => {
        buildAudit(stack);
        clientBucket(stack, 'elsewhere', 'other-acme-records-222222222222-eu-central-1', {
          account: '222222222222',
          region: 'eu-central-1',
        });
      }),
    ).toEqual([]);
  });
  test.each<[string, Partial<cloudtrail.CfnTrailProps>]>([
    ['no data events at all', { advancedEventSelectors: [{ fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] }] }],
    ['a prefix of another provider', { advancedEventSelectors: dataSelector({ startsWith: ['arn:aws:s3:::other-'] }) }],
    [
      'reads only',
      { advancedEventSelectors: dataSelector({ startsWith: ['arn:aws:s3:::test-'] }, [{ field: 'readOnly', equalTo: ['true'] }]) },
    ],
    [
      'a filter on event names',
      { advancedEventSelectors: dataSelector({ startsWith: ['arn:aws:s3:::test-'] }, [{ field: 'eventName', equalTo: ['PutObject'] }]) },
    ],
    [
      'an exclusion that reaches into the bucket',
      { advancedEventSelectors: dataSelector({ startsWith: ['arn:aws:s3:::test-'], notStartsWith: [`arn:aws:s3:::${covered}/tmp/`] }) },
    ],
    ['one object only', { advancedEventSelectors: dataSelector({ equalTo: [`arn:aws:s3:::${covered}/a.csv`] }) }],
    [
      'a bucket in another region with a single-region trail',
      { isMultiRegionTrail: false, advancedEventSelectors: dataSelector({ startsWith: ['arn:aws:s3:::test-'] }) },
    ],
    [
      'basic selectors for writes only',
      { eventSelectors: [{ readWriteType: 'WriteOnly', dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }] },
    ],
  ])('refuses %s', (_name, props) => {
    expect(findings((stack) => trailWith(stack, props))).toEqual(['CDB-CloudTrailClientDataEvents Test/Trail']);
  });
  test('refuses a client bucket whose name is not known at synth', () => {
    expect(
      findings((stack) => {
        buildAudit(stack);
        clientBucket(stack, 'unnamed', undefined);
      }),
    ).toEqual(['CDB-CloudTrailClientDataEvents Test/AuditTrail/Trail']);
  });
});

describe('CDB-CloudTrailArchiveLocked', () => {
  const findings = (build: (stack: Stack) => void) => packFindings('CDB-CloudTrailArchiveLocked', build);
  const destination = (stack: Stack, props: s3.BucketProps) => {
    const bucket = new s3.Bucket(stack, 'Archive', { removalPolicy: RemovalPolicy.RETAIN, ...props });
    plainTrail(stack, { s3BucketName: bucket.bucketName });
    return bucket;
  };
  test('judges only buckets a trail delivers to', () => {
    expect(findings((stack) => new s3.Bucket(stack, 'Other', { removalPolicy: RemovalPolicy.RETAIN }))).toEqual([]);
  });
  test('refuses an archive without Object Lock', () => {
    expect(
      findings((stack) => {
        denyDeletion(destination(stack, { versioned: true }));
      }),
    ).toEqual(['CDB-CloudTrailArchiveLocked Test/Archive/Resource']);
  });
  test('refuses an archive whose policy does not deny deletion', () => {
    expect(
      findings((stack) =>
        destination(stack, {
          versioned: true,
          objectLockEnabled: true,
          objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(365)),
        }),
      ),
    ).toEqual(['CDB-CloudTrailArchiveLocked Test/Archive/Resource']);
  });
  test('refuses a deletion deny that has a condition', () => {
    expect(
      findings((stack) => {
        const bucket = destination(stack, {
          versioned: true,
          objectLockEnabled: true,
          objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(365)),
        });
        bucket.addToResourcePolicy(
          new iam.PolicyStatement({
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
            resources: [bucket.arnForObjects('*')],
            conditions: { StringNotEquals: { 'aws:PrincipalAccount': '111111111111' } },
          }),
        );
      }),
    ).toEqual(['CDB-CloudTrailArchiveLocked Test/Archive/Resource']);
  });
  test('refuses Object Lock without a default retention', () => {
    expect(
      findings((stack) => {
        const bucket = destination(stack, { versioned: true, objectLockEnabled: true });
        denyDeletion(bucket);
      }),
    ).toEqual(['CDB-CloudTrailArchiveLocked Test/Archive/Resource']);
  });
});

describe('CDB-CloudTrailArchiveRetained', () => {
  const findings = (options: AuditOptions) => packFindings('CDB-CloudTrailArchiveRetained', (stack) => buildAudit(stack, options));
  test('refuses an archive that is destroyed with its stack', () => {
    expect(
      packFindings('CDB-CloudTrailArchiveRetained', (stack) => {
        const { archive } = buildAudit(stack);
        archive.applyRemovalPolicy(RemovalPolicy.DESTROY);
      }),
    ).toEqual(['CDB-CloudTrailArchiveRetained Test/LogArchive/Resource']);
  });
  test('refuses an archive without an expiry schedule', () => {
    expect(
      packFindings('CDB-CloudTrailArchiveRetained', (stack) => {
        const bucket = new s3.Bucket(stack, 'Archive', { removalPolicy: RemovalPolicy.RETAIN, versioned: true });
        plainTrail(stack, { s3BucketName: bucket.bucketName });
      }),
    ).toEqual(['CDB-CloudTrailArchiveRetained Test/Archive/Resource']);
  });
  test('refuses an archive that expires log files while they are locked', () => {
    expect(
      packFindings('CDB-CloudTrailArchiveRetained', (stack) => {
        const bucket = new s3.Bucket(stack, 'Archive', {
          removalPolicy: RemovalPolicy.RETAIN,
          versioned: true,
          objectLockEnabled: true,
          objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(400)),
          lifecycleRules: [{ expiration: Duration.days(365) }],
        });
        plainTrail(stack, { s3BucketName: bucket.bucketName });
      }),
    ).toEqual(['CDB-CloudTrailArchiveRetained Test/Archive/Resource']);
  });
  test('accepts a compliance-mode archive kept as long as it is locked', () => {
    expect(findings({ archive: { lockMode: 'compliance', lockDays: 730, retentionDays: 730 } })).toEqual([]);
  });
});

describe('CDB-SnsTopicEncryptedWithCmk', () => {
  const findings = (build: (stack: Stack) => void) => packFindings('CDB-SnsTopicEncryptedWithCmk', build);
  test('accepts a literal customer-managed key ARN', () => {
    expect(
      findings(
        (stack) =>
          new sns.Topic(stack, 'Topic', {
            masterKey: kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
          }),
      ),
    ).toEqual([]);
  });
  test('refuses an unencrypted topic', () => {
    expect(findings((stack) => new sns.Topic(stack, 'Topic'))).toEqual(['CDB-SnsTopicEncryptedWithCmk Test/Topic/Resource']);
  });
  test('refuses the AWS-managed key', () => {
    expect(findings((stack) => new sns.Topic(stack, 'Topic', { masterKey: kms.Alias.fromAliasName(stack, 'A', 'alias/aws/sns') }))).toEqual(
      ['CDB-SnsTopicEncryptedWithCmk Test/Topic/Resource'],
    );
  });
});
