import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/**
 * The house (README "Layout"): each folder imports only from the floors below
 * it, lowest first. Folders on one floor do not import each other unless the
 * pair is listed in SIDEWAYS (one direction only).
 */
const FLOORS = [
  ['lib/defaults.ts', 'lib/aws-limits.ts'],
  ['lib/model'],
  ['lib/access', 'lib/backup', 'lib/offboarding', 'lib/detection', 'lib/guardrails'],
  ['lib/config'],
  // constructs, grouped by domain, lowest first
  ['lib/constructs/replication'],
  ['lib/constructs/data'],
  ['lib/constructs/alerts'],
  ['lib/constructs/access'],
  ['lib/constructs/backup'],
  ['lib/constructs/audit'],
  ['lib/constructs/detection', 'lib/constructs/guardrails'],
  ['lib/constructs/store'],
  ['lib/constructs/index.ts'],
  ['lib/stacks'],
  ['lib/baseline.ts', 'lib/app.ts'],
  ['lib/isolation'],
  ['lib/nag'],
  ['lib/pipeline'],
  ['lib/report'],
  ['lib/index.ts', 'lib/internal.ts'],
  ['bin'],
];
const SIDEWAYS = [['lib/offboarding', 'lib/backup']];

const zones = FLOORS.flatMap((floor, level) =>
  floor.map((target) => ({
    target: `./${target}`,
    from: [
      ...FLOORS.slice(level + 1).flat(),
      ...floor.filter((other) => other !== target && !SIDEWAYS.some(([a, b]) => a === target && b === other)),
    ].map((f) => `./${f}`),
    message: 'imports go downward only (see the layout in the README and eslint.config.mjs)',
  })),
).filter((zone) => zone.from.length > 0);

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'cdk.out/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      'bench-out/**',
      'dist/**',
      'examples/**/node_modules/**',
      'examples/**/cdk.out/**',
    ],
  },
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['lib/**/*.ts', 'bin/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
  },
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
