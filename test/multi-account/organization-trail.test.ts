import { Match, Template } from 'aws-cdk-lib/assertions';
import { AuditStack } from '../../lib/internal';
import { exampleWith, plainApp, refusalOf } from '../util';

const ORG = 'o-a1b2c3d4e5';

const issues = (change: (raw: any) => void): string[] => refusalOf(() => exampleWith(change));

const auditTemplate = (change: (raw: any) => void) =>
  Template.fromStack(new AuditStack(plainApp(), 'audit', { config: exampleWith(change) }));

describe('organization trail (CDM-3.3-SEGREGATE)', () => {
  test('on: the trail records the organization and the archive admits its files under AWSLogs/<organizationId>/', () => {
    const template = auditTemplate((raw) => Object.assign(raw.provider, { organizationTrail: true, organizationId: ORG }));
    template.hasResourceProperties('AWS::CloudTrail::Trail', { IsOrganizationTrail: true, IsMultiRegionTrail: true });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudTrailWriteOrganization',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [Match.anyValue(), `/AWSLogs/${ORG}/*`]] },
            Condition: {
              StringEquals: {
                's3:x-amz-acl': 'bucket-owner-full-control',
                'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/precision-audit',
              },
            },
          }),
        ]),
      },
    });
  });

  test('off by default: an account trail, no organization statement', () => {
    const template = auditTemplate(() => undefined);
    template.hasResourceProperties('AWS::CloudTrail::Trail', { IsOrganizationTrail: false });
    expect(JSON.stringify(template.findResources('AWS::S3::BucketPolicy'))).not.toContain('CloudTrailWriteOrganization');
  });

  test('an organization trail without the organization id is refused, and an id without the trail', () => {
    expect(issues((raw) => (raw.provider.organizationTrail = true))).toEqual([
      'provider.organizationId: provider.organizationTrail is true: give the organization\'s id, e.g. "o-a1b2c3d4e5" (aws organizations describe-organization) (received nothing)',
    ]);
    expect(issues((raw) => (raw.provider.organizationId = ORG))).toEqual([
      `provider.organizationId: only the organization trail, the guardrails and provider.accounts use the organization id: set provider.organizationTrail or provider.guardrails to true, or give provider.accounts, or leave organizationId out (received "${ORG}")`,
    ]);
    expect(issues((raw) => Object.assign(raw.provider, { organizationTrail: 'yes', organizationId: 'org-1' }))).toEqual([
      'provider.organizationTrail: expected true or false (received "yes")',
      'provider.organizationId: expected an AWS Organizations id, e.g. "o-a1b2c3d4e5" (received "org-1")',
    ]);
  });
});
