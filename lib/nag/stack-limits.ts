import { readFileSync, statSync } from 'node:fs';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { type LimitTemplate, rulesOf } from './registry';

/** One stack-level CloudFormation limit, measured on the synthesized template. */
export interface StackLimit {
  /** Rule id, `CDB-<Name>`. */
  readonly ruleName: string;
  /** Control ids from `shared/policies/CONTROLS.md` whose resources would not deploy. */
  readonly controls: readonly string[];
  /** What is counted. */
  readonly unit: string;
  /** The limit. */
  readonly limit: number;
  /** Measures a template (parsed) and its file size in bytes. */
  readonly measure: (template: Template, bytes: number) => number;
}

type Template = LimitTemplate;

/** Stack-level limits that a per-resource rule cannot see, as registered in `registry.ts`. */
export const STACK_LIMITS: readonly StackLimit[] = rulesOf('stack-limit').map(({ id, controls, unit, limit, measure }) => ({
  ruleName: id,
  controls,
  unit,
  limit,
  measure,
}));

/** One account-wide quota, counted over every stack of the synth in that account (and region, when `perRegion`). */
export interface AccountLimit {
  /** Rule id, `CDB-<Name>`. */
  readonly ruleName: string;
  /** Control ids whose resources would not deploy. */
  readonly controls: readonly string[];
  /** What is counted. */
  readonly unit: string;
  /** The quota. */
  readonly limit: number;
  /** Whether the quota is per region (CloudFormation stacks) or account-wide (S3 buckets, IAM). */
  readonly perRegion: boolean;
  /** How many a template contributes. */
  readonly measure: (template: Template) => number;
  /**
   * A raised quota a template declares for its scope (the largest declared
   * in the scope applies).
   *
   * @default - only the default quota
   */
  readonly declared?: (template: Template) => number | undefined;
}

/** Account quotas that a large configuration can reach, as registered in `registry.ts`. */
export const ACCOUNT_LIMITS: readonly AccountLimit[] = rulesOf('account-limit').map(
  ({ id, controls, unit, limit, perRegion, measure, declared }) => ({
    ruleName: id,
    controls,
    unit,
    limit,
    perRegion,
    measure,
    declared,
  }),
);

/**
 * A validation plugin that fails the synth when a stack's template crosses a
 * CloudFormation limit (resources, outputs, parameters, mappings per stack;
 * template size through S3), or the stacks of one account cross an account
 * quota (stacks per region, S3 buckets, IAM roles and managed policies),
 * naming the stack or account, the size and the limit. It reads the
 * templates as written, so it sees exactly what would deploy. Registered by
 * `applyPolicyChecks`.
 */
export class StackLimitsChecks implements IPolicyValidationPlugin {
  public readonly name = 'ClientDataBaselineStackLimits';
  public readonly ruleIds: string[];

  constructor(
    private readonly limits: readonly StackLimit[] = STACK_LIMITS,
    private readonly accountLimits: readonly AccountLimit[] = ACCOUNT_LIMITS,
  ) {
    this.ruleIds = [...limits, ...accountLimits].map((l) => l.ruleName);
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations = new Map<string, PolicyViolation>();
    const totals = new Map<string, { limit: AccountLimit; scope: string; size: number; stacks: string[]; declared?: number }>();
    for (const stack of context.stackTemplates) {
      const bytes = statSync(stack.templatePath).size;
      const template = JSON.parse(readFileSync(stack.templatePath, 'utf8')) as Template;
      for (const limit of this.accountLimits) {
        const scope = `account ${stack.accountId ?? 'unknown'}${limit.perRegion ? ` in ${stack.region ?? 'unknown'}` : ''}`;
        const key = `${limit.ruleName} ${scope}`;
        const total = totals.get(key) ?? { limit, scope, size: 0, stacks: [], declared: undefined as number | undefined };
        const size = limit.measure(template);
        const declared = limit.declared?.(template);
        if (declared !== undefined) total.declared = Math.max(total.declared ?? 0, declared);
        total.size += size;
        if (size > 0) total.stacks.push(stack.stackConstructPath);
        totals.set(key, total);
      }
      for (const limit of this.limits) {
        const size = limit.measure(template, bytes);
        if (size <= limit.limit) continue;
        const ruleName = `${limit.ruleName}[${size} ${limit.unit}, limit ${limit.limit}]`;
        const violation: PolicyViolation = {
          ruleName,
          description: `[${limit.controls.join(', ')}] ${limit.ruleName}: the template of stack ${stack.stackConstructPath} has ${size} ${limit.unit}; CloudFormation refuses more than ${limit.limit} at deploy time.`,
          fix: 'Split the stack (one client per stack pair) or reduce what it holds.',
          severity: 'error',
          violatingResources: [],
        };
        violation.violatingResources.push({ constructPath: stack.stackConstructPath, templatePath: stack.templatePath, locations: [] });
        violations.set(`${ruleName} ${stack.stackConstructPath}`, violation);
      }
    }
    for (const [key, { limit, scope, size, stacks, declared }] of totals) {
      const quota = Math.max(declared ?? 0, limit.limit); // a declared (raised) quota never lowers the default
      if (size <= quota) continue;
      violations.set(key, {
        ruleName: `${limit.ruleName}[${size} ${limit.unit}, limit ${quota}]`,
        description: `[${limit.controls.join(', ')}] ${limit.ruleName}: the stacks of ${scope} would create ${size} ${limit.unit}; the ${declared === undefined ? 'default' : 'declared'} quota is ${quota}.`,
        fix: 'Give clients accounts of their own (clients[].account), spread them over regions, or raise the quota before deploying.',
        severity: 'error',
        violatingResources: stacks.map((path) => ({ constructPath: path, locations: [] })),
      });
    }
    return { success: violations.size === 0, violations: [...violations.values()] };
  }
}
