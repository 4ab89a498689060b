/**
 * The patch of cdk-nag (patches/cdk-nag+3.0.2.patch, applied by `prepare`):
 * `LambdaLatestVersion` sorts runtime versions with one shared collator
 * instead of building one per comparison through `localeCompare` with
 * options (a sixth of the checks' CPU at 1,000 clients). It must judge
 * exactly as the original did.
 */
import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { CfnFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NagRuleCompliance } from 'cdk-nag';
import fc from 'fast-check';

const ruleFile = require.resolve('cdk-nag/lib/rules/lambda/LambdaLatestVersion');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rule = (require(ruleFile) as { default: (node: CfnFunction) => string }).default;
const OPTIONS = { numeric: true, sensitivity: 'base' } as const;
const original = (a: string, b: string) => a.localeCompare(b, undefined, OPTIONS);

/** The original rule's verdict on a runtime, written out: latest of its family (sorted by localeCompare) or not. */
function originalVerdict(runtime: string): string {
  const exp = /^([a-z]+)(\d+(\.?\d+|\.x)?)?.*$/;
  const match = runtime.match(exp);
  if (!match) return 'throws';
  const family = match[1];
  if (family === 'provided') return NagRuleCompliance.NOT_APPLICABLE;
  const versions = Runtime.ALL.filter((rt) => rt.toString().indexOf(family) === 0)
    .map((rt) => ({ value: rt.toString(), version: rt.toString().match(exp)![2] ?? '0' }))
    .sort((a, b) => original(a.version, b.version));
  return runtime === versions.pop()!.value ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}

describe('patched LambdaLatestVersion', () => {
  test('the installed package carries the patch (one collator, built once)', () => {
    const source = readFileSync(ruleFile, 'utf8');
    expect(source).toContain("const versionCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });");
    expect(source).not.toContain('a.version.localeCompare(b.version');
  });

  test('judges every runtime aws-cdk-lib knows as the original rule does', () => {
    const stack = new Stack(new App(), 'Functions');
    const runtimes = Runtime.ALL.map((rt) => rt.toString());
    expect(runtimes.length).toBeGreaterThan(20);
    const verdicts = runtimes.map((name, i) => {
      const fn = new CfnFunction(stack, `Fn${i}`, { code: { zipFile: 'x' }, role: 'arn:aws:iam::111111111111:role/r', runtime: name });
      try {
        return [name, rule(fn)];
      } catch {
        return [name, 'throws'];
      }
    });
    expect(verdicts).toEqual(runtimes.map((name) => [name, originalVerdict(name)]));
    expect(verdicts.filter(([, v]) => v === NagRuleCompliance.COMPLIANT).length).toBeGreaterThan(3);
    expect(verdicts.filter(([, v]) => v === NagRuleCompliance.NON_COMPLIANT).length).toBeGreaterThan(10);
    expect(verdicts).toContainEqual(['FROM_IMAGE', 'throws']); // container images: the rule cannot judge them, as before
  });

  test('the collator orders versions as localeCompare with the same options', () => {
    const collator = new Intl.Collator(undefined, OPTIONS);
    const version = fc.stringMatching(/^[0-9]{0,3}(\.[0-9x]{0,3}){0,2}[a-zA-Z]?$/);
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(Math.sign(collator.compare(a, b))).toBe(Math.sign(original(a, b)));
      }),
      { numRuns: 3000 },
    );
  });
});
