import type { ComplianceReport } from './model';

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
    `  reports:          ${reportPaths.join(', ')}`,
  ].join('\n');
}
