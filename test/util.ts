/** Shared test fixtures: one synthesis of each kind, reused across assertions. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type App,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  type PolicyViolation,
  RemovalPolicy,
  Stack,
  Tags,
} from 'aws-cdk-lib';
import { ACCOUNT_LIMITS, type AccountLimit, StackLimitsChecks } from '../lib/nag/stack-limits';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnPolicy } from 'aws-cdk-lib/aws-organizations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { parse } from 'yaml';
import { AwsSolutionsChecks, HIPAASecurityChecks, type NagPack, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import {
  AcknowledgementLedger,
  addBaselineStacks,
  type BaselineStacks,
  ClientDataBaselineChecks,
  createApp,
  parseConfig,
  SharedRuleEngine,
  TAG_KEYS,
} from '../lib/internal';
import { AccessLogBucket, ClientDataBucket, type ClientDataBucketProps, ClientKey } from '../lib/constructs/data';
import { type BaselineConfig, ConfigError } from '../lib/model';

/** The bundled example, parsed but not validated. */
export function exampleRaw(): Record<string, unknown> {
  return parse(readFileSync(join(__dirname, '..', 'config', 'baseline.example.yaml'), 'utf8')) as Record<string, unknown>;
}

/** The bundled example, validated. */
export function exampleConfig(): BaselineConfig {
  return parseConfig(exampleRaw(), 'example');
}

/** An app with cdk.json's flags and no validation plugins, for template assertions. */
export function plainApp(): App {
  return createApp({ builtinCloudFormationValidation: false });
}

/** Builds the baseline for a configuration without policy checks and returns a template getter. */
export function synthBaseline(config: BaselineConfig = exampleConfig()) {
  const app = plainApp();
  const stacks = addBaselineStacks(app, config);
  return { app, stacks, template: (stack: Stack) => Template.fromStack(stack) };
}

/**
 * Runs this baseline's pack over a test stack and returns its findings as
 * `<ruleId> <constructPath>` lines, for one rule.
 *
 * @param clientId when given, the stack belongs to this client, tagged as `ClientStack` tags it
 */
