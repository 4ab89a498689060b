import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { parse } from 'yaml';
import { type BaselineConfig, parseConfig, PipelineStack, PROJECT_ROOT, synthCommands } from '../../lib';
import { FIXED_NOW, plainApp } from '../util';

const EXAMPLE = 'config/offboarding.example.yaml';
const config = (change: (raw: any) => void = () => undefined): BaselineConfig => {
  const raw = parse(readFileSync(join(PROJECT_ROOT, EXAMPLE), 'utf8'));
  change(raw);
  return parseConfig(raw, EXAMPLE, { now: FIXED_NOW });
};

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
    stack.pipeline.buildPipeline();
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

  test('waves: the shared audit stack first, then one stage per account and primary region', () => {
    expect(stages.map((s) => s.Name)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Assets', 'Shared', 'clients']);
    const shared = stages.find((s) => s.Name === 'Shared') as { Actions: Action[] };
    expect(new Set(shared.Actions.map((a) => a.Configuration?.StackName))).toEqual(new Set(['precision-audit']));
    expect(Object.keys(stack.clientStages).sort()).toEqual([
      '111111111111/eu-west-1',
      '222222222222/eu-central-1',
      '222222222222/us-east-1',
    ]);
  });

  test('each client stage deploys its replica stacks before its data stacks, in the client’s account and regions', () => {
    const clients = (stages.find((s) => s.Name === 'clients') as { Actions: Action[] }).Actions;
    const deploy = (stackName: string) =>
      clients.find((a) => a.Configuration?.StackName === stackName && a.Name.endsWith('Deploy')) as Action;
    const prepare = (stackName: string) =>
      clients.find((a) => a.Configuration?.StackName === stackName && a.Name.endsWith('Prepare')) as Action;
    for (const [client, account, replicaRegion] of [
      ['acme', '111111111111', 'eu-central-1'],
      ['globex', '222222222222', 'us-west-2'],
      ['initech', '222222222222', 'eu-west-1'],
    ]) {
      expect(deploy(`precision-${client}-replica`).RunOrder).toBeLessThan(prepare(`precision-${client}-data`).RunOrder);
      expect(JSON.stringify(deploy(`precision-${client}-data`).RoleArn)).toContain(`:iam::${account}:role/cdk-`);
      expect(deploy(`precision-${client}-replica`).Region ?? 'eu-west-1').toBe(replicaRegion);
    }
    for (const name of [
      'precision-backup-audit-111111111111-eu-west-1',
      'precision-backup-audit-222222222222-us-east-1',
      'precision-backup-audit-222222222222-eu-central-1',
    ]) {
      expect(deploy(name)).toBeDefined();
    }
    expect(clients.filter((a) => a.Configuration?.StackName === 'precision-audit')).toEqual([]);
  });

  test('clients in several accounts: the artifact bucket is encrypted with a rotating KMS key (crossAccountKeys)', () => {
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
