/**
 * `npm run bench`: the checked synth (bin/app.ts: configuration checks, every
 * policy pack, the isolation proof, acknowledgements, report) against a bare
 * aws-cdk-lib app building the same resources (bench/bare-app.ts), and
 * between the two the baseline's own constructs synthesized with no check
 * (bench/constructs-app.ts: what the hardened resources cost before any
 * check, the floor of the checked/bare ratio), all three
 * precompiled by `npm run build` and run the same way
 * (`node build/<entry>.js`, `CDK_OUTDIR` a fresh directory,
 * `CDK_CONTEXT_JSON` carrying `-c config=...`), measured by `/usr/bin/time`
 * (wall, user+sys CPU, peak RSS).
 *
 * On a shared machine the load changes from minute to minute, so the three
 * apps run interleaved, run by run (checked, constructs, bare, checked...),
 * and each figure is the median with its min-max. The resource counts by type
 * of all three must be equal (the bench fails otherwise). aws-cdk-lib's
 * built-in CloudFormation validation is off in all three (`CDK_VALIDATION=false`);
 * one more row measures the checked synth with it on, as CI runs it
 * (`--no-cfn-validation` leaves it out). The selective synth builds one
 * client of the largest configuration (`-c clients=ID`) against a
 * configuration of that client alone (`--selective-only` measures only it).
 *
 *   npm run bench                      # N = 10, 100, 1000; 3 runs (1 at 1000)
 *   npm run bench -- --sizes 100,1000
 *   npm run bench -- --sizes 10,100 --runs 5
 *
 * Writes bench-out/bench.json and prints a table. Exit code 1 when a target
 * is missed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../lib/app';
import { generatedClientId } from '../lib/config/generate';
import { generatedClientYaml, generatedYaml } from './gen-config';

const ROOT = PROJECT_ROOT;
const OUT = join(ROOT, 'bench-out');

/** Targets of issue 14: checked/bare CPU at 100 and 1,000 clients, peak RSS, selective synth. */
export const TARGETS = { cpuRatioAt100: 2.0, cpuRatioAt1000: 1.5, rssRatio: 1.5, selective: 1.2 } as const;

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
  readonly runs: Run[];
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
  readonly range: { readonly wall: Range; readonly cpu: Range; readonly rss: Range };
}

/** One size: the three apps, and the ratios of the targets. */
interface Row {
  readonly n: number;
  readonly full: Point;
  readonly constructs: Point;
  readonly bare: Point;
  readonly validated?: Point;
  /** checked/bare CPU: the target's ratio. */
  readonly cpuRatio: number;
  /** constructs/bare CPU: what the baseline's own resources cost before any check (the floor of `cpuRatio`). */
  readonly constructsCpuRatio: number;
  readonly wallRatio: number;
  readonly rssRatio: number;
}

