import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComplianceReport } from './model';
import { renderHtml, renderMarkdown } from './render';

/** File names of the report, in the cloud assembly directory. */
export const REPORT_FILES = {
  json: 'compliance-report.json',
  markdown: 'compliance-report.md',
  html: 'compliance-report.html',
} as const;

/** Writes the report as JSON, Markdown and HTML into a directory; returns the paths. */
export function writeReports(directory: string, report: ComplianceReport): string[] {
  const files: [string, string][] = [
    [REPORT_FILES.json, `${JSON.stringify(report, null, 2)}\n`],
    [REPORT_FILES.markdown, renderMarkdown(report)],
    [REPORT_FILES.html, renderHtml(report)],
  ];
  return files.map(([name, text]) => {
    const path = join(directory, name);
    writeFileSync(path, text);
    return path;
  });
}
