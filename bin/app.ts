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
import { relative } from 'node:path';
import {
  addBaselineStacks,
  applyPolicyChecks,
  buildReport,
  createApp,
  DEFAULT_CONFIG_PATH,
  loadConfig,
  parseClientsContext,
  PipelineStack,
  printFindings,
  summarize,
  writeReports,
} from '../lib';
import { ConfigError } from '../lib/model';

function main(): number {
  const app = createApp({
    autoSynth: false, // a refused configuration must leave no assembly behind
    // The app prints every finding itself (printFindings), with or without the CLI; CDK then neither prints nor throws.
    postCliContext: { '@aws-cdk/core:failSynthOnValidationErrors': false },
  });
  const configPath = String(app.node.tryGetContext('config') ?? DEFAULT_CONFIG_PATH);
  let config;
  try {
    // `-c now=<ISO time>` pins "now" for break-glass expiry checks (reproducible synths, tests).
    const now = app.node.tryGetContext('now') as string | undefined;
    config = loadConfig(configPath, now === undefined ? {} : { now: new Date(now) });
    // `-c pipeline=true`: the pipeline that deploys the baseline in waves, instead of the stacks themselves.
    if (String(app.node.tryGetContext('pipeline')) === 'true') {
      if (config.provider.pipeline === undefined) {
        console.error(
          'Configuration error: pipeline mode (-c pipeline=true) needs provider.pipeline: { connectionArn, repository, branch } (received nothing)',
        );
        return 1;
      }
      new PipelineStack(app, 'pipeline', { config, configPath: relative(process.cwd(), configPath) });
    } else {
      const built = addBaselineStacks(app, config, { onlyClients: parseClientsContext(app.node.tryGetContext('clients')) });
      config = { ...config, clients: config.clients.filter((c) => c.id in built.clients) }; // the summary reports what was built
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      return 1;
    }
    throw error;
  }
  applyPolicyChecks(app);
  const assembly = app.synth();
  const report = buildReport(config, app, assembly);
  const paths = writeReports(assembly.directory, report).map((p) => relative(process.cwd(), p));
  printFindings(assembly.directory);
  console.error(summarize(report, paths));
  return report.summary.findings === 0 ? 0 : 1;
}

process.exitCode = main();
