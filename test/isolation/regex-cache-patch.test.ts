/**
 * The patch of @cloud-copilot/iam-simulate (patches/, applied by `prepare`):
 * `convertIamString` (for strings without policy variables),
 * `convertActionToRegex` and `convertResourceSegmentToRegex` build each
 * RegExp once and reuse it. They must convert exactly as the originals do,
 * and a string with a policy variable is still resolved against each request.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';

const dist = dirname(require.resolve('@cloud-copilot/iam-simulate'));
/* eslint-disable @typescript-eslint/no-require-imports */
const util = require(join(dist, 'util.js')) as {
  convertIamString: (value: string, request: unknown, options?: { replaceWildcards?: boolean; convertToRegex?: boolean }) => unknown;
};
const { RequestContextImpl } = require(join(dist, 'requestContext.js')) as {
  RequestContextImpl: new (c: Record<string, string>) => unknown;
};
const { AwsRequestImpl } = require(join(dist, 'request', 'request.js')) as {
  AwsRequestImpl: new (principal: string, resource: { resource: string; accountId: string }, action: string, context: unknown) => unknown;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const request = (tag: string) =>
  new AwsRequestImpl(
    'arn:aws:iam::111111111111:role/r',
    { resource: 'arn:aws:s3:::b', accountId: '111111111111' },
    's3:GetObject',
    new RequestContextImpl({ 'aws:PrincipalTag/client-id': tag }),
  );
const show = (converted: unknown) => {
  const c = converted as { pattern?: RegExp; errors?: string[] } | string;
  return typeof c === 'string' ? c : { pattern: c.pattern?.source, flags: c.pattern?.flags, errors: c.errors };
};

describe('patched iam-simulate RegExp caches', () => {
  test('the installed package carries the patch', () => {
    for (const [file, marker] of [
      ['util.js', 'const convertedWithoutVariables = new Map();'],
      [join('action', 'action.js'), 'const convertActionToRegexCache = new Map();'],
      [join('resource', 'resource.js'), 'const convertResourceSegmentToRegexCache = new Map();'],
    ]) {
      expect(readFileSync(join(dist, file), 'utf8')).toContain(marker);
    }
  });

  test('a string without variables converts as the original does, once', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-zA-Z0-9:/*?.+()[\]|^$-]{0,30}$/),
        fc.boolean(),
        fc.boolean(),
        (value, replaceWildcards, convertToRegex) => {
          const options = { replaceWildcards, convertToRegex };
          const first = util.convertIamString(value, request('a'), options);
          const again = util.convertIamString(value, request('b'), options);
          expect(again).toBe(first); // the same object: built once
          // The original conversion, by hand: wildcards and literals as iam-simulate documents them.
          if (convertToRegex) {
            const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            const source = value
              .split(/([*?])/)
              .map((part) =>
                part === '*' ? (replaceWildcards ? '.*?' : '\\*') : part === '?' ? (replaceWildcards ? '.' : '\\?') : literal(part),
              )
              .join('');
            expect(show(first)).toEqual({ pattern: new RegExp(`^${source}$`).source, flags: '', errors: undefined });
          } else {
            expect(first).toBe(value);
          }
        },
      ),
    );
  });

  test('a string with a policy variable is resolved against each request', () => {
    const value = 'arn:aws:s3:::${aws:PrincipalTag/client-id}/*';
    expect(show(util.convertIamString(value, request('acme')))).toEqual({
      pattern: new RegExp('^arn:aws:s3:::acme/.*?$').source,
      flags: '',
      errors: undefined,
    });
    expect(show(util.convertIamString(value, request('globex')))).toEqual({
      pattern: new RegExp('^arn:aws:s3:::globex/.*?$').source,
      flags: '',
      errors: undefined,
    });
  });
});