/** Minimum and maximum of a figure over the runs. */
interface Range {
  readonly min: number;
  readonly max: number;
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
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, entry], {
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

/** A point of runs, with medians and min-max. */
function point(label: string, entry: string, clients: number, validation: boolean, runs: Run[], selected?: string): Point {
  const range = (values: number[]) => ({ min: Math.min(...values), max: Math.max(...values) });
  return {
    label,
    entry,
    clients,
    validation,
    selected,
    runs,
    wallSeconds: median(runs.map((r) => r.wallSeconds)),
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    peakRssBytes: median(runs.map((r) => r.peakRssBytes)),
    range: {
      wall: range(runs.map((r) => r.wallSeconds)),
      cpu: range(runs.map((r) => r.cpuSeconds)),
      rss: range(runs.map((r) => r.peakRssBytes)),
    },
  };
}

const configOf = (n: number) => join(OUT, `clients-${n}.yaml`);
const log = (line: string) => process.stderr.write(`${line}\n`);
const describe = (r: Run) =>
  `${r.wallSeconds.toFixed(1)} s wall, ${r.cpuSeconds.toFixed(1)} s CPU, ${Math.round(r.peakRssBytes / 1024 ** 2)} MB`;

/** One entry of an interleaved measurement: an app, its configuration, and the one client it may select. */
interface Entry {
  readonly label: string;
  readonly entry: string;
  readonly config: string;
  readonly selects?: string;
}

/** Runs entries interleaved, run by run (a, b, c, a, b, c...), each on its configuration. */
function interleaved(entries: readonly Entry[], clients: number, runs: number): Point[] {
  const measured: Run[][] = entries.map(() => []);
  for (let i = 0; i < runs; i += 1) {
    entries.forEach((e, k) => {
      measured[k].push(runOnce(e.entry, e.config, false, e.selects));
      log(`  ${e.label} N=${clients} run ${i + 1}/${runs}: ${describe(measured[k][i])} (load ${loadavg()[0].toFixed(1)})`);
    });
  }
  return entries.map((e, k) => point(e.label, e.entry, clients, false, measured[k], e.selects));
}

/** Throws unless two runs built the same resources, type by type. */
function sameResources(n: number, a: Run, aLabel: string, b: Run, bLabel: string): void {
  if (JSON.stringify(a.resources) === JSON.stringify(b.resources)) return;
  const types = new Set([...Object.keys(a.resources), ...Object.keys(b.resources)]);
  const diff = [...types]
    .filter((t) => a.resources[t] !== b.resources[t])
    .map((t) => `${t}: ${aLabel} ${a.resources[t] ?? 0}, ${bLabel} ${b.resources[t] ?? 0}`);
  throw new Error(`N=${n}: the apps build different resources (${diff.join('; ')})`);
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
  const loadBefore = loadavg();
  mkdirSync(OUT, { recursive: true });
  const largest = Number(option(args, '--selective-of') ?? Math.max(...sizes));
  for (const n of new Set([1, largest, ...sizes])) writeFileSync(configOf(n), generatedYaml(n));

  const full = { label: 'checked', entry: join(ROOT, 'build', 'bin', 'app.js') };
  const constructs = { label: 'constructs', entry: join(ROOT, 'build', 'bench', 'constructs-app.js') };
  const bare = { label: 'bare', entry: join(ROOT, 'build', 'bench', 'bare-app.js') };
  const rows: Row[] = [];
  for (const n of args.includes('--selective-only') ? [] : sizes) {
    const [a, c, b] = interleaved(
      [full, constructs, bare].map((e) => ({ ...e, config: configOf(n) })),
      n,
      runsFor(n),
    );
    for (const [i, run] of a.runs.entries()) {
      sameResources(n, run, 'checked', b.runs[i], 'bare');
      sameResources(n, run, 'checked', c.runs[i], 'constructs');
    }
    const v = args.includes('--no-cfn-validation')
      ? undefined
      : point('checked+cfn-validation', full.entry, n, true, [runOnce(full.entry, configOf(n), true)]);
    rows.push({
      n,
      full: a,
      constructs: c,
      bare: b,
      validated: v,
      cpuRatio: a.cpuSeconds / b.cpuSeconds,
      constructsCpuRatio: c.cpuSeconds / b.cpuSeconds,
      wallRatio: a.wallSeconds / b.wallSeconds,
      rssRatio: a.peakRssBytes / b.peakRssBytes,
    });
  }
  const selectiveRuns = Number(option(args, '--runs') ?? 3);
  const picked = generatedClientId(Math.floor(largest / 2));
  // The one-client configuration holds the selected client itself (under the same provider), so the ratio measures
  // what selecting costs, not a difference between two clients (generated clients differ in datasets and roles).
  const alone = join(OUT, `client-${picked}-of-${largest}.yaml`);
  writeFileSync(alone, generatedClientYaml(largest, picked));
  const [one, selectedPoint] = interleaved(
    [
      { label: `checked, 1-client configuration (${picked})`, entry: full.entry, config: alone },
      { label: `checked, ${picked} of ${largest}`, entry: full.entry, config: configOf(largest), selects: picked },
    ],
    1,
    selectiveRuns,
  );
  const selectiveRatio = selectedPoint.wallSeconds / one.wallSeconds;

  const targetOf = (n: number) => (n >= 1000 ? TARGETS.cpuRatioAt1000 : n >= 100 ? TARGETS.cpuRatioAt100 : undefined);
  const checks = [
    ...rows.flatMap((r) => {
      const t = targetOf(r.n);
      return t === undefined ? [] : [{ target: `checked/bare CPU at N=${r.n} <= ${t}`, value: r.cpuRatio, met: r.cpuRatio <= t }];
    }),
    ...rows
      .filter((r) => r.n >= 100)
      .map((r) => ({
        target: `checked/bare peak RSS at N=${r.n} <= ${TARGETS.rssRatio}`,
        value: r.rssRatio,
        met: r.rssRatio <= TARGETS.rssRatio,
      })),
    {
      target: `1 of ${largest} clients / 1-client configuration (wall) <= ${TARGETS.selective}`,
      value: selectiveRatio,
      met: selectiveRatio <= TARGETS.selective,
    },
  ];

  const mb = (bytes: number) => Math.round(bytes / 1024 ** 2);
  const fig = (p: Point, f: 'wall' | 'cpu') => {
    const m = f === 'wall' ? p.wallSeconds : p.cpuSeconds;
    return p.runs.length > 1 ? `${m.toFixed(1)} (${p.range[f].min.toFixed(1)}-${p.range[f].max.toFixed(1)})` : m.toFixed(1);
  };
  const rss = (p: Point) =>
    p.runs.length > 1 ? `${mb(p.peakRssBytes)} (${mb(p.range.rss.min)}-${mb(p.range.rss.max)})` : `${mb(p.peakRssBytes)}`;
  const loadAfter = loadavg();
  const lines = [
    '| N | runs | checked CPU s | bare CPU s | CPU ratio | constructs CPU s | constructs/bare CPU | checked wall s | bare wall s | wall ratio | checked RSS MB | bare RSS MB | RSS ratio | checked + cfn validation wall s | resources |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.n} | ${r.full.runs.length} | ${fig(r.full, 'cpu')} | ${fig(r.bare, 'cpu')} | ${r.cpuRatio.toFixed(2)} | ${fig(r.constructs, 'cpu')} | ${r.constructsCpuRatio.toFixed(2)} | ${fig(r.full, 'wall')} | ${fig(r.bare, 'wall')} | ${r.wallRatio.toFixed(2)} | ${rss(r.full)} | ${rss(r.bare)} | ${r.rssRatio.toFixed(2)} | ${r.validated?.wallSeconds.toFixed(1) ?? 'n/a'} | ${Object.values(r.full.runs[0].resources).reduce((s, c) => s + c, 0)} (same types and counts in all three) |`,
    ),
    '',
    `selective synth (wall): ${picked} of ${largest} clients ${fig(selectedPoint, 'wall')} s, 1-client configuration of ${picked} alone ${fig(one, 'wall')} s, ratio ${selectiveRatio.toFixed(2)}`,
    '',
    ...checks.map((c) => `${c.met ? 'MET    ' : 'MISSED '} ${c.target} (${c.value.toFixed(2)})`),
    '',
    `medians (min-max); runs interleaved checked/constructs/bare (constructs: bin/app.ts less its checks, bench/constructs-app.ts); ${cpus().length} CPUs; load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(1)).join(' ')} after; bench took ${((Date.now() - started) / 1000).toFixed(0)} s`,
  ];
  console.log(lines.join('\n'));
  const jsonFile = join(OUT, args.includes('--selective-only') ? 'bench-selective.json' : 'bench.json');
  writeFileSync(
    jsonFile,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        command: `npm run bench -- ${args.join(' ')}`.trim(),
        cpus: cpus().length,
        node: process.version,
        loadAverage: { before: loadBefore, after: loadAfter },
        targets: TARGETS,
        rows: rows.map((r) => ({
          clients: r.n,
          cpuRatio: r.cpuRatio,
          constructsCpuRatio: r.constructsCpuRatio,
          wallRatio: r.wallRatio,
          rssRatio: r.rssRatio,
          checked: r.full,
          constructs: r.constructs,
          bare: r.bare,
          checkedWithCfnValidation: r.validated,
        })),
        selective: { oneClientConfig: one, oneOfLargest: selectedPoint, ratio: selectiveRatio },
        checks,
        table: lines,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`wrote ${jsonFile}`);
  if (!existsSync(jsonFile)) return 1;
  return checks.every((c) => c.met) ? 0 : 1;
}

process.exitCode = main();
