/**
 * Report files written piece by piece: at a thousand clients the report is
 * hundreds of MB of text, and a file rendered as one string (and then
 * encoded as one buffer) held several times its size at once; it was most of
 * the checked synth's peak memory at a hundred clients.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** Receives a text in pieces, in order: the pieces joined are the text. */
export type TextSink = (piece: string) => void;

/** Something that writes a text into a sink. */
export type TextWriter = (sink: TextSink) => void;

/** Characters gathered before a write: small enough to die young (below V8's large-object size), large enough to make few system calls. */
const BATCH_CHARS = 32 * 1024;

/** The whole text a writer writes, as one string. */
export function collectText(writer: TextWriter): string {
  const pieces: string[] = [];
  writer((piece) => pieces.push(piece));
  return pieces.join('');
}

/** Writes a file (UTF-8, replaced if it exists) from a writer, in batches of about {@link BATCH_CHARS} characters. */
export function writeTextFile(path: string, writer: TextWriter): void {
  const fd = openSync(path, 'w');
  try {
    let batch: string[] = [];
    let size = 0;
    const flush = () => {
      const bytes = Buffer.from(batch.join(''), 'utf8');
      for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
      batch = [];
      size = 0;
    };
    writer((piece) => {
      batch.push(piece);
      size += piece.length;
      if (size >= BATCH_CHARS) flush();
    });
    flush();
  } finally {
    closeSync(fd);
  }
}

/** Members above which an array or object is written member by member (smaller ones, and anything nested in them, are written whole). */
const STREAMED_MEMBERS = 16;

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] => {
  if (typeof value !== 'object' || value === null) return false;
  if ('toJSON' in value && typeof (value as { toJSON: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return Array.isArray(value) || proto === Object.prototype || proto === null;
};

const isLarge = (value: Record<string, unknown> | unknown[]) =>
  (Array.isArray(value) ? value.length : Object.keys(value).length) > STREAMED_MEMBERS;

/** Whether a value is written member by member: the top two levels, large containers and objects that hold one. */
const isStreamed = (value: unknown, level: number): value is Record<string, unknown> | unknown[] =>
  isContainer(value) &&
  (level < 2 || isLarge(value) || (!Array.isArray(value) && Object.values(value).some((member) => isContainer(member) && isLarge(member))));

/** What `JSON.stringify` leaves out of an object (and writes as `null` in an array). */
const isOmitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * Writes `JSON.stringify(value, null, indent)` into a sink, piece by piece
 * (the same text; `indent` 0 writes it compact). Arrays and plain objects
 * are written member by member where {@link isStreamed}; any other value,
 * and anything with a `toJSON` (called with the key `''`), is written by
 * `JSON.stringify` itself.
 */
export function writeJson(value: unknown, sink: TextSink, indent = 0): void {
  const step = ' '.repeat(indent);
  const write = (item: unknown, gap: string, level: number): void => {
    if (!isStreamed(item, level)) {
      const text = JSON.stringify(item, null, indent) as string | undefined;
      sink(text === undefined ? 'null' : indent > 0 && level > 0 ? text.replace(/\n/g, `\n${gap}`) : text);
      return;
    }
    const inner = gap + step;
    const open = indent > 0 ? `\n${inner}` : '';
    if (Array.isArray(item)) {
      if (item.length === 0) {
        sink('[]');
        return;
      }
      sink('[');
      for (let i = 0; i < item.length; i++) {
        sink(i === 0 ? open : `,${open}`);
        write(item[i], inner, level + 1);
      }
      sink(indent > 0 ? `\n${gap}]` : ']');
      return;
    }
    const colon = indent > 0 ? ': ' : ':';
    let first = true;
    for (const key of Object.keys(item)) {
      const member = item[key];
      if (isOmitted(member)) continue;
      sink(`${first ? `{${open}` : `,${open}`}${JSON.stringify(key)}${colon}`);
      first = false;
      write(member, inner, level + 1);
    }
    sink(first ? '{}' : indent > 0 ? `\n${gap}}` : '}');
  };
  if (isOmitted(value)) throw new Error('writeJson: the value has no JSON text (undefined, a function or a symbol)');
  write(value, '', 0);
}