export function packFindings(ruleId: string, build: (stack: Stack) => void, clientId?: string): string[] {
  const app = plainApp();
  const tags = clientId === undefined ? undefined : { [TAG_KEYS.clientId]: clientId };
  const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'eu-west-1' }, tags });
  if (clientId !== undefined) Tags.of(stack).add(TAG_KEYS.clientId, clientId);
  build(stack);
  app.synth();
  const report = new ClientDataBaselineChecks().validateScope(app);
  // Every rule-case fixture is also a differential case: the shared engine finds what the stock packs find.
  const { stock, engine } = bothEngines(app);
  if (JSON.stringify(engine) !== JSON.stringify(stock)) expect(engine).toEqual(stock);
  return report.violations
    .filter((v) => v.ruleName === ruleId || v.ruleName.startsWith(`${ruleId}[`))
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`));
}

/** A fixed "now" for break-glass tests (deterministic expiry checks). */
export const FIXED_NOW = new Date('2026-11-23T00:00:00Z');

/** A break-glass approval valid at {@link FIXED_NOW} (expires 24 hours later). */
export const BREAK_GLASS = { approvedBy: 'jane@example.com', ticket: 'CHG-1234', expires: '2026-11-24T00:00:00Z' } as const;

/** The example with a change applied, validated at {@link FIXED_NOW}. */
export function exampleWith(change: (raw: any) => void): BaselineConfig {
  return parseConfig(variant(change), 'test', { now: FIXED_NOW });
}

/** The example with a change applied to a deep copy (for configuration tests). */
export function variant(change: (raw: any) => void): unknown {
  const raw = structuredClone(exampleRaw());
  change(raw);
  return raw;
}

/** The issue lines a configuration is refused with (a `ConfigError`, never another error); empty when it is accepted. */
export function refusalOf(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ''));
  }
  return [];
}

/** The issue lines a configuration fails with; fails the test when it is accepted. */
export function issuesOf(raw: unknown): string[] {
  const lines = refusalOf(() => parseConfig(raw, 'test.yaml'));
  if (lines.length === 0) throw new Error('expected the configuration to be refused');
  return lines;
}

/** Path of the offboarding and two-account example, relative to the project root. */
export const OFFBOARDING_EXAMPLE = 'config/offboarding.example.yaml';

/** The offboarding example with a change applied, validated at {@link FIXED_NOW}. */
export function offboardingExample(change: (raw: any) => void = () => undefined): BaselineConfig {
  const raw = parse(readFileSync(join(__dirname, '..', OFFBOARDING_EXAMPLE), 'utf8'));
  change(raw);
  return parseConfig(raw, OFFBOARDING_EXAMPLE, { now: FIXED_NOW });
}

/** The packs applyPolicyChecks registers, fresh. */
export const allPacks = (): NagPack[] => [
  new AwsSolutionsChecks(),
  new HIPAASecurityChecks(),
  new NIST80053R5Checks(),
  new PCIDSS321Checks(),
  new ClientDataBaselineChecks(),
];

/**
 * The findings of every pack over a synthesized app, by pack name, from the
 * stock cdk-nag packs (each walking the tree on its own) and from the shared
 * rule engine: each violation with its rule, description, severity and resources, in report order.
 */
export function bothEngines(app: App): { stock: Record<string, PolicyViolation[]>; engine: Record<string, PolicyViolation[]> } {
  const stock = Object.fromEntries(allPacks().map((p) => [p.name, p.validateScope(app).violations]));
  const shared = new SharedRuleEngine(allPacks(), AcknowledgementLedger.for(app));
  const context = { appConstruct: app, templatePaths: [], stackTemplates: [] } as unknown as IPolicyValidationContext;
  const engine = Object.fromEntries(shared.plugins.map((p) => [p.name, p.validate(context).violations]));
  return { stock, engine };
}

// The foundation rules' client store of acme, in a test stack of that client.

/** Findings of one rule in a stack that belongs to client "acme". */
export const clientFindings = (rule: string, build: (stack: Stack) => void) => packFindings(rule, build, 'acme');

/** A compliant client store of client "acme" (run it in a stack of that client: `clientFindings(rule, build, 'acme')`). */
export function clientStore(stack: Stack, overrides: Partial<ClientDataBucketProps> = {}) {
  const key = new ClientKey(stack, 'Key', { clientId: 'acme', alias: 'alias/test/acme' });
  const logs = new AccessLogBucket(stack, 'Logs', { bucketName: 'test-acme-logs' });
  const bucket = new ClientDataBucket(stack, 'Records', {
    bucketName: 'test-acme-records',
    clientId: 'acme',
    dataset: 'records',
    classification: 'phi',
    tier: 'critical',
    encryptionKey: key,
    serverAccessLogsBucket: logs,
    ...overrides,
  });
  return { key, logs, bucket };
}

/** A bucket tagged as a dataset of "acme" but built from plain aws-cdk-lib props. */
export function plainDataset(stack: Stack, props: s3.BucketProps) {
  const bucket = new s3.Bucket(stack, 'Plain', { removalPolicy: RemovalPolicy.RETAIN, ...props });
  Tags.of(bucket).add('dataset', 'plain');
  Tags.of(bucket).add('classification', 'pii');
  Tags.of(bucket).add('tier', 'important');
  return bucket;
}

let acme: BaselineConfig | undefined;

/** The example with its first client (acme: eu-west-1 to eu-central-1, allowed [eu-west-1, eu-central-1]) only, parsed once. */
export function acmeOnly(): BaselineConfig {
  acme ??= (() => {
    const raw = structuredClone(exampleRaw()) as { clients: unknown[] };
    raw.clients = [raw.clients[0]];
    return parseConfig(raw, 'acme.yaml');
  })();
  return acme;
}

/** The construct paths of acme's two dataset buckets in its data stack. */
export const ACME_RECORDS = 'acme-data/Default/Dataset-records/Resource';
export const ACME_BILLING = 'acme-data/Default/Dataset-billing/Resource';

/**
 * The findings of one rule over acme's stacks (the baseline of {@link acmeOnly}),
 * after an optional change: the stacks are built and then broken at the L1
 * level, as a hand-written template could be.
 */
export function acmeFindings(rule: string, change: (stacks: BaselineStacks['clients'][string]) => void = () => undefined): string[] {
  return packFindings(`CDB-${rule}`, (stack) => {
    const stacks = addBaselineStacks(stack.node.root, acmeOnly());
    change(stacks.clients.acme);
  })
    .map((f) => f.split(' ')[1])
    .sort();
}

/** The L1 replication configuration of a dataset bucket. */
export function replicationOf(bucket: s3.IBucket): s3.CfnBucket.ReplicationConfigurationProperty {
  return (bucket.node.defaultChild as s3.CfnBucket).replicationConfiguration as s3.CfnBucket.ReplicationConfigurationProperty;
}

/** Changes the first rule of a dataset bucket's replication configuration. */
export function changeRule(
  bucket: s3.IBucket,
  change: (rule: s3.CfnBucket.ReplicationRuleProperty) => s3.CfnBucket.ReplicationRuleProperty,
): void {
  const config = replicationOf(bucket);
  const rules = config.rules as s3.CfnBucket.ReplicationRuleProperty[];
  (bucket.node.defaultChild as s3.CfnBucket).replicationConfiguration = { ...config, rules: [change(rules[0]), ...rules.slice(1)] };
}

/** A rule whose replica key ARN is replaced by a literal. */
export const withKey = (arn: string) => (rule: s3.CfnBucket.ReplicationRuleProperty) => ({
  ...rule,
  destination: { ...(rule.destination as s3.CfnBucket.ReplicationDestinationProperty), encryptionConfiguration: { replicaKmsKeyId: arn } },
});

// The organization example (config/organization.example.yaml).

/** Path of the organization example. */
const ORG_EXAMPLE = join(__dirname, '..', 'config', 'organization.example.yaml');

/** The organization id of the organization example. */
export const ORGANIZATION_ID = 'o-a1b2c3d4e5';

/** The organization example, parsed but not validated. */
export const orgRaw = (): any => parse(readFileSync(ORG_EXAMPLE, 'utf8'));

/** The organization example with a change applied, validated at {@link FIXED_NOW}. */
export const orgConfig = (change: (raw: any) => void = () => undefined): BaselineConfig => {
  const raw = orgRaw();
  change(raw);
  return parseConfig(raw, 'organization.example.yaml', { now: FIXED_NOW });
};

/** Builds the baseline of a configuration (the organization example by default) without policy checks. */
export function buildOrganization(config = orgConfig()): { app: App; stacks: BaselineStacks } {
  const app = plainApp();
  return { app, stacks: addBaselineStacks(app, config) };
}

/** Findings of one rule of the pack over the organization example, after an optional change to the built app. */
export function organizationFindings(
  ruleId: string,
  mutate: (stacks: BaselineStacks) => void = () => undefined,
  config = orgConfig(),
): string[] {
  const { app, stacks } = buildOrganization(config);
  mutate(stacks);
  app.synth();
  return new ClientDataBaselineChecks()
    .validateScope(app)
    .violations.filter((v) => v.ruleName === ruleId || v.ruleName.startsWith(`${ruleId}[`))
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`));
}

/** The L1 policy of one guardrail of the organization stacks, by name. */
export const guardrailPolicy = (stacks: BaselineStacks, name: string) => stacks.guardrails!.guardrails[name].policy as CfnPolicy;

/** Synthesizes an app and runs only the account quota checks of `StackLimitsChecks` over its stacks, as the synth would. */
export function accountLimitReport(app: App, limits: readonly AccountLimit[] = ACCOUNT_LIMITS): PolicyValidationPluginReport {
  const assembly = app.synth();
  const stackTemplates = assembly.stacks.map((s) => ({
    stackConstructPath: s.hierarchicalId,
    templatePath: s.templateFullPath,
    accountId: s.environment.account,
    region: s.environment.region,
  }));
  return new StackLimitsChecks([], limits).validate({
    templatePaths: stackTemplates.map((s) => s.templatePath),
    stackTemplates,
    appConstruct: app,
  } as IPolicyValidationContext);
}
