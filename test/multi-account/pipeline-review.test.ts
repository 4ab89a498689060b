import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  addPipelineStacks,
  CLIENT_APPROVAL_COMMENT,
  diffCommands,
  lookupRoleArn,
  parseConfig,
  pipelineAccessLogBucketName,
  PipelineStack,
  awaitCommand,
  type BaselineConfig,
  sharedPrerequisites,
  shardContents,
  shardOf,
  STACKS_PER_STAGE,
} from '../../lib/internal';
import { generateConfig } from '../../lib/config/generate';
import projectPackage from '../../package.json';
import { FIXED_NOW, OFFBOARDING_EXAMPLE, offboardingExample, plainApp } from '../util';

interface Action {
  readonly Name: string;
  readonly RunOrder: number;
  readonly Namespace?: string;
  readonly ActionTypeId: { readonly Category: string; readonly Provider: string };
  readonly Configuration?: Record<string, unknown>;
  readonly OutputArtifacts?: { readonly Name: string }[];
}
type PipelineStage = { Name: string; Actions: Action[] };

function stagesOf(template: Template): PipelineStage[] {
  return (Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0] as any).Properties.Stages;
}
const isDeploy = (a: Action) => a.Name.endsWith('.Prepare') || a.Name.endsWith('.Deploy');

describe('the pipeline shows what will change and waits', () => {
  const stack = new PipelineStack(plainApp(), 'pipeline', { config: offboardingExample(), configPath: OFFBOARDING_EXAMPLE });
  const template = Template.fromStack(stack);
  const stages = stagesOf(template);
  const stage = (name: string) => stages.find((s) => s.Name === name) as PipelineStage;

  test('the diff runs first, then each stage’s permission check and confirmation, then its deployments', () => {
    const order = (name: string) =>
      stage(name)
        .Actions.filter((a) => !isDeploy(a))
        .map((a) => `${a.Name}@${a.RunOrder}`);
    expect(order('Shared')).toEqual(['Diff@1', 'ConfirmPermissions.Check@2', 'ConfirmPermissions.Confirm@3']);
    expect(order('replicas')).toEqual(['ApproveClientChanges@1', 'ConfirmPermissions.Check@2', 'ConfirmPermissions.Confirm@3']);
    expect(order('primaries')).toEqual(['ConfirmPermissions.Check@1', 'ConfirmPermissions.Confirm@2']);
    for (const name of ['Shared', 'replicas', 'primaries']) {
      const confirm = stage(name).Actions.find((a) => a.Name === 'ConfirmPermissions.Confirm') as Action;
      expect(confirm.ActionTypeId).toMatchObject({ Category: 'Approval', Provider: 'Manual' });
      const deploys = stage(name).Actions.filter(isDeploy);
      expect(deploys.length).toBeGreaterThan(0);
      expect(Math.min(...deploys.map((a) => a.RunOrder))).toBe(confirm.RunOrder + 1);
    }
  });

  test('the approval linking the diff comes before the first stage deploying client stacks, and only shared stacks deploy before it', () => {
    const approvals = stages.flatMap((s) => s.Actions.filter((a) => a.Name === 'ApproveClientChanges').map(() => s.Name));
    expect(approvals).toEqual(['replicas']);
    const before = stages.slice(
      0,
      stages.findIndex((s) => s.Name === 'replicas'),
    );
    const deployedBefore = before.flatMap((s) =>
      s.Actions.filter((a) => a.Name.endsWith('.Deploy')).map((a) => a.Configuration?.StackName),
    );
    expect(deployedBefore.sort()).toEqual([
      'precision-audit',
      'precision-backup-audit-111111111111-eu-west-1',
      'precision-backup-audit-222222222222-eu-central-1',
      'precision-backup-audit-222222222222-us-east-1',
      // Detection stacks are shared stacks too (one per account and region with client data): watched before any client data exists.
      ...['111111111111-eu-central-1', '111111111111-eu-west-1', '222222222222-eu-central-1', '222222222222-eu-west-1'].map(
        (env) => `precision-detection-${env}`,
      ),
      'precision-detection-222222222222-us-east-1',
      'precision-detection-222222222222-us-west-2',
    ]);
    const approval = stage('replicas').Actions.find((a) => a.Name === 'ApproveClientChanges') as Action;
    expect(approval.ActionTypeId).toMatchObject({ Category: 'Approval', Provider: 'Manual' });
    expect(approval.Configuration).toEqual({ CustomData: CLIENT_APPROVAL_COMMENT, ExternalEntityLink: '#{Shared@Diff.DIFF_LINK}' });
    const diff = stage('Shared').Actions.find((a) => a.Name === 'Diff') as Action;
    expect([diff.Namespace, diff.OutputArtifacts]).toEqual(['Shared@Diff', [{ Name: 'Diff_Output' }]]);
  });

  test('the diff project runs cdk diff of every stage with the pinned CLI, one file a stage, published from diff/', () => {
    const paths = ['Shared', 'replicas', 'primaries'].map((s) => `pipeline/${s}`);
    const commands = diffCommands(
      ['Shared', 'replicas', 'primaries'].map((id) => stack.node.findChild(id) as any),
      '2.1148.1',
    );
    expect(commands).toEqual([
      'mkdir -p diff',
      ...paths.map((path) => {
        const file = `diff/${path.split('/')[1]}.txt`;
        return `npx --yes aws-cdk@2.1148.1 diff --app . --no-change-set '${path}/*' > ${file} 2>&1 || { cat ${file}; exit 1; }`;
      }),
      'cat diff/*.txt',
      'export DIFF_LINK="https://$AWS_REGION.console.aws.amazon.com/codesuite/codebuild/projects/${CODEBUILD_BUILD_ID%%:*}/build/$CODEBUILD_BUILD_ID/?region=$AWS_REGION"',
    ]);
    const projects = Object.entries(template.findResources('AWS::CodeBuild::Project')).filter(([id]) => id.includes('Diff'));
    expect(projects).toHaveLength(1);
    expect(JSON.parse(projects[0][1].Properties.Source.BuildSpec)).toEqual({
      version: '0.2',
      env: { 'exported-variables': ['DIFF_LINK'] },
      phases: { build: { commands } },
      artifacts: { 'base-directory': 'diff', files: ['**/*'] },
    });
  });

  test('the diff role may assume only the lookup role of each account and region deployed to, and stays off client data', () => {
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) => id.startsWith('PipelineSharedDiffRole'));
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.find((s) => s.Sid === 'ReadDeployedTemplates')).toEqual({
      Sid: 'ReadDeployedTemplates',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: [
        ['111111111111', 'eu-central-1'],
        ['111111111111', 'eu-west-1'],
        ['222222222222', 'eu-central-1'],
        ['222222222222', 'eu-west-1'],
        ['222222222222', 'us-east-1'],
        ['222222222222', 'us-west-2'],
      ].map(([account, region]) => lookupRoleArn(account, region)),
    });
    expect(lookupRoleArn('222222222222', 'us-east-1')).toBe(
      'arn:aws:iam::222222222222:role/cdk-hnb659fds-lookup-role-222222222222-us-east-1',
    );
    // Any other sts:AssumeRole would let the diff act in the target accounts.
    expect(statements.filter((s) => s.Effect === 'Allow' && [s.Action].flat().includes('sts:AssumeRole'))).toHaveLength(1);
    expect(statements.filter((s) => s.Effect === 'Deny').map((s) => s.Sid)).toEqual(['DenyS3OutsideArtifactStores', 'DenyClientKeys']);
  });
});

