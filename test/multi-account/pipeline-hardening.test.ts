import { type App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  applyPolicyChecks,
  buildReport,
  CDK_ASSET_BUCKETS,
  createApp,
  KMS_ADMIN_ACTIONS,
  KMS_USE_ACTIONS,
  PipelineStack,
  separateKeyAdministration,
} from '../../lib/internal';
import { FIXED_NOW, OFFBOARDING_EXAMPLE, offboardingExample, plainApp } from '../util';

const EXAMPLE = OFFBOARDING_EXAMPLE;
const config = offboardingExample;
const SUPPORT_REGIONS = ['eu-central-1', 'us-east-1', 'us-west-2'];

/** The pipeline stack and its cross-region support stacks, built without checks. */
function build(app: App = plainApp(), cfg = config()): { stack: PipelineStack; stores: Stack[] } {
  const stack = new PipelineStack(app, 'pipeline', { config: cfg, configPath: EXAMPLE });
  const support = Object.values(stack.pipeline.pipeline.crossRegionSupport).map((s) => s.stack);
  return { stack, stores: [stack, ...support] };
}

/** One build, without checks, for the template assertions. */
const { stack, stores } = build();

describe('the pipeline’s artifact stores (CDM-3.4-IN-TRANSIT, DP-KEY-ADMIN, DP-LOG-ALL-ACCESS)', () => {
  test('one store in the home region and one support stack per other region the pipeline deploys to', () => {
    expect(stores.map((s) => s.region).sort()).toEqual(['eu-west-1', ...SUPPORT_REGIONS].sort());
  });

  test.each(['eu-west-1', ...SUPPORT_REGIONS])('%s: the store is versioned, retained and logs its access', (region) => {
    const template = Template.fromStack(stores.find((s) => s.region === region) as Stack);
    const logs = `111111111111-precision-pipeline-${region}-s3logs`;
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: { Ref: Match.anyValue() }, LogFilePrefix: 'artifacts/' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }],
        },
      }),
    });
    template.hasResourceProperties('AWS::S3::Bucket', { BucketName: logs, VersioningConfiguration: { Status: 'Enabled' } });
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test.each(['eu-west-1', ...SUPPORT_REGIONS])('%s: the store denies requests without TLS or below TLS 1.2', (region) => {
    const template = Template.fromStack(stores.find((s) => s.region === region) as Stack);
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).map((p) => p.Properties.PolicyDocument.Statement);
    const store = policies.find((statements) => statements.some((s: { Sid?: string }) => s.Sid === 'DenyTlsBelowMinimum')) as object[];
    expect(store).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({
          Sid: 'DenyTlsBelowMinimum',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
        }),
      ]),
    );
  });

  test.each(['eu-west-1', ...SUPPORT_REGIONS])('%s: the key’s administration and use are separate statements', (region) => {
    const template = Template.fromStack(stores.find((s) => s.region === region) as Stack);
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    const statements = key.Properties.KeyPolicy.Statement as { Sid?: string; Action: string | string[]; Principal: unknown }[];
    expect(statements.filter((s) => s.Action === 'kms:*')).toEqual([]);
    const root = { AWS: 'arn:aws:iam::111111111111:root' };
    expect(statements.find((s) => s.Sid === 'KeyAdministrationNotUse')).toEqual({
      Sid: 'KeyAdministrationNotUse',
      Effect: 'Allow',
      Principal: root,
      Action: [...KMS_ADMIN_ACTIONS],
      Resource: '*',
    });
    expect(statements.find((s) => s.Sid === 'KeyUseThroughIamPolicies')).toEqual({
      Sid: 'KeyUseThroughIamPolicies',
      Effect: 'Allow',
      Principal: root,
      Action: [...KMS_USE_ACTIONS],
      Resource: '*',
    });
  });

  test('a key policy without aws-cdk-lib’s default statement is refused, not silently left alone', () => {
    const stack = new Stack(plainApp(), 'Keys', { env: { account: '111111111111', region: 'eu-west-1' } });
    const use = new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['kms:Decrypt'], resources: ['*'] });
    const key = new kms.Key(stack, 'Key', { policy: new iam.PolicyDocument({ statements: [use] }) });
    separateKeyAdministration(key);
    expect(() => Template.fromStack(stack)).toThrow(
      "Keys/Key: expected aws-cdk-lib's default key policy statement (the account, kms:*) to separate",
    );
  });
});

