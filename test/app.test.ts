import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeatureFlags } from 'aws-cdk-lib';
import { createApp, PROJECT_ROOT } from '../lib/internal';
import { schemaText } from '../scripts/gen-schema';

describe('the app', () => {
  test('gets cdk.json’s feature flags outside the CLI', () => {
    const app = createApp();
    const flags = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;
    expect(Object.keys(flags).length).toBeGreaterThan(50);
    expect(FeatureFlags.of(app).isEnabled('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy')).toBe(true);
    expect(app.node.tryGetContext('@aws-cdk/core:validateAgainstDefaultRules')).toBe(true);
  });

  test('cdk.json carries every flag aws-cdk-lib recommends', () => {
    const recommended = JSON.parse(readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf8'));
    const context = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;
    expect(context).toMatchObject(recommended);
  });

  test('the published JSON Schema is current', () => {
    expect(readFileSync(join(PROJECT_ROOT, 'config', 'baseline.schema.json'), 'utf8')).toBe(schemaText());
  });
});

describe('the main job (bin/app.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdb-app-'));
  const run = (config: string) =>
    spawnSync(process.execPath, [require.resolve('tsx/cli'), join(PROJECT_ROOT, 'bin', 'app.ts')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDK_OUTDIR: join(dir, 'out'), CDK_CONTEXT_JSON: JSON.stringify({ config }) },
    });

  test('a broken configuration lists every problem, exits 1 and prints no stack trace', () => {
    const file = join(dir, 'bad.yaml');
    const example = readFileSync(join(PROJECT_ROOT, 'config', 'baseline.example.yaml'), 'utf8');
    writeFileSync(file, example.replace('replica: eu-central-1', 'replica: eu-moon-1').replace('tier: critical', 'tier: gold'));
    const result = run(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Configuration error: ${file} has 2 issues:`);
    expect(result.stderr).toContain('clients[0].datasets[0].tier: expected one of critical, important, non-essential (received "gold")');
    expect(result.stderr).toContain('clients[0].regions.replica: expected a known AWS region: one of ap-northeast-1,');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const written = existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : [];
    expect(written.filter((f) => f.endsWith('.json'))).toEqual([]); // nothing synthesized, no partial assembly
  });
});
