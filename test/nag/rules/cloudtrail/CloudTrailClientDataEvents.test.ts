import type * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { type Stack } from 'aws-cdk-lib';
import { packFindings } from '../../../util';
import { buildAudit, clientBucket, plainTrail } from './fixtures';

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
