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
  applyPolicyChecks,
  buildReport,
  builtConfig,
  createApp,
  loadConfig,
  PipelineStack,
  readMainJobContext,
  summarize,
  writeReports,
} from '../lib/internal';
import { ConfigError } from '../lib/model';

function main(): number {
  // A refused configuration must leave no assembly behind: nothing is synthesized, and the output
  // directory the App creates when it starts is removed again unless it was there before (and is empty).
  const outdirExisted = process.env.CDK_OUTDIR !== undefined && existsSync(process.env.CDK_OUTDIR);
  const app = createApp({ autoSynth: false });
  const refuse = (message: string): number => {
    console.error(message);
    if (!outdirExisted && existsSync(app.outdir) && readdirSync(app.outdir).length === 0) rmdirSync(app.outdir);
    return 1;
  };
  let config;
  try {
    // Every context value is checked first: `-c config=PATH`, `-c now=<ISO time>` (pins "now" for
    // break-glass expiry checks: reproducible synths, tests), `-c clients=a,b`, `-c pipeline=true`.
    const context = readMainJobContext((key) => app.node.tryGetContext(key));
    const configPath = context.configPath;
    config = loadConfig(configPath, context.now === undefined ? {} : { now: context.now });
    // `-c pipeline=true`: the pipeline that deploys the baseline in waves, instead of the stacks themselves.
    if (context.pipeline) {
      if (config.provider.pipeline === undefined) {
        return refuse(
          'Configuration error: pipeline mode (-c pipeline=true) needs provider.pipeline: { connectionArn, repository, branch } (received nothing)',
        );
      }
      new PipelineStack(app, 'pipeline', { config, configPath: relative(process.cwd(), configPath) });
    } else {
      const built = addBaselineStacks(app, config, { onlyClients: context.clients });
      config = builtConfig(config, built); // the summary reports what was built
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      return refuse(`Configuration error: ${error.message}`);
    }
    throw error;
  }
  applyPolicyChecks(app);
  const assembly = app.synth();
  const report = buildReport(config, app, assembly);
  const paths = writeReports(assembly.directory, report).map((p) => relative(process.cwd(), p));
  console.error(summarize(report, paths));
  return report.summary.findings === 0 ? 0 : 1;
}

process.exitCode = main();
