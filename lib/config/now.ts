import { ConfigError } from '../model';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses the `now` context value (`-c now=2026-11-23T00:00:00Z`), which pins
 * "now" for every time-dependent check (break-glass and acknowledgement
 * expiry) and dates the OSCAL evidence; `undefined` when absent.
 *
 * @throws ConfigError naming the value received and what is allowed
 */
export function parseNowContext(value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const time = ISO_TIME.test(text) ? new Date(text.length === 10 ? `${text}T00:00:00Z` : text) : undefined;
  if (time === undefined || Number.isNaN(time.getTime())) {
    throw new ConfigError('-c now', [
      { path: 'context.now', message: 'expected an ISO 8601 date or time with a zone, e.g. 2026-11-23T00:00:00Z', received: value },
    ]);
  }
  return time;
}
