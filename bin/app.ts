#!/usr/bin/env node
/**
 * The main job: synthesize the configuration (`-c config=PATH`, default the
 * bundled example) with every policy check on, and print a short summary.
 * A bad configuration prints every problem and exits non-zero, without a
 * stack trace.
 */
import { addBaselineStacks, applyPolicyChecks, ConfigError, createApp, DEFAULT_CONFIG_PATH, loadConfig } from '../lib';
import { summarize } from '../lib/report/summary';

function main(): number {
  const app = createApp();
  const configPath = String(app.node.tryGetContext('config') ?? DEFAULT_CONFIG_PATH);
  let config;
  try {
    // `-c now=<ISO time>` pins "now" for break-glass expiry checks (reproducible synths, tests).
    const now = app.node.tryGetContext('now') as string | undefined;
    config = loadConfig(configPath, now === undefined ? {} : { now: new Date(now) });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      return 1;
    }
    throw error;
  }
  addBaselineStacks(app, config);
  applyPolicyChecks(app);
  const assembly = app.synth();
  console.error(summarize(config, app, assembly));
  return 0;
}

process.exitCode = main();
