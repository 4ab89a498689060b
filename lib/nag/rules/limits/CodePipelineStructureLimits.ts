import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnPipeline } from 'aws-cdk-lib/aws-codepipeline';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { asArray, resolveOnce } from '../helpers';
import { AWS_LIMITS, overLimit } from '../../../aws-limits';

/** A stage declaration as it resolves (camelCase from the L2, PascalCase from an override). */
interface StageDeclaration {
  readonly name?: string;
  readonly Name?: string;
  readonly actions?: unknown[];
  readonly Actions?: unknown[];
}

/**
 * A pipeline fits CodePipeline's structure limits: at most 50 stages, and at
 * most 50 actions in each stage (CDM-3.3-SEGREGATE: a refused pipeline deploys
 * no client's stacks to its account). CDK Pipelines splits a wave at 50 graph
 * leaves, not actions, and checks neither maximum: a `ConfirmPermissionsBroadening`
 * step is one leaf that becomes two actions, so a split stage can still hold 51.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnPipeline)) return NagRuleCompliance.NOT_APPLICABLE;
    const stages = asArray(resolveOnce<StageDeclaration[] | undefined>(node, 'stages', node.stages));
    const findings = [
      ...overLimit(stages.length, AWS_LIMITS.codePipelineStages, 'stages'),
      ...stages.flatMap((stage) =>
        overLimit(
          asArray(stage.actions ?? stage.Actions).length,
          AWS_LIMITS.codePipelineActionsPerStage,
          `actions in stage ${stage.name ?? stage.Name ?? '?'}`,
        ),
      ),
    ];
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