describe('pipeline limits at scale', () => {
  // The offboarding example over three pipelines, synthesized once for the tests that read it.
  let shared: { config: BaselineConfig; stacks: PipelineStack[] } | undefined;
  const threeShards = () => {
    if (shared === undefined) {
      const config = offboardingExample((raw) => (raw.provider.pipeline.shards = 3));
      shared = { config, stacks: addPipelineStacks(plainApp(), { config, configPath: OFFBOARDING_EXAMPLE }) };
    }
    return shared;
  };
  test('a client’s pipeline depends on its id only: adding clients never moves another', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `c${i}`);
    const before = new Map(ids.map((id) => [id, shardOf(id, 7)]));
    const more = [...ids, ...Array.from({ length: 50 }, (_, i) => `new${i}`)].reverse();
    for (const id of more.filter((id) => before.has(id))) expect(shardOf(id, 7)).toBe(before.get(id));
    expect(new Set(ids.map((id) => shardOf(id, 7)))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
    expect(ids.every((id) => shardOf(id, 1) === 0)).toBe(true);
    expect(() => shardOf('acme', 0)).toThrow('shardOf: shards must be a whole number of at least 1 (received 0)');
  });

  test('every client, backup audit and detection stack goes to exactly one pipeline; the provider’s own stacks to the first', () => {
    const { config, stacks } = threeShards();
    const contents = shardContents(config);
    expect(contents).toHaveLength(3);
    expect(contents.map((c) => c.audit)).toEqual([true, false, false]);
    expect(contents.flatMap((c) => c.clients.map((x) => x.id)).sort()).toEqual(['acme', 'globex', 'initech']);
    expect(contents.flatMap((c) => c.backupAuditClients)).toHaveLength(3);
    for (const [shard, c] of contents.entries()) for (const client of c.clients) expect(shardOf(client.id, 3)).toBe(shard);
    // Each account's detection stacks, by the account id: here the provider's in pipeline 2, the other in pipeline 1.
    expect(contents.map((c) => c.detectionAccounts)).toEqual([[], ['222222222222'], ['111111111111']]);
    const detection = stacks.map((s) => s.sharedStages.flatMap((st) => Object.keys(st.detection)));
    expect(detection).toEqual([
      [],
      ['222222222222/eu-central-1', '222222222222/eu-west-1', '222222222222/us-east-1', '222222222222/us-west-2'],
      ['111111111111/eu-central-1', '111111111111/eu-west-1'],
    ]);
    expect(stacks.map((s) => s.sharedStages.some((st) => st.audit !== undefined))).toEqual([true, false, false]);
  });

  test('a pipeline deploying detection without the audit stack first waits for the first pipeline’s stacks, then diffs', () => {
    const { config, stacks } = threeShards();
    const contents = shardContents(config);
    expect(sharedPrerequisites(config, contents[0])).toEqual([]); // it deploys them itself
    expect(sharedPrerequisites(config, contents[1])).toEqual([
      {
        stackName: 'precision-audit',
        account: '111111111111',
        region: 'eu-west-1',
        reason: 'AWS Config delivers to the configuration history bucket, which the first pipeline deploys',
        pipeline: 'precision-baseline',
      },
    ]);
    expect(sharedPrerequisites(config, { audit: false, detectionAccounts: [] })).toEqual([]); // no detection, nothing to wait for
    const stack = stacks[1];
    const template = Template.fromStack(stack);
    const [diffProject] = Object.values(template.findResources('AWS::CodeBuild::Project')).filter((p) =>
      JSON.stringify(p.Properties.Source.BuildSpec).includes('DIFF_LINK'),
    );
    const commands: string[] = JSON.parse(diffProject.Properties.Source.BuildSpec).phases.build.commands;
    const [wait] = sharedPrerequisites(config, contents[1]);
    expect(commands[0]).toBe(awaitCommand(wait));
    expect(commands.slice(1)).toEqual(
      diffCommands([...stack.sharedStages, ...stack.replicaStages, ...stack.primaryStages], projectPackage.devDependencies['aws-cdk']),
    );
    expect(awaitCommand(wait)).toBe(
      'for i in $(seq 1 60); do s=$(env $(aws sts assume-role --role-arn arn:aws:iam::111111111111:role/cdk-hnb659fds-lookup-role-111111111111-eu-west-1 --role-session-name await-precision-audit --query \'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]\' --output text | awk \'{print "AWS_ACCESS_KEY_ID="$1, "AWS_SECRET_ACCESS_KEY="$2, "AWS_SESSION_TOKEN="$3}\') aws cloudformation describe-stacks --region eu-west-1 --stack-name precision-audit --query \'Stacks[0].StackStatus\' --output text 2>/dev/null); ' +
        'case "$s" in CREATE_COMPLETE|UPDATE_COMPLETE|UPDATE_ROLLBACK_COMPLETE) break;; esac; if [ "$i" = 60 ]; then ' +
        'echo "precision-audit (111111111111/eu-west-1) is not deployed (status: ${s:-none}) after 30 minutes: AWS Config delivers to the configuration history bucket, which the first pipeline deploys. Run pipeline precision-baseline first, then retry this one."; exit 1; fi; sleep 30; done',
    );
    // The diff role may read the audit stack's account and region, though the pipeline deploys nothing there.
    const assumable = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((st) => st.Sid === 'ReadDeployedTemplates')
      .flatMap((st) => st.Resource);
    expect(assumable).toContain(lookupRoleArn('111111111111', 'eu-west-1'));
  });

  test('the pipelines may run in a deployment account of their own, which holds nothing they deploy to', () => {
    const config = offboardingExample((raw) => (raw.provider.pipeline.account = '999999999999'));
    const app = plainApp();
    const [stack] = addPipelineStacks(app, { config, configPath: OFFBOARDING_EXAMPLE });
    expect([stack.account, stack.region]).toEqual(['999999999999', 'eu-west-1']);
    const supportAccounts = app.node.children.filter((c): c is Stack => Stack.isStack(c) && c !== stack).map((c) => c.account);
    expect(supportAccounts.length).toBeGreaterThan(0);
    expect(new Set(supportAccounts)).toEqual(new Set(['999999999999'])); // cross-region artifact stores too
    expect(pipelineAccessLogBucketName(config.provider, 'eu-west-1')).toBe('999999999999-precision-pipeline-eu-west-1-s3logs');
    // The audit stack still deploys into the provider account, through its CDK deployment role.
    expect(stack.shared?.audit?.account).toBe('111111111111');
    const refused = (account: string) => {
      try {
        offboardingExample((raw) => {
          raw.provider.pipeline.account = account;
          raw.provider.organizationId = 'o-a1b2c3d4e5';
          raw.provider.accounts = { backup: '333333333333' };
        });
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refused('222222222222')).toContain(
      `provider.pipeline.account: the pipelines' account deploys into every other account and must hold nothing it deploys to, but it is the account of clients[1] ("globex"); allowed: provider.account (111111111111) or a 12-digit deployment account that is neither a client's account nor one of provider.accounts (received "222222222222")`,
    );
    expect(refused('333333333333')).toContain('but it is the account of provider.accounts.backup');
    expect(refused('111111111111')).toBe('accepted'); // the provider's own account, as without the field
    expect(refused('999999999999')).toBe('accepted');
  });

  test('shards: one pipeline stack each, named apart, each deploying only its own clients’ stacks', () => {
    const config = offboardingExample((raw) => (raw.provider.pipeline.shards = 2));
    const stacks = addPipelineStacks(plainApp(), { config, configPath: OFFBOARDING_EXAMPLE });
    expect(stacks.map((s) => [s.node.id, s.stackName, s.pipeline.pipeline.pipelineName])).toEqual([
      ['pipeline', 'precision-pipeline', expect.anything()],
      ['pipeline-1', 'precision-pipeline-1', expect.anything()],
    ]);
    const deployed = stacks.map((s) =>
      stagesOf(Template.fromStack(s))
        .flatMap((st) => st.Actions.filter((a) => a.Name.endsWith('.Deploy')))
        .map((a) => a.Configuration?.StackName as string),
    );
    const clients = shardContents(config).map((c) => c.clients.map((x) => x.id));
    for (const [shard, names] of deployed.entries()) {
      const own = names.filter((n) => /-(data|replica)$/.test(n)).sort();
      expect(own).toEqual(clients[shard].flatMap((id) => [`precision-${id}-data`, `precision-${id}-replica`]).sort());
    }
    expect(new Set(deployed.flat()).size).toBe(deployed.flat().length); // no stack deployed by two pipelines
    const logBuckets = stacks.map((s) => Template.fromStack(s).findResources('AWS::S3::Bucket'));
    expect(JSON.stringify(logBuckets[1])).toContain(pipelineAccessLogBucketName(config.provider, 'eu-west-1', 1));
    expect(pipelineAccessLogBucketName(config.provider, 'ap-southeast-4', 99).length).toBeLessThanOrEqual(63);
  });

  test(`a pipeline of many clients: stages of at most ${STACKS_PER_STAGE} stacks, each within 50 actions, in batches`, () => {
    const raw = generateConfig({ clients: 30 }) as any;
    raw.provider.pipeline = {
      connectionArn: 'arn:aws:codestar-connections:eu-west-1:111111111111:connection/0a1b2c3d-example',
      repository: 'o/r',
    };
    const config = parseConfig(raw, 'generated', { now: FIXED_NOW });
    const stack = new PipelineStack(plainApp(), 'pipeline', { config, configPath: 'generated.yaml' });
    const stages = stagesOf(Template.fromStack(stack));
    expect(stages.map((s) => s.Name)).toEqual([
      'Source',
      'Build',
      'UpdatePipeline',
      'Assets',
      'Shared',
      'Shared-2', // the rollout's own split: 1 audit, 19 detection and 11 backup audit stacks (never CDK Pipelines' Shared.1, Shared.2)
      'replicas',
      'replicas-2',
      'primaries',
      'primaries-2',
    ]);
    for (const s of stages) expect(s.Actions.length).toBeLessThanOrEqual(50);
    expect(stack.replicaStages.map((s) => Object.keys(s.stacks).length)).toEqual([23, 7]);
    const sharedStacks = stack.sharedStages.map((s) =>
      [s.audit, ...Object.values(s.detection), ...Object.values(s.backupAudits)].filter(Boolean),
    );
    expect(sharedStacks.map((s) => s.length)).toEqual([23, 8]);
    expect(stack.sharedStages[0].audit).toBeDefined(); // detection stacks come only with the audit stack's pipeline (shard 0)
    expect(Object.keys(stack.replicaStages[1].stacks)).toEqual(config.clients.slice(23).map((c) => c.id));
  });
});
