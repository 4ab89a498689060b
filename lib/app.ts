import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib';

/** The project root, where `cdk.json` lives (one level up from `lib/`, two from the precompiled `build/lib/`). */
export const PROJECT_ROOT = existsSync(join(__dirname, '..', 'cdk.json')) ? join(__dirname, '..') : join(__dirname, '..', '..');

/** The context (feature flags) that `cdk.json` carries. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/**
 * An `App` with the feature flags of `cdk.json`, also when it runs outside
 * the CDK CLI (tests, benchmarks). Context given by the CLI or in `props`
 * takes precedence over `cdk.json`.
 */
export function createApp(props: AppProps = {}): App {
  return new App({ ...props, context: { ...cdkJsonContext(), ...props.context } });
}
