/**
 * The main job (bin/app.ts) at scale: determinism across processes and
 * selective synth. Each run is a child process, as `cdk synth` runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../lib/internal';
import { generatedYaml } from '../../scripts/gen-config';

const dir = mkdtempSync(join(tmpdir(), 'cdb-scale-'));
const configPath = join(dir, 'clients-4.yaml');
writeFileSync(configPath, generatedYaml(4));

function run(outdir: string, context: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bin', 'app.ts')], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify({ config: configPath, ...context }) },
  });
}

/** Every file of an assembly directory, by name, with its bytes. */
function files(outdir: string): Map<string, string> {
  return new Map(
    readdirSync(outdir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort()
      .map((f) => [f, readFileSync(join(outdir, f), 'utf8')]),
  );
}

describe('determinism', () => {
  test('two synths of one configuration write byte-identical assemblies (templates, reports) and the same summary', () => {
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    const first = run(a, {});
    const second = run(b, {});
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    const [filesA, filesB] = [files(a), files(b)];
    expect([...filesA.keys()].filter((f) => /^c\d+-.*\.template\.json$/.test(f))).toHaveLength(8);
    expect(filesA.has('compliance-report.json') && filesA.has('access-matrix.json')).toBe(true);
    expect([...filesB.keys()]).toEqual([...filesA.keys()]);
    for (const [name, text] of filesA) expect({ name, same: filesB.get(name) === text }).toEqual({ name, same: true });
    // Progress lines carry elapsed times; everything else on stderr (the summary, the findings) is the same.
    const summary = (stderr: string, dir: string) =>
      stderr
        .split('\n')
        .filter((line) => !line.startsWith('[cdb] '))
        .join('\n')
        .split(relative(process.cwd(), dir))
        .join('OUT')
        .split(dir)
        .join('OUT');
    expect(summary(second.stderr, b)).toBe(summary(first.stderr, a));
    expect(first.stderr).toMatch(/^\[cdb\] report: 0 findings \(/m); // the progress lines are there
  });
});

describe('selective synth (-c clients=...)', () => {
  test('builds only the named clients’ stacks', () => {
    const out = join(dir, 'selected');
    const result = run(out, { clients: 'c0002,c0004' });
    expect(result.status).toBe(0);
    const templates = readdirSync(out)
      .filter((f) => f.endsWith('.template.json'))
      .sort();
    expect(templates.filter((f) => /^c\d+-/.test(f))).toEqual([
      'c0002-data.template.json',
      'c0002-replica.template.json',
      'c0004-data.template.json',
      'c0004-replica.template.json',
    ]);
    // Plus the shared stacks: the provider's audit stack and the backup audit of the selected clients' accounts and regions.
    expect(templates.filter((f) => !/^c\d+-/.test(f))[0]).toBe('audit.template.json');
    expect(templates.filter((f) => f.startsWith('backup-audit-')).length).toBeLessThanOrEqual(2);
    expect(result.stderr).toContain('no findings');
  });

  test('an unknown client name is a configuration error listing each unknown name; nothing is written', () => {
    const out = join(dir, 'unknown');
    const result = run(out, { clients: 'c0002,acme,globex' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Configuration error: -c clients has 2 issues:');
    expect(result.stderr).toContain(
      'context.clients[1]: no client with this id in the configuration (known: c0001, c0002, c0003, c0004) (received "acme")',
    );
    expect(result.stderr).toContain('context.clients[2]: no client with this id in the configuration');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.json')) : []).toEqual([]);
  });
});
