/**
 * Release fingerprints: what CloudFormation deploys for each resource of a
 * configuration (type, properties, policies, dependencies, condition; only
 * `aws:cdk:path` metadata left out), so that a new release of the baseline can
 * be compared with the last one. A changed or missing logical id replaces or
 * deletes a deployed bucket or key.
 *
 * Regenerate the fixtures of a release (only when a release deliberately
 * changes resources in place, each change listed in `release.test.ts`):
 *
 *   npx tsx test/release/fingerprint.ts --write
 */
import { createHash } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { addBaselineStacks, parseConfig } from '../../lib/internal';
import { type BaselineConfig } from '../../lib/model';
import { generateConfig } from '../../lib/config/generate';
import { exampleRaw, FIXED_NOW, plainApp } from '../util';

/** A template as CloudFormation reads it, `aws:cdk:path` metadata removed. */
export type Templates = Record<string, Record<string, any>>;

/** Per stack, per logical id: `<Type> <hash of what is deployed>`; `#Outputs` etc. for the other sections. */
export type Fingerprints = Record<string, Record<string, string>>;

export const FIXTURES = join(__dirname, 'fixtures');

/** JSON with keys sorted, so that equal content hashes equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

const hash = (value: unknown) => createHash('sha256').update(canonical(value)).digest('hex').slice(0, 16);

/** Removes `aws:cdk:path` (and an emptied Metadata) from every resource. */
export function normalize(template: Record<string, any>): Record<string, any> {
  const resources: Record<string, any> = {};
  for (const [id, resource] of Object.entries<any>(template.Resources ?? {})) {
    const { Metadata, ...rest } = resource;
    const metadata = { ...(Metadata ?? {}) };
    delete metadata['aws:cdk:path'];
    resources[id] = Object.keys(metadata).length > 0 ? { ...rest, Metadata: metadata } : rest;
  }
  return { ...template, Resources: resources };
}

export function fingerprint(templates: Templates): Fingerprints {
  const out: Fingerprints = {};
  for (const stack of Object.keys(templates).sort()) {
    const template = normalize(templates[stack]);
    const entries: Record<string, string> = {};
    for (const id of Object.keys(template.Resources).sort()) entries[id] = `${template.Resources[id].Type} ${hash(template.Resources[id])}`;
    for (const section of ['Outputs', 'Conditions', 'Parameters', 'Mappings', 'Rules']) {
      if (template[section] !== undefined) entries[`#${section}`] = hash(template[section]);
    }
    out[stack] = entries;
  }
  return out;
}

/** The configurations a release is compared on. */
export const RELEASE_CONFIGS = {
  example: () => parseConfig(exampleRaw(), 'example', { now: FIXED_NOW }),
  'generated-1000': () => parseConfig(generateConfig({ clients: 1000, seed: 1 }), 'generated-1000', { now: FIXED_NOW }),
} as const satisfies Record<string, () => BaselineConfig>;

/** Synthesizes a configuration (no policy checks: they add no resources) to normalized templates by stack artifact id. */
export function synthesize(config: BaselineConfig): Templates {
  const app = plainApp();
  addBaselineStacks(app, config);
  const assembly = app.synth();
  return Object.fromEntries(assembly.stacks.map((s) => [s.id, normalize(s.template)]));
}

export function readFixture<T>(name: string): T {
  return JSON.parse(gunzipSync(readFileSync(join(FIXTURES, name))).toString('utf8')) as T;
}

function writeFixture(name: string, value: unknown): void {
  writeFileSync(join(FIXTURES, name), gzipSync(`${JSON.stringify(value, null, 1)}\n`, { level: 9 }));
}

if (require.main === module && process.argv.includes('--write')) {
  const example = synthesize(RELEASE_CONFIGS.example());
  writeFixture('example.templates.json.gz', example);
  writeFixture('generated-1000.fingerprints.json.gz', fingerprint(synthesize(RELEASE_CONFIGS['generated-1000']())));
}
