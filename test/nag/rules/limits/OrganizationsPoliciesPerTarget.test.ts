import { CfnPolicy } from 'aws-cdk-lib/aws-organizations';
import type { BaselineStacks } from '../../../../lib';
import { regionGuardrailDocument } from '../../../../lib/guardrails';
import { organizationFindings as findings, guardrailPolicy as policy } from '../../../util';

describe('organization layout: pack rules', () => {
  test('CDB-OrganizationsPoliciesPerTarget: compliant in the example; over the limit', () => {
    expect(findings('CDB-OrganizationsPoliciesPerTarget')).toEqual([]);
    const crowd = (s: BaselineStacks) => {
      for (const name of ['precision-regions-222222222222', 'precision-regions-777777777777']) policy(s, name).targetIds = ['666666666666'];
      new CfnPolicy(s.guardrails!, 'Extra', {
        name: 'extra',
        type: 'SERVICE_CONTROL_POLICY',
        content: regionGuardrailDocument(['eu-west-1', 'eu-central-1']),
        targetIds: ['666666666666'],
      });
    };
    expect(findings('CDB-OrganizationsPoliciesPerTarget', crowd)).toContain(
      'CDB-OrganizationsPoliciesPerTarget[666666666666: 6 SERVICE_CONTROL_POLICY policies, limit 5] organization-guardrails/precision-protect-baseline/Policy',
    );
  });
});
