/**
 * Evidence read from rule outcomes: which rule judged which resource
 * compliant, resource by resource, and the lists built from it.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantOutcomes, type EvidenceRule, RuleResults } from '../../lib/internal';

function resources(): CfnResource[] {
  const stack = new Stack(new App(), 'acme-data');
  return [
    new CfnResource(stack, 'Bucket', { type: 'AWS::S3::Bucket' }),
    new CfnResource(stack, 'Key', { type: 'AWS::KMS::Key' }),
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' }),
  ];
}

const rule = (judge: EvidenceRule['rule']): EvidenceRule => ({ ids: ['X'], controls: ['C'], rule: judge });

describe('compliantOutcomes', () => {
  test('flags each (resource, rule) pair a rule judged compliant, at resource * rules + rule', () => {
    const nodes = resources();
    const rules = [
      rule(() => NagRuleCompliance.COMPLIANT),
      rule((node) => (node.cfnResourceType === 'AWS::KMS::Key' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NOT_APPLICABLE)),
      rule((node) => (node.cfnResourceType === 'AWS::S3::Bucket' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT)),
      rule(() => ['finding']),
      rule(() => {
        throw new Error('cannot judge');
      }),
    ];
    const flags = compliantOutcomes(new RuleResults(), rules, nodes);
    expect([...flags]).toEqual([
      // Bucket, Key, Topic: one row of five rules each
      ...[1, 0, 0, 0, 0],
      ...[1, 1, 1, 0, 0],
      ...[1, 0, 1, 0, 0],
    ]);
  });

  test('reads the outcomes the results already hold instead of judging again', () => {
    const nodes = resources();
    let calls = 0;
    // Reads the resource, so it is judged resource by resource (a rule that reads nothing is judged once per class).
    const judge = (node: CfnResource) => {
      const type = node.cfnResourceType;
      calls += 1;
      return type === '' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
    };
    const results = new RuleResults();
    for (const node of nodes) results.outcome(judge, node);
    expect(calls).toBe(3);
    expect([...compliantOutcomes(results, [rule(judge)], nodes)]).toEqual([1, 1, 1]);
    expect(calls).toBe(3);
  });
});
