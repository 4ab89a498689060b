/** Shared test fixtures: one synthesis of each kind, reused across assertions. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, type IPolicyValidationContext, type PolicyViolation, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parse } from 'yaml';
import { AwsSolutionsChecks, HIPAASecurityChecks, type NagPack, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import {
  AcknowledgementLedger,
  addBaselineStacks,
  ClientDataBaselineChecks,
  createApp,
  parseConfig,
  SharedRuleEngine,
  TAG_KEYS,
} from '../lib/internal';
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
