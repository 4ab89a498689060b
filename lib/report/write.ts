import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCsv } from './csv';
import { renderJunit } from './junit';
import type { ComplianceReport } from './model';
import { renderOscal } from './oscal';
import { renderHtml, renderMarkdown } from './render';
import { renderSarif } from './sarif';

/** File names of the report, in the cloud assembly directory. */
export const REPORT_FILES = {
  json: 'compliance-report.json',
  markdown: 'compliance-report.md',
  html: 'compliance-report.html',
  sarif: 'compliance-report.sarif',
  junit: 'compliance-report.junit.xml',
  csv: 'compliance-report.csv',
  oscal: 'compliance-report.oscal.json',
} as const;

/** Options of {@link writeReports}. */
export interface WriteReportOptions {
  /**
   * When the assessment took place, for the OSCAL document (`-c now=` in the main job).
   *
   * @default - a fixed instant, so that the same synth gives the same bytes (see `renderOscal`)
   */
  readonly now?: Date;
}

/** Writes the report as JSON, Markdown, HTML, SARIF, JUnit XML, CSV and OSCAL into a directory; returns the paths. */
export function writeReports(directory: string, report: ComplianceReport, options: WriteReportOptions = {}): string[] {
  // Each file is rendered and written before the next is rendered: the texts (tens of MB each at scale) are not all held at once.
  const files: [string, () => string][] = [
    [REPORT_FILES.json, () => `${JSON.stringify(report, null, 2)}\n`],
    [REPORT_FILES.markdown, () => renderMarkdown(report)],
    [REPORT_FILES.html, () => renderHtml(report)],
    [REPORT_FILES.sarif, () => renderSarif(report)],
    [REPORT_FILES.junit, () => renderJunit(report)],
    [REPORT_FILES.csv, () => renderCsv(report)],
    [REPORT_FILES.oscal, () => renderOscal(report, options)],
  ];
  return files.map(([name, render]) => {
    const path = join(directory, name);
    writeFileSync(path, render());
    return path;
  });
}
