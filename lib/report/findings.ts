import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The file CDK writes into the cloud assembly with every validation plugin's report. */
export const VALIDATION_REPORT_FILE = 'validation-report.json';

/** Resources named on a finding's line before the rest are only counted. */
export const FINDING_RESOURCES_SHOWN = 3;

/** Characters of a finding's description shown on its line (the full text is in the report files). */
export const FINDING_DESCRIPTION_SHOWN = 300;

/** One finding of one check: a rule broken by one or more resources. */
export interface Finding {
  /** The plugin or pack that reported it (`ClientDataBaselineStackLimits`, `TenantIsolationProof`, a cdk-nag pack, ...). */
  readonly plugin: string;
  /** The rule id as reported, with any finding detail (`AwsSolutions-IAM5[Action::s3:*]`, `CDB-StackOutputCount[201 outputs, limit 200]`). */
  readonly rule: string;
  /** `error`, `fatal`, `warning` or `info`. */
  readonly severity: string;
  /** What is wrong. */
  readonly description: string;
  /** How to fix it, when the check says. */
  readonly fix?: string;
  /** Construct paths (or, when a plugin names none, template and logical id) of the resources that break it. */
  readonly resources: readonly string[];
}

interface ReportJson {
  readonly pluginReports?: readonly {
    readonly pluginName: string;
    readonly violations?: readonly {
      readonly ruleName: string;
      readonly description?: string;
      readonly suggestedFix?: string;
      readonly severity?: string;
      readonly violatingConstructs?: readonly {
        readonly constructPath?: string;
        readonly templatePath?: string;
        readonly resourceLogicalId?: string;
      }[];
    }[];
  }[];
}

/** What to do about a finding whose check names no fix (the cdk-nag packs name none). */
export const NO_FIX_GIVEN =
  'Where no fix is given: change the resource until it meets the rule (CDB-* rules: docs/RULES.md; the standard packs: cdk-nag RULES.md), or acknowledge that one finding with its reason (README, Policy checks).';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Every finding of every validation plugin (the cdk-nag packs, this
 * baseline's plugins, CDK's own CloudFormation validation) from the
 * assembly's `validation-report.json`, the one place all their reports
 * meet. Acknowledged findings are not in it. An assembly without the file
 * (no plugin ran, or none reported) has none.
 */
export function readFindings(assemblyDir: string): Finding[] {
  const file = join(assemblyDir, VALIDATION_REPORT_FILE);
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as ReportJson;
  return (report.pluginReports ?? []).flatMap((plugin) =>
    (plugin.violations ?? []).map((v) => ({
      plugin: plugin.pluginName,
      rule: v.ruleName,
      severity: v.severity ?? 'error',
      description: oneLine(v.description ?? ''),
      ...(v.suggestedFix ? { fix: oneLine(v.suggestedFix) } : {}),
      resources: (v.violatingConstructs ?? []).map(
        (c) => c.constructPath ?? [c.templatePath, c.resourceLogicalId].filter((x) => x !== undefined && x !== '').join(' '),
      ),
    })),
  );
}

/** A rule id without the finding detail that cdk-nag and our plugins append in brackets. */
export function baseRule(rule: string): string {
  const open = rule.indexOf('[');
  return open > 0 ? rule.slice(0, open) : rule;
}

/** Options of {@link formatFindings}. */
export interface FormatFindingsOptions {
  /**
   * Resources named on each line; the rest are counted.
   *
   * @default FINDING_RESOURCES_SHOWN
   */
  readonly resourcesShown?: number;
  /**
   * Characters of the description shown; a longer one is cut with an ellipsis.
   *
   * @default FINDING_DESCRIPTION_SHOWN
   */
  readonly descriptionShown?: number;
  /**
   * Where the full report is, named on the last line.
   *
   * @default - no such line
   */
  readonly reportPath?: string;
}

/** How many times a finding counts: once per resource it names, at least once. */
export function occurrences(finding: Finding): number {
  return Math.max(1, finding.resources.length);
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The findings as the terminal shows them: a heading, then one line per
 * rule (and plugin) with how often it fired, the first resources, what is
 * wrong and how to fix it. A rule that fires thousands of times is still
 * one line. Lines are sorted by plugin and rule, so two runs print the same.
 */
export function formatFindings(findings: readonly Finding[], options: FormatFindingsOptions = {}): string {
  const shown = options.resourcesShown ?? FINDING_RESOURCES_SHOWN;
  const chars = options.descriptionShown ?? FINDING_DESCRIPTION_SHOWN;
  const groups = new Map<string, { plugin: string; rule: string; severity: string; first: Finding; count: number; resources: string[] }>();
  for (const f of findings) {
    const rule = baseRule(f.rule);
    const key = `${f.plugin}\u0000${rule}\u0000${f.severity}`;
    const group = groups.get(key) ?? { plugin: f.plugin, rule, severity: f.severity, first: f, count: 0, resources: [] };
    group.count += occurrences(f);
    group.resources.push(...f.resources);
    groups.set(key, group);
  }
  const order = (g: { rule: string; plugin: string }) => `${g.rule}\u0000${g.plugin}`;
  const sorted = [...groups.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const lines = sorted.map((g) => {
    const resources = [...new Set(g.resources)].sort();
    const named = resources.slice(0, shown).join(', ');
    const rest = resources.length > shown ? ` and ${resources.length - shown} more` : '';
    const on = resources.length === 0 ? '' : ` on ${named}${rest}`;
    const detail = g.first.rule !== g.rule ? `${g.first.rule.slice(g.rule.length)} ` : '';
    const example = cut(`${g.count === 1 ? '' : 'first: '}${detail}${g.first.description}`, chars);
    const fix = g.first.fix ? ` Fix: ${cut(g.first.fix, chars)}` : '';
    return `  ${g.severity.toUpperCase()} ${g.rule} x${g.count} (${g.plugin})${on}: ${example}${fix}`;
  });
  const total = findings.reduce((n, f) => n + occurrences(f), 0);
  return [
    `${total} ${total === 1 ? 'finding' : 'findings'} of ${groups.size} ${groups.size === 1 ? 'rule' : 'rules'} (one line per rule):`,
    ...lines,
    ...(sorted.some((g) => g.first.fix === undefined) ? [`  ${NO_FIX_GIVEN}`] : []),
    ...(options.reportPath === undefined ? [] : [`  Every finding in full: ${options.reportPath}`]),
  ].join('\n');
}

/**
 * Prints every finding of the assembly's validation report to stderr (see
 * {@link formatFindings}) and returns how many there were. The CDK CLI
 * leaves printing the report to the app (and prints nothing when the app
 * fails), so the main job prints it itself, `--quiet` or not.
 *
 * @returns how many findings there were, one per resource named (as the summary counts)
 */
export function printFindings(assemblyDir: string, write: (text: string) => void = (t) => console.error(t)): number {
  const findings = readFindings(assemblyDir);
  const reportPath = relative(process.cwd(), join(assemblyDir, VALIDATION_REPORT_FILE));
  if (findings.length > 0) write(formatFindings(findings, { reportPath }));
  return findings.reduce((n, f) => n + occurrences(f), 0);
}
