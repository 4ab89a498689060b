import type { BaselineStacks } from '../../../../lib';
import { organizationFindings as findings, guardrailPolicy as policy } from '../../../util';

describe('organization layout: pack rules', () => {
  test('CDB-OrganizationsPolicySize: compliant in the example; over the limit', () => {
    expect(findings('CDB-OrganizationsPolicySize')).toEqual([]);
    const big = (s: BaselineStacks) =>
      (policy(s, 'precision-protect-baseline').content = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: Array.from({ length: 600 }, (_, i) => `s3:Action${i}`), Resource: '*' }],
      });
    expect(findings('CDB-OrganizationsPolicySize', big)).toEqual([
      expect.stringMatching(
        /^CDB-OrganizationsPolicySize\[\d+ characters, limit 5120\] organization-guardrails\/precision-protect-baseline\/Policy$/,
      ),
    ]);
  });
});
