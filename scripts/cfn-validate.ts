/**
 * AWS's own validators over every template the baseline synthesizes (CI, .ci/run):
 * cfn-lint (settings and ignored checks, each with its reason: `.cfnlintrc`) and
 * the Control Tower proactive controls shipped in @cdklabs/cdk-validator-cfnguard
 * (exceptions, each with its control id and reason: `control-tower-exceptions.yaml`).
 *
 *   npx tsx scripts/cfn-validate.ts [--out DIR] [--clients N] [--only example,organization]
 *
 * Synthesizes the example, the offboarding example, its pipeline (`-c pipeline=true`),
 * the organization example (security, log archive and backup accounts, guardrails)
 * and a generated configuration of N clients (default 100) with `cdk synth`
 * (the main job, bin/app.ts, every check on), then runs both validators over every
 * `*.template.json` of the assemblies. Prints the findings one line per rule
 * (as the synth prints its own) and exits 1 on any finding that is not
 * explained, and on an exception that no longer matches anything.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { parse } from 'yaml';
import { type Finding, formatFindings } from '../lib/report/findings';
import { generatedYaml } from './gen-config';

const ROOT = join(__dirname, '..');
/** cfn-lint's settings and every ignored check with its reason. */
export const CFN_LINT_CONFIG = join(ROOT, '.cfnlintrc');
/** Control Tower controls the baseline does not meet, each with its control id, resources and reason. */
export const CONTROL_TOWER_EXCEPTIONS = join(ROOT, 'control-tower-exceptions.yaml');
const GUARD_RULES = join(ROOT, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard', 'rules', 'control-tower');

/** One configuration to synthesize and validate. */
interface Target {
  readonly name: string;
  readonly context: Readonly<Record<string, string>>;
}

/** One exception to a Control Tower control. */
export interface ControlTowerException {
  /** The control id, `CT.<SERVICE>.PR.<n>`. */
  readonly control: string;
  /** CDK paths (`aws:cdk:path` of the resource, `*` any characters) of the resources it covers. */
  readonly resources: readonly string[];
  /** Why the baseline does not meet the control there. */
  readonly reason: string;
}

/** A Control Tower finding on one resource. */
export interface GuardFinding {
  readonly control: string;
  readonly rule: string;
  readonly description: string;
  readonly fix?: string;
  /** The resource's `aws:cdk:path`, or `<template> <logical id>` when it has none. */
  readonly resource: string;
}

/** Whether a CDK path matches a pattern in which `*` stands for any characters. */
export function pathMatches(pattern: string, path: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(path);
}

/** Splits findings into the explained and the rest, and names the exceptions that matched none. */
export function applyExceptions(findings: readonly GuardFinding[], exceptions: readonly ControlTowerException[]) {
  const used = new Set<ControlTowerException>();
  const unexplained = findings.filter((f) => {
    const exception = exceptions.find((e) => e.control === f.control && e.resources.some((p) => pathMatches(p, f.resource)));
    if (exception !== undefined) used.add(exception);
    return exception === undefined;
  });
  return { unexplained, explained: findings.length - unexplained.length, stale: exceptions.filter((e) => !used.has(e)) };
}

/** Reads and checks the exceptions file: every entry needs a control id, resources and a reason. */
export function readExceptions(path: string): ControlTowerException[] {
  const raw = parse(readFileSync(path, 'utf8')) as unknown;
  const problems: string[] = [];
  const list = Array.isArray(raw) ? raw : [];
  if (!Array.isArray(raw)) problems.push('expected a list of { control, resources, reason }');
  list.forEach((e: Partial<ControlTowerException>, i) => {
    if (typeof e?.control !== 'string' || !/^CT\.[A-Z0-9]+\.PR\.\d+$/.test(e.control))
      problems.push(`[${i}].control: expected CT.<SERVICE>.PR.<n> (received ${JSON.stringify(e?.control)})`);
    if (!Array.isArray(e?.resources) || e.resources.length === 0 || e.resources.some((r) => typeof r !== 'string'))
      problems.push(`[${i}].resources: expected a list of CDK path patterns`);
    if (typeof e?.reason !== 'string' || e.reason.trim().length < 20) problems.push(`[${i}].reason: expected the reason, in a sentence`);
  });
  if (problems.length > 0)
    throw new Error(`${relative(ROOT, path)} has ${problems.length} issues:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return list as ControlTowerException[];
}

/** Every `*.template.json` below a directory (nested assemblies of the pipeline included). */
export function templatesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.template.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The Control Tower rule files that evaluate a resource type the templates use. */
export function guardRulesFor(resourceTypes: ReadonlySet<string>): string[] {
  const metadata = join(GUARD_RULES, 'metadata');
  return readdirSync(metadata, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.metadata.json'))
    .filter((e) => {
      const m = JSON.parse(readFileSync(join(e.parentPath, e.name), 'utf8')) as { EvaluatedResourceTypes?: string[] };
      return (m.EvaluatedResourceTypes ?? []).some((t) => resourceTypes.has(t));
    })
    .map((e) => join(GUARD_RULES, 'cfn-guard', relative(metadata, e.parentPath), e.name.replace('.metadata.json', '.guard')))
    .sort();
}

function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs tasks, at most `limit` at a time. */
async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const chunks = <T>(items: readonly T[], n: number): T[][] =>
  Array.from({ length: n }, (_, i) => items.filter((_, j) => j % n === i)).filter((c) => c.length > 0);

/** `aws:cdk:path` of every resource of a template, by logical id. */
function cdkPaths(template: string): Map<string, string> {
  const resources =
    (JSON.parse(readFileSync(template, 'utf8')) as { Resources?: Record<string, { Metadata?: Record<string, string> }> }).Resources ?? {};
  return new Map(Object.entries(resources).map(([id, r]) => [id, r.Metadata?.['aws:cdk:path'] ?? `${template} ${id}`]));
}

/** Parses cfn-lint's `parseable` lines: `file:line:column:endLine:endColumn:rule:message`. */
export function parseCfnLint(output: string, root: string): Finding[] {
  return output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const m = /^(.*?):(\d+):(\d+):\d+:\d+:([EWI]\d+):(.*)$/.exec(line);
      if (m === null) return { plugin: 'cfn-lint', rule: 'cfn-lint', severity: 'error', description: line, resources: [] };
      const [, file, row, , rule, message] = m;
      const severity = rule.startsWith('E') ? 'error' : rule.startsWith('W') ? 'warning' : 'info';
      return { plugin: 'cfn-lint', rule, severity, description: message.trim(), resources: [`${relative(root, file)}:${row}`] };
    });
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const out = option('--out') ?? mkdtempSync(join(tmpdir(), 'cdb-cfn-validate-'));
  const clients = Number(option('--clients') ?? 100);
  // `--only example,organization`: a subset of the targets, for a quick local check (CI runs them all).
  const only = option('--only')?.split(',');
  const started = Date.now();
  const step = (what: string) => console.log(`== ${what} (${Math.round((Date.now() - started) / 1000)} s)`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const generated = join(out, `clients-${clients}.yaml`);
  writeFileSync(generated, generatedYaml(clients));
  const all: Target[] = [
    { name: `generated-${clients}`, context: { config: generated } },
    { name: 'example', context: { config: 'config/baseline.example.yaml' } },
    { name: 'offboarding', context: { config: 'config/offboarding.example.yaml' } },
    { name: 'pipeline', context: { config: 'config/offboarding.example.yaml', pipeline: 'true' } },
    { name: 'organization', context: { config: 'config/organization.example.yaml' } },
  ];
  const targets = all.filter((t) => only === undefined || only.includes(t.name));

  step(`synthesize ${targets.map((t) => t.name).join(', ')} into ${out}`);
  const synths = await pool(
    // Through the CDK CLI, as `cdk synth` runs the app: its context (path metadata, version reporting) shapes the templates.
    targets.map(
      (t) => () =>
        run(join(ROOT, 'node_modules', '.bin', 'cdk'), [
          'synth',
          '--quiet',
          '--output',
          join(out, t.name),
          ...Object.entries(t.context).flatMap(([key, value]) => ['--context', `${key}=${value}`]),
        ]),
    ),
    2,
  );
  const failed = targets.filter((_, i) => synths[i].code !== 0);
  for (const t of failed) console.error(`synth of ${t.name} failed:\n${synths[targets.indexOf(t)].stderr}`);
  if (failed.length > 0) return 1;
  const templates = targets.flatMap((t) => templatesIn(join(out, t.name)));
  const types = new Set(
    templates.flatMap((f) =>
      Object.values((JSON.parse(readFileSync(f, 'utf8')) as { Resources?: Record<string, { Type: string }> }).Resources ?? {}).map(
        (r) => r.Type,
      ),
    ),
  );

  step(`cfn-lint ${templates.length} templates (${relative(ROOT, CFN_LINT_CONFIG)})`);
  const lint = Promise.all(
    chunks(templates, 2).map((files) => run('cfn-lint', ['--config-file', CFN_LINT_CONFIG, '--format', 'parseable', '--', ...files])),
  );

  const rules = guardRulesFor(types);
  step(`Control Tower: ${rules.length} guard rules for the ${types.size} resource types used, over ${templates.length} templates`);
  const guard = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules, maxBuffer: 2 ** 31 - 1 });
  const guardFindings: GuardFinding[] = [];
  for (const files of chunks(templates, Math.ceil(templates.length / 40))) {
    const paths = new Map(files.map((f) => [f, cdkPaths(f)]));
    for (const v of guard.validate({ templatePaths: files } as never).violations) {
      const control = /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(v.description)?.[1] ?? v.ruleName;
      for (const r of v.violatingResources) {
        const resource =
          paths.get(r.templatePath)?.get(r.resourceLogicalId ?? '') ?? `${relative(out, r.templatePath)} ${r.resourceLogicalId}`;
        guardFindings.push({ control, rule: v.ruleName, description: v.description.replace(/^\[[^\]]+\]:\s*/, ''), fix: v.fix, resource });
      }
    }
  }
  const unique = [...new Map(guardFindings.map((f) => [`${f.control} ${f.resource}`, f])).values()];
  const exceptions = readExceptions(CONTROL_TOWER_EXCEPTIONS);
  const { unexplained, explained, stale } = applyExceptions(unique, exceptions);

  const lintResults = await lint;
  step('results');
  const lintFindings = lintResults.flatMap((r) => {
    if (r.code !== 0 && r.stdout.trim() === '')
      return [
        {
          plugin: 'cfn-lint',
          rule: 'cfn-lint',
          severity: 'error',
          description: `cfn-lint exited ${r.code}: ${r.stderr.trim()}`,
          resources: [],
        },
      ];
    return parseCfnLint(r.stdout, out);
  });
  const findings: Finding[] = [
    ...lintFindings,
    ...unexplained.map((f) => ({
      plugin: 'Control Tower',
      rule: f.control,
      severity: 'error',
      description: `${f.description} (${f.rule})`,
      ...(f.fix ? { fix: f.fix } : {}),
      resources: [f.resource],
    })),
    // With --only, exceptions for the targets left out match nothing: staleness is judged on the full run only.
    ...(only === undefined ? stale : []).map((e) => ({
      plugin: 'Control Tower',
      rule: `${e.control} exception`,
      severity: 'error',
      description: `the exception in ${relative(ROOT, CONTROL_TOWER_EXCEPTIONS)} matches no finding any more`,
      fix: 'Remove it (or correct its resource patterns).',
      resources: [...e.resources],
    })),
  ];
  console.log(`cfn-lint: ${lintFindings.length} findings over ${templates.length} templates`);
  console.log(
    `Control Tower: ${unexplained.length} unexplained findings, ${explained} explained by ${exceptions.length - stale.length} exceptions, ${stale.length} stale exceptions`,
  );
  if (findings.length > 0) {
    console.error(formatFindings(findings));
    return 1;
  }
  console.log(`AWS's validators accept every template (${Math.round((Date.now() - started) / 1000)} s)`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
