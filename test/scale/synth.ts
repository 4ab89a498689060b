/** Helpers for the scale and safety tests: synthesize a configuration to templates. */
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { addBaselineStacks, applyPolicyChecks, parseConfig, TAG_KEYS } from '../../lib/internal';
import { type BaselineConfig } from '../../lib/model';
import { generateConfig } from '../../lib/config/generate';
import { plainApp } from '../util';

/** One synthesized stack: its owner (client id, or undefined for shared stacks) and template. */
export interface SynthStack {
  readonly client: string | undefined;
  readonly template: Record<string, any>;
}

/** A generated configuration of `clients` clients, validated. */
export function generated(clients: number, seed = 1): BaselineConfig {
  return parseConfig(generateConfig({ clients, seed }), `generated-${clients}`);
}

/** Synthesizes a configuration (optionally with every policy check on) and returns its stacks by artifact id. */
export function synthTemplates(config: BaselineConfig, checks = false): { assembly: CloudAssembly; stacks: Map<string, SynthStack> } {
  const app = plainApp();
  addBaselineStacks(app, config);
  if (checks) applyPolicyChecks(app);
  const assembly = app.synth();
  const stacks = new Map<string, SynthStack>();
  for (const artifact of assembly.stacks) {
    stacks.set(artifact.id, { client: artifact.tags[TAG_KEYS.clientId], template: artifact.template });
  }
  return { assembly, stacks };
}
