/**
 * The differential test of the shared rule engine (lib/nag/engine.ts): the
 * stock cdk-nag packs, each walking the tree on its own, and the engine,
 * which walks it once and judges each (rule, resource) once, must report the
 * same findings one for one (rule id, description, severity, resources, in
 * order) for every pack. Every rule-case fixture runs the same comparison
 * through `packFindings` (test/util.ts). The invalid-configuration corpus
 * (test/fixtures/invalid) is refused before any stack exists, so both engines
 * see nothing there; the bad configurations here are those that build and
 * break the policies.
 */
import { Aws, CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { type App, CfnResource, Validations } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagRuleCompliance } from 'cdk-nag';
import {
  AcknowledgementLedger,
  acknowledgeKnownFindings,
  addBaselineStacks,
  RuleResults,
  SharedRuleEngine,
  sharedRuleResults,
} from '../../lib/internal';
import { allPacks, BREAK_GLASS, bothEngines, exampleConfig, exampleWith, offboardingExample, plainApp } from '../util';

const total = (byPack: Record<string, { violatingResources: unknown[] }[]>) =>
  Object.values(byPack).reduce((n, vs) => n + vs.reduce((m, v) => m + v.violatingResources.length, 0), 0);

function baselineApp(config = exampleConfig(), acknowledged = true): App {
  const app = plainApp();
  addBaselineStacks(app, config);
  if (acknowledged) acknowledgeKnownFindings(app);
  app.synth();
  return app;
}

/** Plain aws-cdk-lib resources of many services, mostly non-compliant, some with unresolvable references (rules that throw). */
function brokenApp(): App {
  const app = plainApp();
  const stack = new Stack(app, 'Broken', { env: { account: '111111111111', region: 'eu-west-1' } });
  new s3.Bucket(stack, 'Open', { bucketName: Fn.importValue('SomeBucketName') });
  const queue = new sqs.Queue(stack, 'Queue');
  new sns.Topic(stack, 'Topic');
  new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
  // A flag that resolves to an intrinsic, not a boolean: the rotation rules throw on it.
  const imported = new kms.CfnKey(stack, 'ImportedRotation', { keyPolicy: {} });
  imported.enableKeyRotation = Fn.importValue('RotationFlag') as unknown as boolean;
  new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_DAY });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
  new ec2.SecurityGroup(stack, 'Open22', { vpc }).addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_18_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => 1;'),
  });
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  queue.grantSendMessages(fn);
  new iam.Role(stack, 'Admin', {
    assumedBy: new iam.AccountRootPrincipal(),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  });
  new iam.CfnUser(stack, 'User', {
    policies: [{ policyName: 'p', policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
  });
  new CfnOutput(stack, 'Region', { value: Aws.REGION });
  // One acknowledgement on one resource, so that both engines must honour it.
  Validations.of(queue.node.defaultChild!).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'test' });
  app.synth();
  return app;
}

/** The example's stacks broken through escape hatches: encryption, versioning and TLS removed from a dataset bucket. */
function tamperedBaselineApp(): App {
  const app = plainApp();
  const built = addBaselineStacks(app, exampleConfig());
  acknowledgeKnownFindings(app);
  const data = Object.values(built.clients)[0].data;
  const bucket = data.node.findAll().find((c): c is s3.CfnBucket => c instanceof s3.CfnBucket && c.node.path.includes('Dataset'))!;
  bucket.addPropertyDeletionOverride('BucketEncryption');
  bucket.addPropertyDeletionOverride('VersioningConfiguration');
  bucket.addPropertyDeletionOverride('ReplicationConfiguration');
  bucket.addPropertyDeletionOverride('LoggingConfiguration');
  const policy = data.node.findAll().find((c) => c instanceof s3.CfnBucketPolicy)! as s3.CfnBucketPolicy;
  policy.addPropertyOverride('PolicyDocument.Statement', [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }]);
  app.synth();
  return app;
}

