/**
 * Report files written piece by piece (`lib/report/stream.ts`): the JSON
 * writer gives exactly `JSON.stringify`'s text, the JUnit and CSV writers
 * exactly what their libraries write for the whole document, and a file is
 * written in bounded batches.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { XMLBuilder } from 'fast-xml-parser';
import { collectText, writeJson, writeTextFile, writeXmlList } from '../../lib/internal';

const json = (value: unknown, indent: number) => {
  const pieces: string[] = [];
  writeJson(value, (piece) => pieces.push(piece), indent);
  return pieces;
};

describe('writeJson', () => {
  test.each([0, 2])('writes the text JSON.stringify writes, indent %i, for any JSON value', (indent) => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(json(value, indent).join('')).toBe(JSON.stringify(value, null, indent));
      }),
      { numRuns: 400 },
    );
  });

  test.each([0, 2])('writes the same text for large containers nested in containers, indent %i', (indent) => {
    const large = fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 17, maxLength: 30 });
    fc.assert(
      fc.property(large, large, fc.jsonValue({ maxDepth: 2 }), (a, b, c) => {
        const value = { a, nested: { b, c }, list: [c, { b }] };
        expect(json(value, indent).join('')).toBe(JSON.stringify(value, null, indent));
      }),
      { numRuns: 100 },
    );
  });

  test('writes large containers a group of members at a time, and what JSON.stringify leaves out or writes as null the same', () => {
    const value = {
      big: Array.from({ length: 300 }, (_, i) => ({ i, text: `line\n${i} "quoted" — ✓`, none: undefined, fn: () => i })),
      holes: [1, undefined, () => 2, Symbol('s'), null, Number.NaN, -0, new Date(0)],
      empty: { a: undefined },
      nested: { list: Array.from({ length: 20 }, (_, i) => [i, { deep: [i] }]) },
    };
    for (const indent of [0, 2]) {
      const pieces = json(value, indent);
      expect(pieces.join('')).toBe(JSON.stringify(value, null, indent));
      // the 300 members of `big` are written a group at a time, never as one text
      expect(pieces.length).toBeGreaterThan(5);
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(JSON.stringify(value.big, null, indent).length / 4);
    }
  });

  test('refuses a value that has no JSON text', () => {
    expect(() => writeJson(undefined, () => undefined)).toThrow('the value has no JSON text');
  });
});

describe('writeTextFile', () => {
  test('writes every piece in order, as UTF-8', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cdb-stream-')), 'out.txt');
    const pieces = Array.from({ length: 5000 }, (_, i) => `${i}: ✓ — ${'x'.repeat(i % 50)}\n`);
    writeTextFile(path, (sink) => pieces.forEach(sink));
    expect(readFileSync(path, 'utf8')).toBe(pieces.join(''));
    expect(collectText((sink) => pieces.forEach(sink))).toBe(pieces.join(''));
  });

  test('writes pieces across many buffers, pieces larger than a buffer and characters of 1 to 4 UTF-8 bytes', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cdb-stream-')), 'large.txt');
    const units = ['a', 'é', '✓', '😀'];
    const pieces = Array.from({ length: 40_000 }, (_, i) => `${i} ${units[i % 4].repeat(i % 97)}\n`);
    pieces.splice(20_000, 0, '😀✓é'.repeat(400_000)); // 5.6 MB of UTF-8 in one piece, more than a buffer holds
    writeTextFile(path, (sink) => pieces.forEach(sink));
    const expected = pieces.join('');
    expect(Buffer.byteLength(expected)).toBeGreaterThan(8 * 1024 * 1024);
    expect(readFileSync(path, 'utf8')).toBe(expected);
  });

  test('a writer that fails leaves no partial file, and the earlier file of that name as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdb-stream-'));
    const path = join(dir, 'report.txt');
    writeTextFile(path, (sink) => sink('the earlier report'));
    const failing = (sink: (piece: string) => void) => {
      for (let i = 0; i < 10_000; i++) sink('x'.repeat(100)); // several batches written before it fails
      throw new Error('rendering failed');
    };
    expect(() => writeTextFile(path, failing)).toThrow('rendering failed');
    expect(readFileSync(path, 'utf8')).toBe('the earlier report');
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  test('writes an empty file for a writer that writes nothing', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cdb-stream-')), 'empty.txt');
    writeTextFile(path, () => undefined);
    expect(readFileSync(path, 'utf8')).toBe('');
  });
});

describe('the libraries, batch by batch', () => {
  test('csv-stringify: rows stringified in batches join to the whole file', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        (rows, size) => {
          const batches: string[] = [];
          for (let i = 0; i < rows.length; i += size) batches.push(stringify(rows.slice(i, i + size), { record_delimiter: 'windows' }));
          expect(batches.join('')).toBe(stringify(rows, { record_delimiter: 'windows' }));
        },
      ),
    );
  });

  test('writeXmlList: a document built a child at a time is the document the builder writes whole', () => {
    const options = { ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true } as const;
    // texts with line ends where a tag could follow them, markup to escape, and indentation-like runs of spaces
    const text = fc.string({ unit: fc.constantFrom('a', '<', '>', '&', '"', '\n', ' ', '  <b>', '</x>', '') });
    const suite = fc.record({
      '@_name': text,
      properties: fc.record({ property: fc.array(fc.record({ '@_name': text, '@_value': text }), { maxLength: 2 }) }),
      testcase: fc.array(fc.record({ '@_name': text, 'system-out': text, failure: fc.record({ '@_message': text, '#text': text }) }), {
        maxLength: 3,
      }),
    });
    fc.assert(
      fc.property(fc.array(suite, { maxLength: 4 }), text, (suites, name) => {
        const builder = new XMLBuilder(options);
        const document = { '?xml': { '@_version': '1.0' }, testsuites: { '@_name': name, '@_tests': suites.length } };
        const whole = builder.build({ ...document, testsuites: { ...document.testsuites, testsuite: suites } }) as string;
        const pieces: string[] = [];
        writeXmlList(
          builder,
          document,
          'testsuites',
          'testsuite',
          suites.map((s) => () => s),
          (piece) => pieces.push(piece),
        );
        expect(pieces.join('')).toBe(whole);
        expect(pieces).toHaveLength(suites.length === 0 ? 1 : suites.length + 2);
      }),
      { numRuns: 300 },
    );
  });
});
