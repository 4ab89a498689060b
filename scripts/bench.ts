/**
 * `npm run bench`: how the full baseline (bin/app.ts: configuration checks,
 * every policy pack, acknowledgements, report) scales against a bare
 * aws-cdk-lib app building the same resources (bench/bare-app.ts).
 *
 * Each run is a child process launched the same way for both apps
 * (`node --import tsx <entry>`, `CDK_OUTDIR` a fresh directory,
 * `CDK_CONTEXT_JSON` carrying `-c config=...`), measured by `/usr/bin/time`
 * (wall, user+sys CPU, peak RSS). aws-cdk-lib's built-in CloudFormation
 * validation is off in both (`CDK_VALIDATION=false`); one more row measures
 * the full baseline with it on, as CI runs it.
 *
 *   npm run bench                      # N = 10, 100, 1000; 3 runs (1 at 1000)
 *   npm run bench -- --sizes 10,100 --runs 5
 *   npm run bench -- --quick           # N = 10, 100 only
 *   npm run bench -- --selective-only --runs 5   # only the selective-synth pair (1 of 1000 vs 1)
 *   npm run bench -- --sizes 1000 --no-cfn-validation  # without the built-in-validation row
 *
 * Writes bench-out/bench.json and prints a table. Exit code 1 when a target
 * is missed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedClientId } from '../lib/config/generate';
import { generatedYaml } from './gen-config';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'bench-out');

/** Targets from issue 8. */
export const TARGETS = { ratio: 1.5, growth: 11, rssBytesAt1000: 4 * 1024 ** 3, selective: 1.2 } as const;

/** One measured process. */
interface Run {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
  readonly resources: Record<string, number>;
}

/** The median of several runs of one configuration. */
interface Point {
  readonly label: string;
  readonly entry: string;
  readonly clients: number;
  readonly validation: boolean;
  readonly selected?: string;
  readonly runs: readonly Run[];
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function resourceCounts(outdir: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const file of readdirSync(outdir).filter((f) => f.endsWith('.template.json'))) {
    const template = JSON.parse(readFileSync(join(outdir, file), 'utf8')) as { Resources?: Record<string, { Type: string }> };
    for (const { Type } of Object.values(template.Resources ?? {})) counts[Type] = (counts[Type] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** Runs one synth in a child process and measures it. */
function runOnce(entry: string, configPath: string, validation: boolean, selected?: string): Run {
  const outdir = mkdtempSync(join(tmpdir(), 'cdb-bench-'));
  const timeFile = join(outdir, '..', `${outdir.split('/').pop()}.time`);
  const context = { config: configPath, ...(selected === undefined ? {} : { clients: selected }) };
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, '--import', 'tsx', entry], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 ** 2,
    env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_VALIDATION: String(validation) },
  });
  if (result.status !== 0) {
    throw new Error(`${entry} failed on ${configPath} (exit ${result.status}):\n${result.stderr.slice(-4000)}`);
  }
  const [wall, user, sys, rssKb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  const resources = resourceCounts(outdir);
  rmSync(outdir, { recursive: true, force: true });
  rmSync(timeFile, { force: true });
  return { wallSeconds: wall, cpuSeconds: user + sys, peakRssBytes: rssKb * 1024, resources };
}

