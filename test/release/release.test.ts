/**
 * A new release never replaces a deployed one: every resource of the last
 * release's example and of a generated 1,000-client configuration keeps its
 * logical id, type and properties (only `aws:cdk:path` metadata may change).
 * New stacks and resources may appear. A deliberate in-place change of an
 * existing resource is listed in `IN_PLACE_CHANGES` with its reason, and only
 * for types that CloudFormation updates without replacing for that change.
 */
import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { type Fingerprints, fingerprint, readFixture, RELEASE_CONFIGS, synthesize, type Templates } from './fingerprint';

/** The release the fixtures were taken from. */
const RELEASE = '0.1.0';

/** Resource types whose properties this release deliberately changes in place since {@link RELEASE}, each with its reason. */
export const IN_PLACE_CHANGES: readonly { readonly type: string; readonly reason: string }[] = [
  {
    type: 'AWS::KMS::Key',
    reason:
      'Issue 16: each client data and replica key admits its buckets’ GuardDuty Malware Protection roles by ARN (kms:Decrypt, kms:GenerateDataKey through S3), and the audit key admits AWS Config delivering to the configuration history bucket; KeyPolicy updates in place.',
  },
  {
    type: 'AWS::S3::BucketPolicy',
    reason:
      'Issue 16: each dataset bucket exempts its Malware Protection role from the ABAC deny by ARN, and the log archive’s access log bucket admits the configuration history bucket’s server access logs; PolicyDocument updates in place.',
  },
  {
    type: 'AWS::SNS::TopicPolicy',
    reason:
      'Issue 16: each client alert topic admits the EventBridge rule of its malware scan results by ARN; PolicyDocument updates in place.',
  },
  {
    type: 'AWS::KMS::Key',
    reason:
      'KeyPolicy (updated in place): every key policy gains GrantsForAwsServicesOnly (Control Tower CT.KMS.PR.3), and the data stacks’ alert key LookupLogsUseKey (CloudWatch Logs for the lookup’s log group).',
  },
  {
    type: 'AWS::Logs::LogGroup',
    reason:
      'KmsKeyId (updated in place): the replica-key lookup’s log group is encrypted with the client’s alert key (Control Tower CT.CLOUDWATCH.PR.3).',
  },
];

const changeable = (type: string) => IN_PLACE_CHANGES.some((c) => c.type === type);

describe(`release compatibility with ${RELEASE}`, () => {
  test('the example: no resource of the last release is removed, replaced or changed (template diff)', () => {
    const before = readFixture<Templates>('example.templates.json.gz');
    const after = synthesize(RELEASE_CONFIGS.example());
    const problems: string[] = [];
    for (const [stack, old] of Object.entries(before)) {
      const current = after[stack];
      if (current === undefined) {
        problems.push(`${stack}: stack missing`);
        continue;
      }
      fullDiff(old, current).resources.forEachDifference((logicalId, change) => {
        if (change.isAddition) return;
        const type = change.oldResourceType ?? '?';
        const replaces = [ResourceImpact.WILL_REPLACE, ResourceImpact.MAY_REPLACE, ResourceImpact.WILL_DESTROY, ResourceImpact.WILL_ORPHAN];
        if (change.isRemoval || replaces.includes(change.changeImpact) || !changeable(type)) {
          problems.push(`${stack}/${logicalId} (${type}): ${change.isRemoval ? 'removed' : change.changeImpact}`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  test('a generated 1,000-client configuration: every logical id keeps its type and what it deploys', () => {
    const before = readFixture<Fingerprints>('generated-1000.fingerprints.json.gz');
    const after = fingerprint(synthesize(RELEASE_CONFIGS['generated-1000']()));
    const problems: string[] = [];
    for (const [stack, resources] of Object.entries(before)) {
      for (const [id, old] of Object.entries(resources)) {
        const current = after[stack]?.[id];
        const type = old.split(' ')[0];
        if (current === undefined) problems.push(`${stack}/${id} (${type}): missing`);
        else if (current.split(' ')[0] !== type) problems.push(`${stack}/${id}: type ${type} became ${current.split(' ')[0]}`);
        else if (current !== old && !(id.startsWith('#') ? false : changeable(type))) problems.push(`${stack}/${id} (${type}): changed`);
      }
    }
    expect(problems.slice(0, 50)).toEqual([]);
    expect(problems).toHaveLength(0);
  });
});
