import { CfnWaitConditionHandle, Stack, Stage } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { AWS_LIMITS } from '../../../../lib/internal';
import { packFindings } from '../../../util';

const RULE = 'CDB-CodePipelineStructureLimits';
const CONNECTION = 'arn:aws:codestar-connections:eu-west-1:111111111111:connection/0a1b2c3d-example';

/** A plain CodePipeline pipeline of `stages` stages (a source, then manual approvals), `actionsInLast` actions in the last. */
function plainPipeline(stages: number, actionsInLast = 1) {
  return (stack: Stack) => {
    const source = new codepipeline.Artifact();
    new codepipeline.Pipeline(stack, 'Pipeline', {
      pipelineType: codepipeline.PipelineType.V2,
      stages: [
        {
          stageName: 'Source',
          actions: [
            new actions.CodeStarConnectionsSourceAction({
              actionName: 'Source',
              owner: 'o',
              repo: 'r',
              connectionArn: CONNECTION,
              output: source,
            }),
          ],
        },
        ...Array.from({ length: stages - 1 }, (_, i) => ({
          stageName: `Approve${i + 1}`,
          actions: Array.from(
            { length: i === stages - 2 ? actionsInLast : 1 },
            (_, j) => new actions.ManualApprovalAction({ actionName: `A${j}` }),
          ),
        })),
      ],
    });
  };
}

/**
 * A CDK Pipelines pipeline with one stage `Prod` of `stacks` stacks, a manual
 * approval and a permission check in its `pre` (the case of
 * AWS-PITFALLS-DETECTION-AND-ACCOUNTS.md row 50).
 */
function cdkPipeline(stacks: number) {
  return (stack: Stack) => {
    const pipeline = new pipelines.CodePipeline(stack, 'P', {
      synth: new pipelines.ShellStep('Synth', {
        input: pipelines.CodePipelineSource.connection('o/r', 'main', { connectionArn: CONNECTION }),
        commands: ['npx cdk synth'],
      }),
    });
    const stage = new Stage(stack, 'Prod');
    for (let i = 0; i < stacks; i++) {
      new CfnWaitConditionHandle(new Stack(stage, `S${i}`, { env: { account: '111111111111', region: 'eu-west-1' } }), 'R');
    }
    pipeline.addStage(stage, {
      pre: [new pipelines.ManualApprovalStep('Approve'), new pipelines.ConfirmPermissionsBroadening('Check', { stage })],
    });
  };
}

describe('CodePipelineStructureLimits (CDM-3.3-SEGREGATE)', () => {
  test('the limits are CodePipeline’s: 50 stages, 50 actions a stage', () => {
    expect([AWS_LIMITS.codePipelineStages, AWS_LIMITS.codePipelineActionsPerStage]).toEqual([50, 50]);
  });

  test('50 stages, and 50 actions in a stage, pass', () => {
    expect(packFindings(RULE, plainPipeline(50, 50))).toEqual([]);
  });

  test('51 stages fail with the count and the limit', () => {
    expect(packFindings(RULE, plainPipeline(51))).toEqual([`${RULE}[51 stages, limit 50] Test/Pipeline/Resource`]);
  });

  test('51 actions in one stage fail, naming the stage', () => {
    expect(packFindings(RULE, plainPipeline(3, 51))).toEqual([`${RULE}[51 actions in stage Approve2, limit 50] Test/Pipeline/Resource`]);
  });

  test('CDK Pipelines: 23 stacks with an approval and a permission check fit (49 actions)', () => {
    expect(packFindings(RULE, cdkPipeline(23))).toEqual([]);
  });

  test('CDK Pipelines: 24 stacks with an approval and a permission check are 50 leaves but 51 actions, and fail', () => {
    expect(packFindings(RULE, cdkPipeline(24))).toEqual([`${RULE}[51 actions in stage Prod, limit 50] Test/P/Pipeline/Resource`]);
  });
});
