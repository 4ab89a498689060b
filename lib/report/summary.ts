import type { ComplianceReport } from './model';

/** `out/compliance-report.json, out/compliance-report.md` as `out/compliance-report.{json,md}`. */
function compactPaths(paths: readonly string[]): string {
  const stem = 'compliance-report.';
  const at = paths[0]?.lastIndexOf(stem) ?? -1;
  const prefix = at < 0 ? '' : paths[0].slice(0, at + stem.length);
  if (paths.length < 2 || prefix === '' || !paths.every((p) => p.startsWith(prefix))) return paths.join(', ');
  return `${prefix}{${paths.map((p) => p.slice(prefix.length)).join(',')}}`;
}

/** The main job's closing summary, one screen. */
export function summarize(report: ComplianceReport, reportPaths: readonly string[]): string {
  const { summary } = report;
  const technical = summary.controls.total - summary.controls.organisational;
  return [
    summary.findings === 0
      ? 'client-data-baseline: synthesized with every policy check on, no findings'
      : `client-data-baseline: ${summary.findings} policy findings: the synth fails (see above)`,
    `  clients:          ${summary.clients} (${summary.datasets} datasets)`,
    `  stacks:           ${summary.stacks}`,
    `  resources:        ${summary.resources}`,
    `  controls:         ${summary.controls.enforced} of ${technical} enforced, ${summary.controls.gaps} gaps, ${summary.controls.organisational} organisational`,
    `  findings:         ${summary.findings}`,
    `  acknowledgements: ${summary.acknowledgements} (each with its reason)`,
    ...(report.accessMatrix
      ? [
          `  access matrix:    ${report.accessMatrix.principals.length} principals, ${report.accessMatrix.crossClientAccess.length} cross-client grants`,
          `  isolation proof:  ${report.accessMatrix.proof.clientPairsCovered} client pairs proven by ${report.accessMatrix.proof.pairClasses} representative pairs of ${report.accessMatrix.proof.shapes} shapes`,
        ]
      : []),
    ...(report.erasures ?? []).map(
      (e) =>
        `  erasure:          ${e.client} (${e.ticket}): ${e.keys.length} keys deleted ${e.erasureAfterDays} days after its stacks are removed, on ${e.erasureDate} at the earliest`,
    ),
    `  reports:          ${compactPaths(reportPaths)}`,
  ].join('\n');
}
