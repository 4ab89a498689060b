import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { type Stack } from 'aws-cdk-lib';
import { packFindings } from '../../../util';

describe('deploy-time limit rules', () => {
  describe('CloudTrailSelectorLimits', () => {
    const trail = (props: Partial<cloudtrail.CfnTrailProps>) => (stack: Stack) =>
      void new cloudtrail.CfnTrail(stack, 'Trail', { isLogging: true, s3BucketName: 'logs', ...props });
    const dataResources = (n: number) => [{ type: 'AWS::S3::Object', values: Array.from({ length: n }, (_, i) => `arn:aws:s3:::b${i}/`) }];
    const rule = 'CDB-CloudTrailSelectorLimits';

    test('within the limits passes', () => {
      expect(packFindings(rule, trail({ eventSelectors: [{ dataResources: dataResources(250) }] }))).toEqual([]);
      expect(
        packFindings(
          rule,
          trail({
            advancedEventSelectors: [
              {
                fieldSelectors: [
                  { field: 'eventCategory', equalTo: ['Data'] },
                  { field: 'resources.ARN', startsWith: Array.from({ length: 499 }, (_, i) => `arn:aws:s3:::b${i}/`) },
                ],
              },
            ],
          }),
        ),
      ).toEqual([]);
    });

    test('more than 5 selectors or 250 data resources fails', () => {
      expect(packFindings(rule, trail({ eventSelectors: Array.from({ length: 6 }, () => ({ readWriteType: 'All' })) }))).toEqual([
        `${rule}[6 event selectors, limit 5] Test/Trail`,
      ]);
      expect(packFindings(rule, trail({ eventSelectors: [{ dataResources: dataResources(251) }] }))).toEqual([
        `${rule}[251 data resources, limit 250] Test/Trail`,
      ]);
    });

    test('more than 500 advanced selector values, or both kinds, fails', () => {
      const values = Array.from({ length: 500 }, (_, i) => `arn:aws:s3:::b${i}/`);
      expect(
        packFindings(
          rule,
          trail({
            advancedEventSelectors: [
              {
                fieldSelectors: [
                  { field: 'eventCategory', equalTo: ['Data'] },
                  { field: 'resources.ARN', startsWith: values },
                ],
              },
            ],
          }),
        ),
      ).toEqual([`${rule}[501 advanced selector values, limit 500] Test/Trail`]);
      expect(
        packFindings(
          rule,
          trail({
            eventSelectors: [{ readWriteType: 'All' }],
            advancedEventSelectors: [{ fieldSelectors: [{ field: 'eventCategory', equalTo: ['Data'] }] }],
          }),
        ),
      ).toEqual([`${rule}[both basic and advanced event selectors] Test/Trail`]);
    });
  });
});
