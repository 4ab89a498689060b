/**
 * Report files written piece by piece: at a thousand clients the report is
 * hundreds of MB of text, and a file rendered as one string (and then
 * encoded as one buffer) held several times its size at once; it was most of
 * the checked synth's peak memory at a hundred clients.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * Receives a text in pieces, in order: the pieces joined are the text. Each
 * piece is whole UTF-16 (no surrogate pair split between two pieces): a file
 * encodes its pieces one by one.
 */
export type TextSink = (piece: string) => void;

/** Something that writes a text into a sink. */
export type TextWriter = (sink: TextSink) => void;

/**
 * Bytes of the buffer a file's pieces are encoded into, one at a time, and
 * written from when it is full: one buffer per file, no joined batch of
 * pieces and no buffer per batch (at a thousand clients the report is
 * hundreds of MB, and each of those was garbage to collect).
 */
const BUFFER_BYTES = 1024 * 1024;

/** UTF-8 bytes of one UTF-16 code unit, at most (a surrogate pair is 4 bytes for 2 units). */
const MAX_BYTES_PER_UNIT = 3;

/** The whole text a writer writes, as one string. */
export function collectText(writer: TextWriter): string {
  const pieces: string[] = [];
  writer((piece) => pieces.push(piece));
  return pieces.join('');
}

/**
 * Writes a file (UTF-8, replaced if it exists) from a writer, through one
 * buffer of {@link BUFFER_BYTES} (a piece larger than it is written by
 * itself). The text goes to a file beside it, renamed to `path` once it is
 * whole: a writer that fails leaves no partial file (and an earlier file of
 * that name as it was).
 */
export function writeTextFile(path: string, writer: TextWriter): void {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  const writeAll = (bytes: Buffer, length: number) => {
    for (let offset = 0; offset < length;) offset += writeSync(fd, bytes, offset, length - offset);
  };
  try {
    const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    let used = 0;
    writer((piece) => {
      const most = piece.length * MAX_BYTES_PER_UNIT;
      if (used + most > buffer.length) {
        writeAll(buffer, used);
        used = 0;
        if (most > buffer.length) {
          const bytes = Buffer.from(piece, 'utf8');
          writeAll(bytes, bytes.length);
          return;
        }
      }
      used += buffer.write(piece, used, 'utf8');
    });
    writeAll(buffer, used);
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(partial, path);
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
function isStreamed(value: unknown, level: number): value is Record<string, unknown> | unknown[] {
  if (!isContainer(value)) return false;
  if (level < 2) return true;
  if (Array.isArray(value)) return value.length > STREAMED_MEMBERS;
  const keys = Object.keys(value);
  return (
    keys.length > STREAMED_MEMBERS ||
    keys.some((key) => {
      const member = value[key];
      return isContainer(member) && isLarge(member);
    })
  );
}

/** What `JSON.stringify` leaves out of an object (and writes as `null` in an array). */
const isOmitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** Members of a streamed container written by one `JSON.stringify` call, where none of them is streamed itself. */
const GROUP_MEMBERS = 64;

/**
 * Writes `JSON.stringify(value, null, indent)` into a sink, piece by piece
 * (the same text; `indent` 0 writes it compact). Arrays and plain objects
 * are written member by member where {@link isStreamed}, their other
 * members {@link GROUP_MEMBERS} at a time by `JSON.stringify` itself (each
 * group's text less its brackets, moved in to the container's level); any
 * other value, and anything with a `toJSON`, is written by `JSON.stringify`.
 */
export function writeJson(value: unknown, sink: TextSink, indent = 0): void {
  const step = ' '.repeat(indent);
  const nl = indent > 0 ? '\n' : '';
  /**
   * The text of a group of members as they sit in a container at `level`:
   * `JSON.stringify` writes the group nested in `level` one-member arrays, so
   * that it indents the members as deep as they sit, and the text is cut out
   * between the wrapping (whose length is known) and the group's brackets.
   */
  const members = (group: unknown, level: number): string => {
    let wrapped = group;
    for (let k = 0; k < level; k++) wrapped = [wrapped];
    const text = JSON.stringify(wrapped, null, indent);
    // Each wrapping array opens with `[` + a line end + its member's indentation, and closes with a line end + its own indentation + `]`.
    let head = 0;
    let tail = 0;
    for (let k = 0; k <= level; k++) {
      head += 1 + (indent > 0 ? 1 + indent * (k + 1) : 0);
      tail += 1 + (indent > 0 ? 1 + indent * k : 0);
    }
    return text.slice(head - indent * (level + 1), text.length - tail);
  };
  const write = (item: unknown, gap: string, level: number): void => {
    if (!isStreamed(item, level)) {
      const text = JSON.stringify(item, null, indent) as string | undefined;
      // Only a container's text has line ends (a string's are escaped): its lines move in by the level's indentation.
      sink(text === undefined ? 'null' : indent > 0 && level > 0 && typeof item === 'object' ? text.replace(/\n/g, `\n${gap}`) : text);
      return;
    }
    const inner = gap + step;
    const isArray = Array.isArray(item);
    const keys = isArray ? undefined : Object.keys(item);
    const count = isArray ? item.length : (keys as string[]).length;
    const at = (i: number) => (isArray ? item[i] : item[(keys as string[])[i]]);
    let first = true;
    const separate = () => {
      sink(first ? `${isArray ? '[' : '{'}${nl}` : `,${nl}`);
      first = false;
    };
    let run: number[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const group = isArray ? run.map(at) : Object.fromEntries(run.map((i) => [(keys as string[])[i], at(i)]));
      run = [];
      separate();
      sink(members(group, level));
    };
    for (let i = 0; i < count; i++) {
      const member = at(i);
      if (!isArray && isOmitted(member)) continue;
      if (!isStreamed(member, level + 1)) {
        run.push(i);
        if (run.length === GROUP_MEMBERS) flush();
        continue;
      }
      flush();
      separate();
      sink(isArray ? inner : `${inner}${JSON.stringify((keys as string[])[i])}${indent > 0 ? ': ' : ':'}`);
      write(member, inner, level + 1);
    }
    flush();
    if (first) sink(isArray ? '[]' : '{}');
    else sink(`${nl}${gap}${isArray ? ']' : '}'}`);
  };
  if (isOmitted(value)) throw new Error('writeJson: the value has no JSON text (undefined, a function or a symbol)');
  write(value, '', 0);
}
