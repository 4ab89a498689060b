import { readFileSync, statSync } from 'node:fs';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { AWS_LIMITS } from './rules/limits/aws-limits';

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

/**
 * A validation plugin that fails the synth when a stack's template crosses a
 * CloudFormation limit (resources, outputs, parameters, mappings per stack;
 * template size through S3), naming the stack, the size and the limit. It
 * reads the templates as written, so it sees exactly what would deploy.
 * Registered by `applyPolicyChecks`.
 */
export class StackLimitsChecks implements IPolicyValidationPlugin {
  public readonly name = 'ClientDataBaselineStackLimits';
  public readonly ruleIds = STACK_LIMITS.map((l) => l.ruleName);

  constructor(private readonly limits: readonly StackLimit[] = STACK_LIMITS) {}

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations = new Map<string, PolicyViolation>();
    for (const stack of context.stackTemplates) {
      const bytes = statSync(stack.templatePath).size;
      const template = JSON.parse(readFileSync(stack.templatePath, 'utf8')) as Template;
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
    return { success: violations.size === 0, violations: [...violations.values()] };
  }
}
