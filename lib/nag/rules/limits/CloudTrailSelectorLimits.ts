import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { asArray, resolveOnce } from '../helpers';
import { AWS_LIMITS, overLimit } from '../../../aws-limits';

/** L1 properties resolve in their camelCase form. */
interface BasicSelector {
  readonly dataResources?: { readonly values?: unknown[] }[];
}
interface AdvancedSelector {
  readonly fieldSelectors?: Record<string, unknown>[];
}

/**
 * A trail's data event selectors fit CloudTrail's limits: at most 5 basic
 * event selectors with 250 data resources in all, or advanced event
 * selectors with at most 500 values across their conditions, and never both
 * kinds (DP-LOG-ALL-ACCESS: a per-bucket list stops deploying long before
 * 1,000 clients).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    const basic = asArray(resolveOnce<BasicSelector[] | undefined>(node, 'eventSelectors', node.eventSelectors));
    const advanced = asArray(resolveOnce<AdvancedSelector[] | undefined>(node, 'advancedEventSelectors', node.advancedEventSelectors));
    const dataResources = basic.flatMap((s) => asArray(s.dataResources)).reduce((n, r) => n + asArray(r.values).length, 0);
    const values = advanced
      .flatMap((s) => asArray(s.fieldSelectors))
      .reduce(
        (n, f) =>
          n +
          Object.entries(f)
            .filter(([k]) => k !== 'field')
            .reduce((m, [, v]) => m + asArray(v as unknown[]).length, 0),
        0,
      );
    const findings = [
      ...overLimit(basic.length, AWS_LIMITS.cloudTrailEventSelectors, 'event selectors'),
      ...overLimit(dataResources, AWS_LIMITS.cloudTrailDataResources, 'data resources'),
      ...overLimit(values, AWS_LIMITS.cloudTrailAdvancedSelectorValues, 'advanced selector values'),
      ...(basic.length > 0 && advanced.length > 0 ? ['both basic and advanced event selectors'] : []),
    ];
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
