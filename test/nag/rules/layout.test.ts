/**
 * The rule tests mirror the rules: each rule of the pack, in
 * `lib/nag/rules/<service>/<Rule>.ts`, has its tests in
 * `test/nag/rules/<service>/<Rule>.test.ts`, so a new rule without its test
 * file fails here. Tests of several rules of a service together are in
 * `<service>.test.ts`; shared setup is in `<service>/fixtures.ts` or
 * `test/util.ts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesOf } from '../../../lib/nag/registry';

const ROOT = join(__dirname, '..', '..', '..');
const RULES = join(ROOT, 'lib', 'nag', 'rules');
const TESTS = join(ROOT, 'test', 'nag', 'rules');

const folders = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
const SERVICES = folders(RULES);

describe('rule tests mirror lib/nag/rules', () => {
  test.each(rulesOf('pack').map((r) => r.rule.name))('CDB-%s has its test file beside its rule file', (rule) => {
    const services = SERVICES.filter((s) => existsSync(join(RULES, s, `${rule}.ts`)));
    expect(services).toHaveLength(1);
    const file = join(TESTS, services[0], `${rule}.test.ts`);
    expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true });
    expect(readFileSync(file, 'utf8')).toContain(`CDB-${rule}`);
  });

  test('every test file of test/nag/rules/<service> is named after a rule of that service, or is <service>.test.ts', () => {
    expect(folders(TESTS).filter((s) => !SERVICES.includes(s))).toEqual([]);
    const strays = folders(TESTS).flatMap((service) =>
      readdirSync(join(TESTS, service))
        .filter((f) => f.endsWith('.test.ts') && f !== `${service}.test.ts`)
        .filter((f) => !existsSync(join(RULES, service, f.replace(/\.test\.ts$/, '.ts'))))
        .map((f) => `${service}/${f}`),
    );
    expect(strays).toEqual([]);
  });
});
