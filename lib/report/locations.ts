/**
 * Where each resource of a cloud assembly is: stack, template, logical id
 * and, where aws-cdk-lib recorded the construct's creation trace
 * (`aws:cdk:creationStack` in the manifest), the line of the project's own
 * code that created it. Read from the manifest the synth already wrote, so it
 * costs one pass over its metadata.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { ResourceLocation } from './model';

const LOGICAL_ID = 'aws:cdk:logicalId';
const CREATION_STACK = 'aws:cdk:creationStack';
/** A stack frame `name (/abs/file.ts:12:5)` or `/abs/file.ts:12:5`, as aws-cdk-lib records them. */
const FRAME = /(?:\(|^|\s)((?:[A-Za-z]:)?[/\\][^():]+):(\d+):(\d+)\)?$/;

/** A frame that shows the construct was created while the app synthesized (by an aspect or a lazy build), not by a line of its own. */
const SYNTH_FRAME = /\b(App|Stage)\.synth\b/;

/**
 * The first frame of a creation trace in code under `root` (not in
 * `node_modules`), relative to it; `undefined` when there is none, or when
 * the construct was created during synthesis (the only project frame would be
 * the call to `app.synth()`).
 */
export function sourceFrame(trace: readonly string[], root: string): ResourceLocation['source'] | undefined {
  for (const frame of trace) {
    if (SYNTH_FRAME.test(frame)) return undefined;
    const match = FRAME.exec(frame.trim());
    if (!match || !isAbsolute(match[1])) continue;
    const file = relative(root, match[1]);
    if (file.startsWith('..') || isAbsolute(file) || file.split(sep).includes('node_modules')) continue;
    return { file: file.split(sep).join('/'), line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

/**
 * The location of every resource (every construct path with a logical id) of
 * an assembly and its nested assemblies, keyed by construct path without the
 * leading slash, e.g. `acme-data/Dataset-records/Resource`.
 *
 * @param root source paths are given relative to it (default: the working directory)
 */
export function resourceLocations(assembly: CloudAssembly, root: string = process.cwd()): Map<string, ResourceLocation> {
  const out = new Map<string, ResourceLocation>();
  for (const stack of assembly.stacksRecursively) {
    const template = relative(assembly.directory, stack.templateFullPath).split(sep).join('/');
    for (const [path, entries] of Object.entries(stack.metadata)) {
      const logicalId = entries.find((e) => e.type === LOGICAL_ID)?.data;
      if (typeof logicalId !== 'string') continue;
      const trace = entries.find((e) => e.type === CREATION_STACK)?.data;
      const source = Array.isArray(trace) ? sourceFrame(trace as string[], root) : undefined;
      out.set(path.replace(/^\//, ''), { stack: stack.stackName, template, logicalId, ...(source ? { source } : {}) });
    }
  }
  return out;
}
