/**
 * The package as another team installs it: `npm pack` (which builds), the
 * tarball installed into a copy of the consumer app (`examples/consumer`,
 * its own package.json) with aws-cdk-lib and constructs at the versions this
 * project pins, the README's example compiled there with strict tsc and run
 * in plain node. It must synthesize with every check on and no finding, with
 * one aws-cdk-lib in the tree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CONSUMER = join(ROOT, 'examples', 'consumer');
const devDependencies = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> })
  .devDependencies;

/** The environment of a fresh shell: no npm script variables, no CDK context handed down. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|CDK_)/i.test(k)));
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string, env = cleanEnv()): string {
  return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** Every installed copy of a package below a node_modules folder. */
function copiesOf(name: string, modules: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (!statSync(path).isDirectory()) continue;
      if (entry.startsWith('@')) {
        for (const scoped of readdirSync(path)) visit(join(path, scoped), `${entry}/${scoped}`);
      } else visit(path, entry);
    }
  };
  const visit = (path: string, pkg: string): void => {
    if (pkg === name) found.push(path);
    const nested = join(path, 'node_modules');
    if (existsSync(nested)) walk(nested);
  };
  walk(modules);
  return found;
}

/** The README's "Reusing the constructs" example: the first `ts` block of that section. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Reusing the constructs'));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (block === null) throw new Error('README.md: no ts block in "Reusing the constructs"');
  return block[1];
}

describe('the packed library in a consumer app', () => {
  let work: string;
  let app: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cdb-consumer-'));
    app = join(work, 'consumer');
    cpSync(CONSUMER, app, { recursive: true, filter: (src) => !/[/\\](node_modules|dist|cdk\.out)$/.test(src) });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('the README shows the consumer app’s source verbatim', () => {
    expect(readmeExample()).toBe(readFileSync(join(CONSUMER, 'app.ts'), 'utf8'));
  });

  test('packs, installs with one aws-cdk-lib, compiles with strict tsc and synthesizes in plain node with no finding', () => {
    // npm pack runs prepack: the tsc build into dist/.
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']),
    );
    expect(files.filter((f) => /^(test|bench|scripts|\.ci|lib|examples)\//.test(f) || f.endsWith('.test.js'))).toEqual([]);

    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        join(work, packed.filename),
        `aws-cdk-lib@${devDependencies['aws-cdk-lib']}`,
        `constructs@${devDependencies.constructs}`,
      ],
      app,
    );
    const modules = join(app, 'node_modules');
    expect(copiesOf('aws-cdk-lib', modules)).toEqual([join(modules, 'aws-cdk-lib')]);
    expect(copiesOf('constructs', modules)).toEqual([join(modules, 'constructs')]);
    expect(copiesOf('cdk-nag', modules)).toHaveLength(1);

    const tsconfig = JSON.parse(readFileSync(join(app, 'tsconfig.json'), 'utf8')) as { compilerOptions: { strict?: boolean } };
    expect(tsconfig.compilerOptions.strict).toBe(true);
    run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', app], app);

    const outdir = join(app, 'cdk.out');
    const synth = spawnSync(process.execPath, [join(app, 'dist', 'app.js')], {
      cwd: app,
      env: cleanEnv({ CDK_OUTDIR: outdir }),
      encoding: 'utf8',
    });
    expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(/ERROR|Error/) });
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((p) => p.violations ?? [])).toEqual([]);
    expect(existsSync(join(outdir, 'access-matrix.json'))).toBe(true); // the checks ran: the isolation proof wrote its matrix
    const template = JSON.parse(readFileSync(join(outdir, 'MyTeamData.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties?: { BucketName?: string } }>;
    };
    const buckets = Object.values(template.Resources).filter((r) => r.Type === 'AWS::S3::Bucket');
    expect(buckets.map((b) => b.Properties?.BucketName).sort()).toEqual([
      'myteam-acme-111111111111-eu-west-1-s3logs',
      'myteam-acme-records-111111111111-eu-west-1',
    ]);
  }, 300_000);
});
