import { stringify } from 'csv-stringify/sync';
import type { ComplianceReport } from './model';
import { type Outcome, reportOutcomes } from './outcomes';
import { collectText, type TextSink } from './stream';

/** Rows given to csv-stringify at a time (each batch ends with a record delimiter, so the batches joined are the whole file). */
const CSV_BATCH_ROWS = 1024;

/** Columns of `compliance-report.csv`, in order. */
export const CSV_COLUMNS = [
  'control',
  'client',
  'stack',
  'resource',
  'rule',
  'status',
  'acknowledgement reason',
  'acknowledgement owner',
  'acknowledgement expires',
] as const;

/**
 * The report as CSV (RFC 4180, a header row, CRLF line ends): one row per
 * control, client resource and rule that judged it (`passed`), per finding
 * (`failed`, with the control empty when its rule checks none) and per
 * acknowledged finding (`acknowledged`, with the reason, owner and expiry),
 * and one row per organisational control. `client` is the client id or
 * `shared`.
 */
export function renderCsv(report: ComplianceReport): string {
  return collectText((sink) => writeCsv(report, sink));
}

/** Writes the report as CSV into a sink, a batch of rows at a time ({@link renderCsv}). */
export function writeCsv(report: ComplianceReport, sink: TextSink): void {
  const row = (o: Outcome) => [
    o.control ?? '',
    o.owner ?? '',
    o.stack ?? '',
    o.resource ?? '',
    o.rule ?? '',
    o.status,
    o.status === 'acknowledged' ? (o.detail ?? '') : '',
    o.acknowledgementOwner ?? '',
    o.acknowledgementExpires ?? '',
  ];
  const all = reportOutcomes(report);
  sink(stringify([[...CSV_COLUMNS]], { record_delimiter: 'windows' }));
  for (let start = 0; start < all.length; start += CSV_BATCH_ROWS) {
    sink(stringify(all.slice(start, start + CSV_BATCH_ROWS).map(row), { record_delimiter: 'windows' }));
  }
}
