import type { CfnResource } from 'aws-cdk-lib';
import { type IApplyRule, type NagPack, NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import type { AcknowledgementLedger } from './acknowledgement-ledger';

/** A cdk-nag pack class, as the packs export them (`new AwsSolutionsChecks(scope?, props?)`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript requires `any[]` of a mixin's base constructor
export type NagPackClass = new (...args: any[]) => NagPack;

/**
 * A pack class whose every finding is reported to a ledger before cdk-nag
 * decides whether an acknowledgement suppresses it. Rules, ids, levels and
 * results are the pack's own: the rule function is only observed.
 *
 * @example
 * new (trackAcknowledgements(AwsSolutionsChecks, ledger))(app)
 */
export function trackAcknowledgements<T extends NagPackClass>(Pack: T, ledger: AcknowledgementLedger): T {
  // Abstract only to TypeScript: every concrete pack class passed in implements `name` and `checkResource`.
  abstract class Tracked extends Pack {
    protected applyRule(params: IApplyRule): void {
      const suffix = params.ruleSuffixOverride ?? params.rule.name;
      const ruleId = `${this.readPackName}-${suffix}`;
      ledger.packs.add(this.readPackName);
      const rule = (node: CfnResource): NagRuleResult => {
        let result: NagRuleResult;
        try {
          result = params.rule(node);
        } catch (error) {
          ledger.recordFinding(node, ruleId); // cdk-nag reports a rule that throws as a finding of the rule
          throw error;
        }
        if (result === NagRuleCompliance.NON_COMPLIANT) ledger.recordFinding(node, ruleId);
        else if (Array.isArray(result)) for (const finding of result) ledger.recordFinding(node, `${ruleId}[${finding}]`);
        return result;
      };
      super.applyRule({ ...params, ruleSuffixOverride: suffix, rule });
    }
  }
  return Tracked as unknown as T;
}
