/**
 * Progress of a long synth: one line per phase (stacks built, checks, proof,
 * report) with its elapsed time, on stderr. Silent unless the app turns it on
 * (`bin/app.ts` does, also in `cdk synth --quiet`), so tests and library
 * users see nothing.
 */
let sink: ((line: string) => void) | undefined;
let started = 0;

/** Starts reporting progress to a sink (default: stderr), timing phases from now. */
export function startProgress(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  sink = write;
  started = Date.now();
}

/** Stops reporting progress. */
export function stopProgress(): void {
  sink = undefined;
}

/** Times a phase and reports it when it ends: `[cdb] <phase>: <detail> (<seconds> s, <total> s total)`. */
export function phase<T>(name: string, run: () => T, detail?: (result: T) => string): T {
  if (sink === undefined) return run();
  const t0 = Date.now();
  const result = run();
  const now = Date.now();
  const what = detail ? `${name}: ${detail(result)}` : name;
  sink(`[cdb] ${what} (${((now - t0) / 1000).toFixed(1)} s, ${((now - started) / 1000).toFixed(1)} s total)`);
  return result;
}