describe('shared rule engine = stock cdk-nag packs (differential)', () => {
  test.each([
    ['the example, acknowledged (no findings)', () => baselineApp(), 0],
    ['the example without its acknowledgements', () => baselineApp(exampleConfig(), false), 1],
    ['the offboarding example (two accounts, an offboarding client)', () => baselineApp(offboardingExample()), 0],
    ['the example with break-glass on every client', () => baselineApp(exampleWith((raw) => (raw.provider.breakGlass = BREAK_GLASS))), 0],
    ['the example tampered with through escape hatches', tamperedBaselineApp, 1],
    ['plain resources of many services, references that make rules throw', brokenApp, 1],
  ])('%s: the same findings, one for one', (_what, build, atLeast) => {
    const { stock, engine } = bothEngines(build());
    expect(Object.keys(engine)).toEqual(
      ['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321', 'ClientDataBaseline'].map(
        (n) => allPacks().find((p) => p.readPackName === n || p.name === n)!.name,
      ),
    );
    expect(engine).toEqual(stock);
    expect(total(engine)).toBeGreaterThanOrEqual(atLeast);
  });

  test('the broken app exercises every outcome: findings per pack, findings with values, a rule that throws, an acknowledgement', () => {
    const { stock, engine } = bothEngines(brokenApp());
    expect(engine).toEqual(stock);
    const all = Object.values(engine).flat();
    for (const [name, violations] of Object.entries(engine)) expect({ name, some: violations.length > 0 }).toEqual({ name, some: true });
    expect(all.some((v) => v.ruleName.includes('['))).toBe(true);
    expect(all.some((v) => v.description.startsWith('Rule threw an error during validation.'))).toBe(true);
    expect(all.some((v) => v.ruleName === 'AwsSolutions-SQS3')).toBe(false);
    expect(all.some((v) => v.ruleName === 'AwsSolutions-SQS4')).toBe(true);
  });

  test('each (rule function, resource) is judged once, however many packs register the rule; the report reads the same outcomes', () => {
    const app = baselineApp();
    let calls = 0;
    // The rule reads each resource (its type), so it is judged resource by resource; calls are counted past the read
    // (the engine's probe of each class aborts the rule at its first read: see the class-wide test below).
    const CountedRule = Object.assign((node: CfnResource) => {
      const type = node.cfnResourceType;
      calls += 1;
      return type === 'AWS::S3::Bucket' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
    }, {});
    Object.defineProperty(CountedRule, 'name', { value: 'CountedRule' });
    class CountingPack extends NagPack {
      public readonly name: string;
      constructor(name: string) {
        super();
        this.name = name;
        this.packName = name;
      }
      protected checkResource(node: CfnResource): void {
        this.applyRule({ info: 'counted', explanation: 'counted', level: NagMessageLevel.ERROR, rule: CountedRule, node });
      }
    }
    const resources = app.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
    const buckets = resources.filter((r) => r instanceof s3.CfnBucket).length;
    const stockReports = ['A', 'B', 'C'].map((n) => new CountingPack(n).validateScope(app));
    expect(calls).toBe(3 * resources.length);
    calls = 0;
    const engine = new SharedRuleEngine(
      ['A', 'B', 'C'].map((n) => new CountingPack(n)),
      AcknowledgementLedger.for(app),
      new Set([CountedRule]),
    );
    const context = { appConstruct: app } as never;
    const reports = engine.plugins.map((p) => p.validate(context));
    expect(calls).toBe(resources.length);
    expect(reports.map((r) => r.violations)).toEqual(stockReports.map((r) => r.violations));
    expect(reports[0].violations[0].violatingResources).toHaveLength(buckets);
    // The evidence of the report reads the outcomes the engine recorded for this tree.
    const shared = sharedRuleResults(app)!;
    expect(shared).toBeInstanceOf(RuleResults);
    expect(shared.outcome(CountedRule, resources[0])).toEqual({ result: NagRuleCompliance.NOT_APPLICABLE });
    expect(calls).toBe(resources.length);
  });

  test('after the walk only the outcomes of the kept rules (the report’s evidence) are held; another is judged again when asked', () => {
    const app = baselineApp();
    let calls = 0;
    const Counted = (node: CfnResource) => {
      const type = node.cfnResourceType;
      calls += 1;
      return type === 'AWS::S3::Bucket' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
    };
    const results = new RuleResults(new Set());
    const bucket = app.node.findAll().find((c): c is s3.CfnBucket => c instanceof s3.CfnBucket)!;
    expect(results.outcome(Counted, bucket)).toEqual({ result: NagRuleCompliance.COMPLIANT });
    expect(results.outcome(Counted, bucket)).toEqual({ result: NagRuleCompliance.COMPLIANT });
    expect(calls).toBe(1); // shared while the resource is judged
    results.settle(bucket);
    expect(results.outcome(Counted, bucket)).toEqual({ result: NagRuleCompliance.COMPLIANT });
    expect(calls).toBe(2); // not kept: judged again
    const keeping = new RuleResults(new Set([Counted]));
    keeping.outcome(Counted, bucket);
    keeping.settle(bucket);
    keeping.outcome(Counted, bucket);
    expect(calls).toBe(3); // kept: judged once
  });
  test('a rule that decides from the class alone (instanceof) is run once per class, on a stand-in, and finds what it finds on every resource', () => {
    const app = baselineApp();
    const resources = app.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
    const classes = new Set(resources.map((r) => Object.getPrototypeOf(r)));
    const buckets = resources.filter((r) => r instanceof s3.CfnBucket);
    let calls = 0;
    const ByClass = (node: CfnResource) => {
      calls += 1;
      return node instanceof s3.CfnBucket ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
    };
    // Reads a bucket's name, so it depends on the resource: judged on each bucket, not on the class.
    let reads = 0;
    const ByResource = (node: CfnResource) => {
      if (!(node instanceof s3.CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
      const path = node.node.path;
      reads += 1;
      return path.includes('Dataset') ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
    };
    class TwoRulePack extends NagPack {
      public readonly name = 'TwoRules';
      constructor() {
        super();
        this.packName = 'TwoRules';
      }
      protected checkResource(node: CfnResource): void {
        for (const rule of [ByClass, ByResource]) this.applyRule({ info: 'i', explanation: 'e', level: NagMessageLevel.ERROR, rule, node });
      }
    }
    const stock = new TwoRulePack().validateScope(app);
    calls = 0;
    reads = 0;
    const engine = new SharedRuleEngine([new TwoRulePack()], AcknowledgementLedger.for(app), new Set([ByClass, ByResource]));
    const [report] = engine.plugins.map((p) => p.validate({ appConstruct: app } as never));
    expect(calls).toBe(classes.size); // one probe per class, none per resource
    expect(reads).toBe(buckets.length); // every bucket judged itself
    expect(report.violations).toEqual(stock.violations);
    expect(report.violations.map((v) => [v.ruleName, v.violatingResources.length])).toEqual([
      ['TwoRules-ByClass', buckets.length],
      ['TwoRules-ByResource', buckets.filter((b) => b.node.path.includes('Dataset')).length],
    ]);
    // The report reads class-wide outcomes from the class, without running the rule again.
    const shared = sharedRuleResults(app)!;
    expect(shared.outcome(ByClass, buckets[0])).toEqual({ result: NagRuleCompliance.NON_COMPLIANT });
    expect(
      shared.outcome(
        ByClass,
        resources.find((r) => !(r instanceof s3.CfnBucket))!,
      ),
    ).toEqual({
      result: NagRuleCompliance.NOT_APPLICABLE,
    });
    expect(calls).toBe(classes.size);
  });
});
