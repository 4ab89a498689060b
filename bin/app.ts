#!/usr/bin/env node
/**
 * The main job: synthesize the configuration (`-c config=PATH`, default the
 * bundled example) with every policy check on, write the compliance report
 * into the cloud assembly, and print a short summary.
 * `-c clients=acme,globex` builds only those clients' stacks (plus shared
 * ones): selective synth for a large configuration.
 * A bad configuration prints every problem and exits non-zero, without a
 * stack trace.
 */
import { existsSync, readdirSync, rmdirSync } from 'node:fs';
import { relative } from 'node:path';
import {
  addBaselineStacks,
  addPipelineStacks,
  applyPolicyChecks,
  buildReport,
  builtConfig,
  createApp,
  loadConfig,
  phase,
  printFindings,
  readMainJobContext,
  startProgress,
  summarize,
  writeReports,
} from '../lib/internal';
import { ConfigError } from '../lib/model';

function main(): number {
  startProgress(); // one line per phase on stderr, also with --quiet
  // A refused configuration must leave no assembly behind: nothing is synthesized, and the output
  // directory the App creates when it starts is removed again unless it was there before (and is empty).
  const outdirExisted = process.env.CDK_OUTDIR !== undefined && existsSync(process.env.CDK_OUTDIR);
  const app = createApp({
    autoSynth: false,
    // The app prints every finding itself (printFindings), with or without the CLI; CDK then neither prints nor throws.
    postCliContext: { '@aws-cdk/core:failSynthOnValidationErrors': false },
  });
  const refuse = (message: string): number => {
    console.error(message);
    if (!outdirExisted && existsSync(app.outdir) && readdirSync(app.outdir).length === 0) rmdirSync(app.outdir);
    return 1;
  };
  let config;
  let now: Date | undefined;
  try {
    // Every context value is checked first: `-c config=PATH`, `-c now=<ISO time>` (pins "now" for
    // break-glass expiry checks: reproducible synths, tests), `-c clients=a,b`, `-c pipeline=true`.
    const context = readMainJobContext((key) => app.node.tryGetContext(key));
    const configPath = context.configPath;
    now = context.now; // also judges acknowledgement expiries and dates the OSCAL evidence
    config = loadConfig(configPath, now === undefined ? {} : { now });
    // `-c pipeline=true`: the pipeline that deploys the baseline in waves, instead of the stacks themselves.
    if (context.pipeline) {
      if (config.provider.pipeline === undefined) {
        return refuse(
          'Configuration error: pipeline mode (-c pipeline=true) needs provider.pipeline: { connectionArn, repository, branch } (received nothing)',
        );
      }
      const loaded = config;
      phase(
        'stacks built',
        () => addPipelineStacks(app, { config: loaded, configPath: relative(process.cwd(), configPath) }),
        () => `pipeline mode, ${loaded.clients.length} clients`,
      );
    } else {
      const loaded = config;
      const built = phase(
        'stacks built',
        () => addBaselineStacks(app, loaded, { onlyClients: context.clients }),
        (b) => `${Object.keys(b.clients).length} clients`,
      );
      config = builtConfig(config, built); // the summary reports what was built
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      return refuse(`Configuration error: ${error.message}`);
    }
    throw error;
  }
  applyPolicyChecks(app, { now });
  const assembly = phase(
    'synthesized and checked',
    () => app.synth(),
    (a) => `${a.stacksRecursively.length} stacks`,
  );
  const checked = config;
  const { report, paths } = phase(
    'report',
    () => {
      const built = buildReport(checked, app, assembly);
      return { report: built, paths: writeReports(assembly.directory, built, { now }).map((p) => relative(process.cwd(), p)) };
    },
    (r) => `${r.report.summary.findings} findings`,
  );
  printFindings(assembly.directory);
  console.error(summarize(report, paths));
  return report.summary.findings === 0 ? 0 : 1;
}

process.exitCode = main();
