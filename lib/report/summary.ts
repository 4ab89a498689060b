import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import type { BaselineConfig } from '../config';

interface ValidationReport {
  readonly pluginReports?: { readonly violations?: { readonly violatingConstructs?: unknown[] }[] }[];
}

/** Unacknowledged findings in the assembly's `validation-report.json` (none when the file is absent). */
export function countFindings(assembly: CloudAssembly): number {
  const file = join(assembly.directory, 'validation-report.json');
  if (!existsSync(file)) return 0;
  const report = JSON.parse(readFileSync(file, 'utf8')) as ValidationReport;
  return (report.pluginReports ?? []).flatMap((p) => p.violations ?? []).reduce((n, v) => n + (v.violatingConstructs?.length ?? 1), 0);
}

/** Acknowledgements recorded on constructs below a scope. */
export function countAcknowledgements(scope: IConstruct): number {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .reduce((n, m) => n + Object.keys(m.data as object).length, 0);
}

/** A one-screen summary of a synthesized baseline. */
export function summarize(config: BaselineConfig, app: IConstruct, assembly: CloudAssembly): string {
  const stacks = assembly.stacks;
  const resources = stacks.reduce((n, s) => n + Object.keys((s.template as { Resources?: object }).Resources ?? {}).length, 0);
  const datasets = config.clients.reduce((n, c) => n + c.datasets.length, 0);
  const findings = countFindings(assembly);
  return [
    findings === 0
      ? 'client-data-baseline: synthesized with every policy check on, no findings'
      : `client-data-baseline: ${findings} policy findings: the synth fails (see above)`,
    `  clients:          ${config.clients.length} (${datasets} datasets)`,
    `  stacks:           ${stacks.length}`,
    `  resources:        ${resources}`,
    `  findings:         ${findings}`,
    `  acknowledgements: ${countAcknowledgements(app)} (with reasons, lib/nag/acknowledgements.ts)`,
    ...accessMatrixLines(assembly),
    `  output:           ${assembly.directory}`,
  ].join('\n');
}

/** The access matrix line, when the isolation proof wrote one (CDM-3.2-REVIEW, CDM-3.3-TENANT-ISOLATION). */
function accessMatrixLines(assembly: CloudAssembly): string[] {
  const file = join(assembly.directory, 'access-matrix.json');
  if (!existsSync(file)) return [];
  const { principals, proof } = JSON.parse(readFileSync(file, 'utf8')) as {
    principals: unknown[];
    proof: { shapes: number; pairClasses: number; clientPairsCovered: number };
  };
  return [
    `  access matrix:    ${file} (${principals.length} principals)`,
    `  isolation proof:  ${proof.clientPairsCovered} client pairs proven by ${proof.pairClasses} representative pairs of ${proof.shapes} shapes`,
  ];
}
