import { Match, Template } from 'aws-cdk-lib/assertions';
import { PipelineStack, synthCommands } from '../../lib/internal';
import { OFFBOARDING_EXAMPLE, offboardingExample, plainApp } from '../util';

const EXAMPLE = OFFBOARDING_EXAMPLE;
const config = offboardingExample;

interface Action {
  readonly Name: string;
  readonly RunOrder: number;
  readonly Region?: string;
  readonly RoleArn?: unknown;
  readonly Configuration?: { readonly StackName?: string };
}

describe('pipeline mode (CDM-3.3-SEGREGATE, CDM-3.8-SOVEREIGNTY)', () => {
  let stack: PipelineStack;
  let template: Template;
  let stages: { Name: string; Actions: Action[] }[];
  beforeAll(() => {
    stack = new PipelineStack(plainApp(), 'pipeline', { config: config(), configPath: EXAMPLE });
    template = Template.fromStack(stack);
    const pipeline = Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0] as any;
    stages = pipeline.Properties.Stages;
  });

  test('lives in the provider account and home region, sourced from the configured connection', () => {
    expect([stack.account, stack.region, stack.stackName]).toEqual(['111111111111', 'eu-west-1', 'precision-pipeline']);
    const source = stages.find((s) => s.Name === 'Source')?.Actions[0] as any;
    expect(source.Configuration).toMatchObject({
      ConnectionArn: 'arn:aws:codestar-connections:eu-west-1:111111111111:connection/0a1b2c3d-example',
      FullRepositoryId: 'precision/client-data-baseline',
      BranchName: 'main',
    });
  });

  test('the synth step installs, type-checks, lints, tests and synthesizes with every check', () => {
    expect(synthCommands(EXAMPLE)).toEqual([
      'npm ci',
      'npx tsc --noEmit',
      'npm run lint',
      'npx jest',
      `npx cdk synth --quiet -c pipeline=true -c config=${EXAMPLE}`,
    ]);
    template.hasResourceProperties('AWS::CodeBuild::Project', {
      Source: { BuildSpec: Match.serializedJson(Match.objectLike({ phases: { build: { commands: synthCommands(EXAMPLE) } } })) },
    });
  });

  test('stages: shared stacks first, then the replicas, then the primaries, each stack in its own account and region', () => {
    expect(stages.map((s) => s.Name)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Assets', 'Shared', 'replicas', 'primaries']);
    const stackNames = (stage: string) =>
      new Set(
        (stages.find((s) => s.Name === stage) as { Actions: Action[] }).Actions.filter((a) => a.Name.endsWith('.Deploy')).map(
          (a) => a.Configuration?.StackName,
        ),
      );
    expect(stackNames('Shared')).toEqual(
      new Set([
        'precision-audit',
        'precision-backup-audit-111111111111-eu-west-1',
        'precision-backup-audit-222222222222-us-east-1',
        'precision-backup-audit-222222222222-eu-central-1',
        // Detection after deploy, one per account and region with client data (DP-THREAT-DETECTION).
        'precision-detection-111111111111-eu-central-1',
        'precision-detection-111111111111-eu-west-1',
        'precision-detection-222222222222-eu-central-1',
        'precision-detection-222222222222-eu-west-1',
        'precision-detection-222222222222-us-east-1',
        'precision-detection-222222222222-us-west-2',
      ]),
    );
    expect(stackNames('replicas')).toEqual(new Set(['precision-acme-replica', 'precision-globex-replica', 'precision-initech-replica']));
    expect(stackNames('primaries')).toEqual(new Set(['precision-acme-data', 'precision-globex-data', 'precision-initech-data']));
    // Sharding changed this deliberately: a stage is a batch of the pipeline's clients (at most 23 stacks), no longer one per account and region.
    expect(stack.replicaStages.map((s) => s.node.id)).toEqual(['replicas']);
    expect(stack.primaryStages.map((s) => s.node.id)).toEqual(['primaries']);
    expect(Object.keys(stack.replicaStages[0].stacks)).toEqual(['acme', 'globex', 'initech']);
  });

  test('every client stack deploys in the client’s account and region, by that account’s CDK deployment role', () => {
    const deploy = (stackName: string) =>
      stages.flatMap((s) => s.Actions).find((a) => a.Configuration?.StackName === stackName && a.Name.endsWith('Deploy')) as Action;
    for (const [client, account, primary, replica] of [
      ['acme', '111111111111', 'eu-west-1', 'eu-central-1'],
      ['globex', '222222222222', 'us-east-1', 'us-west-2'],
      ['initech', '222222222222', 'eu-central-1', 'eu-west-1'],
    ]) {
      for (const [name, region] of [
        [`precision-${client}-data`, primary],
        [`precision-${client}-replica`, replica],
      ]) {
        expect(deploy(name).Region ?? 'eu-west-1').toBe(region);
        expect(JSON.stringify(deploy(name).RoleArn)).toContain(`:iam::${account}:role/cdk-hnb659fds-deploy-role-${account}-${region}`);
      }
    }
  });

  test('the artifact stores are encrypted with rotating KMS keys (crossAccountKeys)', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
    });
  });

  test('pipeline mode without provider.pipeline is refused with what to add', () => {
    const bare = config((raw) => delete raw.provider.pipeline);
    expect(() => new PipelineStack(plainApp(), 'pipeline', { config: bare, configPath: EXAMPLE })).toThrow(
      'pipeline mode needs provider.pipeline: { connectionArn, repository, branch } in the configuration (received nothing)',
    );
  });
});
