/**
 * The patch of @cloud-copilot/iam-policy (patches/, applied by `prepare`):
 * `caseInsensitiveEquals` compares with one shared collator instead of
 * building one per call through `localeCompare` with options. It must decide
 * exactly as the original did.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';

const utilsFile = join(dirname(require.resolve('@cloud-copilot/iam-policy')), 'utils.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { caseInsensitiveEquals } = require(utilsFile) as { caseInsensitiveEquals: (a: string, b: string) => boolean };
const original = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

describe('patched caseInsensitiveEquals', () => {
  test('the installed package carries the patch (one collator, built once)', () => {
    const source = readFileSync(utilsFile, 'utf8');
    expect(source).toContain('const caseInsensitiveCollator = new Intl.Collator(undefined, caseInsensitiveCompareOptions);');
    expect(source).not.toContain('first.localeCompare(second');
  });

  test.each([
    ['ForAllValues', 'forallvalues', true],
    ['StringEquals', 'STRINGEQUALS', true],
    ['IfExists', 'ifexists', true],
    ['résumé', 'RÉSUMÉ', true],
    ['résumé', 'resume', false],
    ['StringLike', 'StringNotLike', false],
    ['', '', true],
    ['a', '', false],
  ])('%s vs %s: %s, as localeCompare with accent sensitivity', (a, b, equal) => {
    expect(caseInsensitiveEquals(a, b)).toBe(equal);
    expect(original(a, b)).toBe(equal);
  });

  test('agrees with localeCompare on arbitrary strings and their case variants', () => {
    const variant = (s: string, flips: boolean[]) =>
      [...s].map((c, i) => (flips[i % Math.max(flips.length, 1)] ? c.toUpperCase() : c.toLowerCase())).join('');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ maxLength: 12 }), fc.array(fc.boolean()), (a, b, flips) => {
        expect(caseInsensitiveEquals(a, b)).toBe(original(a, b));
        const v = variant(a, flips);
        expect(caseInsensitiveEquals(a, v)).toBe(original(a, v));
      }),
      { numRuns: 2000 },
    );
  });
});