function measure(
  label: string,
  entry: string,
  clients: number,
  runs: number,
  validation: boolean,
  selected?: string,
  configClients = clients,
): Point {
  const configPath = join(OUT, `clients-${configClients}.yaml`);
  const measured: Run[] = [];
  for (let i = 0; i < runs; i += 1) {
    measured.push(runOnce(entry, configPath, validation, selected));
    process.stderr.write(
      `  ${label} N=${clients}${selected ? ` (${selected} of ${configClients})` : ''} run ${i + 1}/${runs}: ${measured[i].wallSeconds.toFixed(1)} s\n`,
    );
  }
  return {
    label,
    entry,
    clients,
    validation,
    selected,
    runs: measured,
    wallSeconds: median(measured.map((r) => r.wallSeconds)),
    cpuSeconds: median(measured.map((r) => r.cpuSeconds)),
    peakRssBytes: Math.max(...measured.map((r) => r.peakRssBytes)),
  };
}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function main(): number {
  const args = process.argv.slice(2);
  const sizes = (option(args, '--sizes') ?? (args.includes('--quick') ? '10,100' : '10,100,1000')).split(',').map(Number);
  const runsFor = (n: number) => Number(option(args, '--runs') ?? (n >= 1000 ? 1 : 3));
  const started = Date.now();
  mkdirSync(OUT, { recursive: true });
  for (const n of new Set([1, ...sizes])) writeFileSync(join(OUT, `clients-${n}.yaml`), generatedYaml(n));

  const full = join(ROOT, 'bin', 'app.ts');
  const bare = join(ROOT, 'bench', 'bare-app.ts');
  const points: Point[] = [];
  const rows: { n: number; full: Point; bare: Point; validated?: Point; ratio: number; sameResources: boolean }[] = [];
  const largestConfig = Number(option(args, '--selective-of') ?? Math.max(...sizes));
  for (const n of args.includes('--selective-only') ? [] : sizes) {
    const a = measure('full', full, n, runsFor(n), false);
    const b = measure('bare', bare, n, runsFor(n), false);
    const v = args.includes('--no-cfn-validation') ? undefined : measure('full+cfn-validation', full, n, 1, true);
    points.push(a, b, ...(v === undefined ? [] : [v]));
    const sameResources = JSON.stringify(a.runs[0].resources) === JSON.stringify(b.runs[0].resources);
    rows.push({ n, full: a, bare: b, validated: v, ratio: a.wallSeconds / b.wallSeconds, sameResources });
  }
  const largest = largestConfig;
  const selectiveRuns = Number(option(args, '--runs') ?? 3);
  const one = measure('full', full, 1, selectiveRuns, false);
  const picked = measure('full', full, 1, selectiveRuns, false, generatedClientId(Math.floor(largest / 2)), largest);
  points.push(one, picked);

  const at = (n: number) => rows.find((r) => r.n === n);
  const growth = at(1000) && at(100) ? at(1000)!.full.wallSeconds / at(100)!.full.wallSeconds : undefined;
  const bareGrowth = at(1000) && at(100) ? at(1000)!.bare.wallSeconds / at(100)!.bare.wallSeconds : undefined;
  const selectiveRatio = picked.wallSeconds / one.wallSeconds;
  const rss1000 = at(1000)?.full.peakRssBytes;
  const checks = [
    ...rows.map((r) => ({ target: `a/b at N=${r.n} <= ${TARGETS.ratio}`, value: r.ratio, met: r.ratio <= TARGETS.ratio })),
    ...(growth === undefined
      ? []
      : [{ target: `growth t(1000)/t(100) <= ${TARGETS.growth}`, value: growth, met: growth <= TARGETS.growth }]),
    ...(rss1000 === undefined
      ? []
      : [{ target: 'peak RSS at N=1000 <= 4 GB', value: rss1000 / 1024 ** 3, met: rss1000 <= TARGETS.rssBytesAt1000 }]),
    {
      target: `1 of ${largest} clients / 1-client config <= ${TARGETS.selective}`,
      value: selectiveRatio,
      met: selectiveRatio <= TARGETS.selective,
    },
    ...rows.map((r) => ({ target: `same resources in both apps at N=${r.n}`, value: r.sameResources ? 1 : 0, met: r.sameResources })),
  ];

  const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;
  const lines = [
    `| N | full (a) s | bare (b) s | a/b | full CPU s | bare CPU s | a/b CPU | full RSS | bare RSS | full + cfn validation s | resources |`,
    `|---|---|---|---|---|---|---|---|---|---|---|`,
    ...rows.map(
      (r) =>
        `| ${r.n} | ${r.full.wallSeconds.toFixed(1)} | ${r.bare.wallSeconds.toFixed(1)} | ${r.ratio.toFixed(2)} | ${r.full.cpuSeconds.toFixed(1)} | ${r.bare.cpuSeconds.toFixed(1)} | ${(r.full.cpuSeconds / r.bare.cpuSeconds).toFixed(2)} | ${mb(r.full.peakRssBytes)} | ${mb(r.bare.peakRssBytes)} | ${r.validated?.wallSeconds.toFixed(1) ?? 'n/a'} | ${Object.values(r.full.runs[0].resources).reduce((s, c) => s + c, 0)} |`,
    ),
    '',
    `growth t(1000)/t(100): full ${growth?.toFixed(2) ?? 'n/a'}, bare ${bareGrowth?.toFixed(2) ?? 'n/a'}`,
    `selective synth: 1 of ${largest} clients ${picked.wallSeconds.toFixed(1)} s, 1-client configuration ${one.wallSeconds.toFixed(1)} s, ratio ${selectiveRatio.toFixed(2)}`,
    '',
    ...checks.map((c) => `${c.met ? 'MET    ' : 'MISSED '} ${c.target} (${c.value.toFixed(2)})`),
    '',
    `runs per point: ${sizes.map((n) => `N=${n}: ${runsFor(n)}`).join(', ')} (medians; cfn-validation row: 1 run); ${cpus().length} CPUs; bench took ${((Date.now() - started) / 1000).toFixed(0)} s`,
  ];
  console.log(lines.join('\n'));
  const jsonFile = join(OUT, args.includes('--selective-only') ? 'bench-selective.json' : 'bench.json');
  writeFileSync(
    jsonFile,
    `${JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, node: process.version, targets: TARGETS, rows: rows.map((r) => ({ clients: r.n, ratio: r.ratio, sameResources: r.sameResources, full: r.full, bare: r.bare, fullWithCfnValidation: r.validated })), growth, bareGrowth, selective: { oneClientConfig: one, oneOfLargest: picked, ratio: selectiveRatio }, checks }, null, 2)}\n`,
  );
  console.log(`wrote ${jsonFile}`);
  if (!existsSync(jsonFile)) return 1;
  return checks.every((c) => c.met) ? 0 : 1;
}

process.exitCode = main();
