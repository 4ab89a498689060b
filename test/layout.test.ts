/**
 * The house: folders import downward only, and the lint rule (eslint.config.mjs,
 * `import-x/no-restricted-paths`) refuses an upward or sideways import.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

const CASES: readonly (readonly [what: string, path: string, source: string])[] = [
  ['the model importing the checks', 'lib/model/probe.ts', "import { PACK_NAME } from '../nag';\nexport const X = PACK_NAME;\n"],
  ['a domain importing the loader', 'lib/backup/probe.ts', "import { loadConfig } from '../config';\nexport const X = loadConfig;\n"],
  [
    'a construct importing a stack',
    'lib/constructs/data/probe.ts',
    "import { ClientStack } from '../../stacks';\nexport const X = ClientStack;\n",
  ],
  [
    'the checks importing the pipeline',
    'lib/nag/probe.ts',
    "import { PipelineStack } from '../pipeline';\nexport const X = PipelineStack;\n",
  ],
  ['the defaults importing the model', 'lib/defaults.ts', "import { TAG_KEYS } from './model';\nexport const X = TAG_KEYS;\n"],
];
const DOWNWARD = ['lib/nag/probe.ts', "import { TAG_KEYS } from '../model';\nexport const X = TAG_KEYS;\n"] as const;

/** Lints each source as if it were the file at its path (eslint's Node API in one child process) and returns the rule ids reported. */
function lintAll(cases: readonly (readonly [string, string])[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const [path, source] of JSON.parse(process.argv[1])) {
        const [result] = await eslint.lintText(source, { filePath: path });
        out.push(result.messages.map((m) => m.ruleId ?? m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const result = spawnSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as string[][];
}

const results = lintAll([...CASES.map(([, path, source]) => [path, source] as const), DOWNWARD]);

describe('layering lint rule', () => {
  test.each(CASES.map(([what], i) => [what, i] as const))('refuses %s', (_what, i) => {
    expect(results[i]).toContain('import-x/no-restricted-paths');
  });

  test('accepts a downward import', () => {
    expect(results[CASES.length]).toEqual([]);
  });
});
