import type { ComplianceReport } from './model';
import { reportSections } from './document';
import { collectText, type TextSink } from './stream';

const TITLE = 'Compliance evidence: client-data-baseline';

/** Hands a text's lines to a sink, one line end between each two (as `lines.join('\n')` would). */
function lineSink(sink: TextSink): { push: (...lines: string[]) => void } {
  let first = true;
  return {
    push: (...lines) => {
      for (const line of lines) {
        sink(first ? line : `\n${line}`);
        first = false;
      }
    },
  };
}

/** The report as Markdown. */
export function renderMarkdown(report: ComplianceReport): string {
  return collectText((sink) => writeMarkdown(report, sink));
}

/** Writes the report as Markdown into a sink, line by line. */
export function writeMarkdown(report: ComplianceReport, sink: TextSink): void {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = lineSink(sink);
  out.push(`# ${TITLE}`, '');
  for (const section of reportSections(report)) {
    out.push(`## ${section.title}`, '');
    if (section.text) out.push(section.text, '');
    if (section.rows.length === 0) {
      out.push('None.', '');
      continue;
    }
    out.push(`| ${section.headers.map(cell).join(' | ')} |`, `|${section.headers.map(() => '---').join('|')}|`);
    for (const row of section.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
    out.push('');
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const anchor = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-');

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td{word-break:break-word}td:first-child,td:nth-child(2){white-space:nowrap}
.enforced{background:#dafbe1}.gap{background:#ffebe9}.organisational{background:#fff8c5}nav a{margin-right:1rem}`;

/** The report as a self-contained HTML page (no scripts, no external resources). */
export function renderHtml(report: ComplianceReport): string {
  return collectText((sink) => writeHtml(report, sink));
}

/** Writes the report as a self-contained HTML page into a sink, line by line. */
export function writeHtml(report: ComplianceReport, sink: TextSink): void {
  const sections = reportSections(report);
  const out = lineSink(sink);
  out.push(
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(TITLE)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(TITLE)}</h1>`,
    `<nav>${sections.map((s) => `<a href="#${anchor(s.title)}">${escapeHtml(s.title)}</a>`).join('')}</nav>`,
  );
  for (const section of sections) {
    out.push(`<section id="${anchor(section.title)}"><h2>${escapeHtml(section.title)}</h2>`);
    if (section.text) out.push(`<p>${escapeHtml(section.text)}</p>`);
    if (section.rows.length === 0) {
      out.push('<p>None.</p></section>');
      continue;
    }
    out.push(`<table><thead><tr>${section.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>`);
    for (const row of section.rows) {
      const status = ['enforced', 'gap', 'organisational'].find((s) => row.includes(s));
      const cls = section.title === 'Controls' && status ? ` class="${status}"` : '';
      out.push(`<tr${cls}>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`);
    }
    out.push('</tbody></table></section>');
  }
  out.push('</body></html>', '');
}
