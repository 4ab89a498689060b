import { readFileSync, statSync } from 'node:fs';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { AWS_LIMITS } from '../aws-limits';

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

interface Template {
  readonly Resources?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
  readonly Parameters?: Record<string, unknown>;
  readonly Mappings?: Record<string, unknown>;
}

const count = (section: Record<string, unknown> | undefined) => Object.keys(section ?? {}).length;
const DEPLOYS = ['CDM-3.3-SEGREGATE'];

/**
 * Stack-level limits that a per-resource rule cannot see. Append new limits
 * at the end.
 */
export const STACK_LIMITS: readonly StackLimit[] = [
  {
    ruleName: 'CDB-StackResourceCount',
    controls: DEPLOYS,
    unit: 'resources',
    limit: AWS_LIMITS.stackResources,
    measure: (t) => count(t.Resources),
  },
  {
    ruleName: 'CDB-StackOutputCount',
    controls: DEPLOYS,
    unit: 'outputs',
    limit: AWS_LIMITS.stackOutputs,
    measure: (t) => count(t.Outputs),
  },
  {
    ruleName: 'CDB-StackParameterCount',
    controls: DEPLOYS,
    unit: 'parameters',
    limit: AWS_LIMITS.stackParameters,
    measure: (t) => count(t.Parameters),
  },
  {
    ruleName: 'CDB-StackMappingCount',
    controls: DEPLOYS,
    unit: 'mappings',
    limit: AWS_LIMITS.stackMappings,
    measure: (t) => count(t.Mappings),
  },
  { ruleName: 'CDB-StackTemplateSize', controls: DEPLOYS, unit: 'bytes', limit: AWS_LIMITS.templateBytes, measure: (_t, bytes) => bytes },
];

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
}

const ofType = (type: string) => (t: Template) =>
  Object.values((t.Resources ?? {}) as Record<string, { Type?: string }>).filter((r) => r.Type === type).length;

/**
 * Account quotas that a large configuration can reach: what this synth alone
 * would create in one account (resources that already exist there come on
 * top). Append new quotas at the end.
 */
export const ACCOUNT_LIMITS: readonly AccountLimit[] = [
  {
    ruleName: 'CDB-AccountStackCount',
    controls: DEPLOYS,
    unit: 'stacks',
    limit: AWS_LIMITS.stacksPerAccountRegion,
    perRegion: true,
    measure: () => 1,
  },
  {
    ruleName: 'CDB-AccountBucketCount',
    controls: DEPLOYS,
    unit: 'S3 buckets',
    limit: AWS_LIMITS.bucketsPerAccount,
    perRegion: false,
    measure: ofType('AWS::S3::Bucket'),
  },
  {
    ruleName: 'CDB-AccountRoleCount',
    controls: ['CDM-3.2-LEAST-PRIV'],
    unit: 'IAM roles',
    limit: AWS_LIMITS.rolesPerAccount,
    perRegion: false,
    measure: ofType('AWS::IAM::Role'),
  },
  {
    ruleName: 'CDB-AccountManagedPolicyCount',
    controls: ['CDM-3.2-LEAST-PRIV'],
    unit: 'IAM managed policies',
    limit: AWS_LIMITS.managedPoliciesPerAccount,
    perRegion: false,
    measure: ofType('AWS::IAM::ManagedPolicy'),
  },
];

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
    const totals = new Map<string, { limit: AccountLimit; scope: string; size: number; stacks: string[] }>();
    for (const stack of context.stackTemplates) {
      const bytes = statSync(stack.templatePath).size;
      const template = JSON.parse(readFileSync(stack.templatePath, 'utf8')) as Template;
      for (const limit of this.accountLimits) {
        const scope = `account ${stack.accountId ?? 'unknown'}${limit.perRegion ? ` in ${stack.region ?? 'unknown'}` : ''}`;
        const key = `${limit.ruleName} ${scope}`;
        const total = totals.get(key) ?? { limit, scope, size: 0, stacks: [] };
        const size = limit.measure(template);
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
    for (const [key, { limit, scope, size, stacks }] of totals) {
      if (size <= limit.limit) continue;
      violations.set(key, {
        ruleName: `${limit.ruleName}[${size} ${limit.unit}, limit ${limit.limit}]`,
        description: `[${limit.controls.join(', ')}] ${limit.ruleName}: the stacks of ${scope} would create ${size} ${limit.unit}; the default quota is ${limit.limit}.`,
        fix: 'Give clients accounts of their own (clients[].account), spread them over regions, or raise the quota before deploying.',
        severity: 'error',
        violatingResources: stacks.map((path) => ({ constructPath: path, locations: [] })),
      });
    }
    return { success: violations.size === 0, violations: [...violations.values()] };
  }
}
