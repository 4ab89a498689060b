import type * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { packFindings } from '../../../util';
import { plainTrail } from './fixtures';

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
