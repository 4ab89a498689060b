/**
 * The benchmark's middle point: `bin/app.ts` less its checks. It loads and
 * validates the configuration and builds the baseline's own constructs
 * exactly as the main job does (`addBaselineStacks`, the same stacks,
 * resources and properties), then synthesizes them with no policy pack, no
 * isolation proof, no acknowledgement checks and no report.
 *
 * Beside the bare app (bench/bare-app.ts: the same resources in plain
 * aws-cdk-lib) it splits the checked/bare ratio in two: what the baseline's
 * hardened resources cost to build and synthesize (constructs/bare), and what
 * checking them costs (checked/constructs). Launched like `bin/app.ts`
 * (`-c config=PATH`, `-c clients=...`, `CDK_OUTDIR`).
 */
import { addBaselineStacks, createApp, loadConfig, readMainJobContext } from '../lib/internal';
import { ConfigError } from '../lib/model';

function main(): number {
  const app = createApp({ autoSynth: false });
  try {
    const context = readMainJobContext((key) => app.node.tryGetContext(key));
    const config = loadConfig(context.configPath, context.now === undefined ? {} : { now: context.now });
    addBaselineStacks(app, config, { onlyClients: context.clients });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    return 1;
  }
  const assembly = app.synth();
  console.error(`constructs only: ${assembly.stacksRecursively.length} stacks, no checks`);
  return 0;
}

process.exitCode = main();