describe('the pipeline’s own roles stay off client data (CDM-3.3-TENANT-ISOLATION)', () => {
  const template = Template.fromStack(stack);

  test('every role of the pipeline stack carries both Deny statements', () => {
    const roles = Object.keys(template.findResources('AWS::IAM::Role'));
    // The pipeline's, the synth, self-mutation and asset projects'; the diff project's; the permission check's project and function
    // (the actions run as the pipeline's role: no action roles).
    expect(roles.length).toBe(4 + 1 + 2);
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    for (const role of roles) {
      const statements = policies
        .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
        .flatMap((p) => p.Properties.PolicyDocument.Statement);
      const s3Guard = statements.find((s) => s.Sid === 'DenyS3OutsideArtifactStores');
      expect([role, s3Guard?.Effect, s3Guard?.Action, s3Guard?.Resource]).toEqual([role, 'Deny', 's3:*', undefined]);
      expect(s3Guard.NotResource).toEqual(expect.arrayContaining([CDK_ASSET_BUCKETS, `${CDK_ASSET_BUCKETS}/*`]));
      expect(s3Guard.NotResource).toHaveLength(2 * 4 + 2); // four stores (bucket and objects) and CDK's asset buckets
      expect(statements.find((s) => s.Sid === 'DenyClientKeys')).toEqual({
        Sid: 'DenyClientKeys',
        Effect: 'Deny',
        Action: 'kms:*',
        Resource: '*',
        Condition: { Null: { 'aws:ResourceTag/client-id': 'false' } },
      });
    }
  });

  test('the actions run as the pipeline’s role, which only CodePipeline assumes: no role per action, seven roles in all', () => {
    const roles = template.findResources('AWS::IAM::Role');
    // The pipeline's, the synth, diff, self-mutation and asset projects', and the permission check's two (its project and its Lambda).
    expect(Object.keys(roles).sort()).toEqual([
      expect.stringMatching(/^PipelineAssetsFileRole/),
      expect.stringMatching(/^PipelineBuildSynthCdkBuildProjectRole/),
      expect.stringMatching(/^PipelinePipelinesSecurityCheckCDKPipelinesAutoApproveServiceRole/),
      expect.stringMatching(/^PipelinePipelinesSecurityCheckCDKSecurityCheckRole/),
      expect.stringMatching(/^PipelineRole/),
      expect.stringMatching(/^PipelineSharedDiffRole/),
      expect.stringMatching(/^PipelineUpdatePipelineSelfMutationRole/),
    ]);
    const pipelineRole = Object.keys(roles).find((id) => id.startsWith('PipelineRole')) as string;
    expect(roles[pipelineRole].Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'codepipeline.amazonaws.com' } },
    ]);
    // No role is assumable by another principal of the account: none trusts an AWS principal.
    for (const role of Object.values(roles)) {
      expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).not.toContain('"AWS"');
    }
    // Every action of the pipeline's own account runs as the pipeline's role (no RoleArn); the others as the target's CDK deploy role.
    const stages = (Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0] as any).Properties.Stages;
    const actionRoles = new Set(stages.flatMap((st: any) => st.Actions.map((a: any) => JSON.stringify(a.RoleArn ?? null))));
    for (const role of actionRoles) expect(role === 'null' || (role as string).includes('cdk-hnb659fds-deploy-role')).toBe(true);
  });
});

describe('pipeline mode with every check on', () => {
  test('the pipeline, its support stacks and every stage synthesize with every pack and the isolation proof, no finding', () => {
    const app = createApp({ context: { now: FIXED_NOW.toISOString() } });
    const cfg = config();
    const { stores } = build(app);
    applyPolicyChecks(app);
    const assembly = app.synth();
    const report = buildReport(cfg, app, assembly);
    expect(report.findings).toEqual([]);
    expect(report.summary.controls).toEqual({ total: 45, enforced: 36, gaps: 3, organisational: 6 });
    expect(report.stacks.map((s) => s.name)).toEqual(
      expect.arrayContaining([...stores.map((s) => s.stackName), 'precision-acme-data', 'precision-initech-replica', 'precision-audit']),
    );
    expect(report.stacks).toHaveLength(20); // with the six detection stacks of the shared wave
    // The generated pipeline's findings are acknowledged one by one, with reasons, never a rule for a whole stack.
    const rules = report.acknowledgements.map((a) => a.rule);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-IAM5[Action::s3:GetObject*]', 'AwsSolutions-IAM5[Resource::*]']));
    expect(rules).not.toContain('AwsSolutions-IAM5');
  });

  test('every client in the provider account: the stores still have keys of their own, and nothing is found', () => {
    const app = createApp({ context: { now: FIXED_NOW.toISOString() } });
    const cfg = config((raw) => raw.clients.forEach((c: { account?: string }) => delete c.account));
    const { stores } = build(app, cfg);
    applyPolicyChecks(app);
    const report = buildReport(cfg, app, app.synth());
    expect(report.findings).toEqual([]);
    for (const stack of stores) Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 1);
  });

  test('a wildcard CDK Pipelines does not generate is still a finding', () => {
    const app = createApp({ context: { now: FIXED_NOW.toISOString() } });
    const { stack } = build(app);
    stack.pipeline.pipeline.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['ec2:*'], resources: ['*'] }));
    applyPolicyChecks(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Action::ec2:\*\]/);
  });
});
