import type { CfnResource } from 'aws-cdk-lib';
import { type NagMessageLevel, NagPack, type NagPackProps, type NagRuleResult } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { PACK_NAME, rulesOf } from './registry';

export { PACK_NAME } from './registry';

/** One rule of the pack and the policy controls it checks. */
export interface PackRule {
  /** The rule function; its `name` is the rule id's suffix. */
  readonly rule: ((node: CfnResource) => NagRuleResult) & { readonly name: string };
  /** Control ids from `shared/policies/CONTROLS.md` this rule checks. */
  readonly controls: readonly string[];
  /** What a finding means. */
  readonly info: string;
  /** Why the rule exists. */
  readonly explanation: string;
  /** How a finding is treated. */
  readonly level: NagMessageLevel;
}

/** Every rule of the pack with the controls it serves, as registered in `registry.ts`. */
export const PACK_RULES: readonly PackRule[] = rulesOf('pack');

/**
 * The client-data-baseline policy pack: one rule per policy control, run on
 * every synth beside the standard cdk-nag packs.
 *
 * @example
 * Validations.of(app).addPlugins(new ClientDataBaselineChecks(app));
 */
export class ClientDataBaselineChecks extends NagPack {
  public readonly name = 'ClientDataBaseline';
  public readonly ruleIds = PACK_RULES.map((r) => `${PACK_NAME}-${r.rule.name}`);

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = PACK_NAME;
  }

  protected checkResource(node: CfnResource): void {
    for (const { rule, controls, info, explanation, level } of PACK_RULES) {
      this.applyRule({ info: `[${controls.join(', ')}] ${info}`, explanation, level, rule, node });
    }
  }
}
