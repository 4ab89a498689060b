#!/usr/bin/env node
/**
 * The main job: synthesize the configuration (`-c config=PATH`, default the
 * bundled example) with every policy check on, and print a short summary.
 * `-c clients=acme,globex` builds only those clients' stacks (plus shared
 * ones): selective synth for a large configuration.
 * A bad configuration prints every problem and exits non-zero, without a
 * stack trace.
 */
import { addBaselineStacks, applyPolicyChecks, ConfigError, createApp, DEFAULT_CONFIG_PATH, loadConfig, parseClientsContext } from '../lib';
import { summarize } from '../lib/report/summary';

function main(): number {
  const app = createApp({ autoSynth: false }); // a refused configuration must leave no assembly behind
  const configPath = String(app.node.tryGetContext('config') ?? DEFAULT_CONFIG_PATH);
  let config;
  try {
    config = loadConfig(configPath);
    const built = addBaselineStacks(app, config, { onlyClients: parseClientsContext(app.node.tryGetContext('clients')) });
    config = { ...config, clients: config.clients.filter((c) => c.id in built.clients) }; // the summary reports what was built
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      return 1;
    }
    throw error;
  }
  applyPolicyChecks(app);
  const assembly = app.synth();
  console.error(summarize(config, app, assembly));
  return 0;
}

process.exitCode = main();
