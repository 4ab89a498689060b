import { join } from 'node:path';
import { writeCsv } from './csv';
import { writeJunit } from './junit';
import type { ComplianceReport } from './model';
import { writeOscal } from './oscal';
import { writeHtml, writeMarkdown } from './render';
import { writeSarif } from './sarif';
import { type TextWriter, writeJson, writeTextFile } from './stream';

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
  // Each file is written piece by piece as it is rendered (writeTextFile): no file's text (hundreds of MB at a
  // thousand clients) is ever one string.
  const files: [string, TextWriter][] = [
    [
      REPORT_FILES.json,
      (sink) => {
        writeJson(report, sink, 2);
        sink('\n');
      },
    ],
    [REPORT_FILES.markdown, (sink) => writeMarkdown(report, sink)],
    [REPORT_FILES.html, (sink) => writeHtml(report, sink)],
    [REPORT_FILES.sarif, (sink) => writeSarif(report, sink)],
    [REPORT_FILES.junit, (sink) => writeJunit(report, sink)],
    [REPORT_FILES.csv, (sink) => writeCsv(report, sink)],
    [REPORT_FILES.oscal, (sink) => writeOscal(report, sink, options)],
  ];
  return files.map(([name, writer]) => {
    const path = join(directory, name);
    writeTextFile(path, writer);
    return path;
  });
}
