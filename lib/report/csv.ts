import { stringify } from 'csv-stringify/sync';
import type { ComplianceReport } from './model';
import { reportOutcomes } from './outcomes';

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
  const rows = reportOutcomes(report).map((o) => [
    o.control ?? '',
    o.owner ?? '',
    o.stack ?? '',
    o.resource ?? '',
    o.rule ?? '',
    o.status,
    o.status === 'acknowledged' ? (o.detail ?? '') : '',
    o.acknowledgementOwner ?? '',
    o.acknowledgementExpires ?? '',
  ]);
  return stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: 'windows' });
}
