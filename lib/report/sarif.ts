import { createHash } from 'node:crypto';
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import { version } from '../../package.json';
import type { ComplianceReport } from './model';
import { baseRuleId, ReportIndex } from './outcomes';
import { collectText, type TextSink, writeJson } from './stream';

/** The SARIF version written, and the schema it validates against. */
export const SARIF_VERSION = '2.1.0';
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Base of template locations: the cloud assembly directory (`cdk.out`, or wherever `cdk synth -o` points). */
export const SARIF_CDK_OUT = 'CDK_OUT';
/** Key of the stable fingerprint of a result: a hash of the rule id, the stack and the logical id, never of a line number. */
export const SARIF_FINGERPRINT = 'cdbResource/v1';

const fingerprint = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);

/** The locations of a resource: the source line that created it where known, else its template; always its logical id. */
function locationsOf(index: ReportIndex, path: string): Location[] {
  const loc = index.location(path);
  if (loc === undefined) return [{ logicalLocations: [{ fullyQualifiedName: path, kind: 'resource' }] }];
  const physicalLocation = loc.source
    ? {
        artifactLocation: { uri: loc.source.file, uriBaseId: '%SRCROOT%' },
        region: { startLine: loc.source.line, startColumn: loc.source.column },
      }
    : { artifactLocation: { uri: loc.template, uriBaseId: SARIF_CDK_OUT } };
  return [
    {
      physicalLocation,
      logicalLocations: [{ name: loc.logicalId, fullyQualifiedName: `${loc.stack}/${loc.logicalId}`, kind: 'resource' }],
      message: { text: `${path} (${loc.template}, logical id ${loc.logicalId})` },
    },
  ];
}

/**
 * The report as SARIF 2.1.0, for GitHub code scanning and other SARIF
 * readers: one rule per baseline rule and per standard-pack rule (its control
 * ids as tags and in its help text); one result per finding and resource,
 * and one per acknowledged finding and resource carrying an external
 * suppression whose justification is the acknowledgement's reason. Each
 * result is located at the line of the project's code that created the
 * resource where aws-cdk-lib recorded it, else at its template, always with
 * its stack and logical id, and carries a fingerprint that does not move with
 * line numbers.
 */
export function renderSarif(report: ComplianceReport): string {
  return collectText((sink) => writeSarif(report, sink));
}

/** Writes the report as SARIF into a sink, piece by piece ({@link renderSarif}). */
export function writeSarif(report: ComplianceReport, sink: TextSink): void {
  const index = new ReportIndex(report);
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (id: string, description: string, pack: string, controls: readonly string[]) => {
    ruleIndex.set(id, rules.length);
    const checks =
      controls.length === 0 ? 'It checks no control of the catalogue.' : `It checks ${controls.join(', ')} (shared/policies/CONTROLS.md).`;
    rules.push({
      id,
      shortDescription: { text: description },
      help: { text: `${description} ${checks}`, markdown: `${description}\n\n${checks}` },
      properties: { pack, controls: [...controls], tags: [...controls] },
    });
  };
  for (const rule of report.rules) addRule(rule.id, rule.description, rule.pack, rule.controls);
  const ensureRule = (id: string, description: string, pack: string) => {
    if (!ruleIndex.has(id)) addRule(id, description, pack, []);
    return ruleIndex.get(id) as number;
  };
  const results: Result[] = [];
  const result = (
    ruleAsRun: string,
    path: string,
    fields: Omit<Result, 'ruleId' | 'ruleIndex' | 'locations' | 'partialFingerprints'>,
    ruleIdx: number,
  ): Result => {
    const loc = index.location(path);
    return {
      ruleId: baseRuleId(ruleAsRun),
      ruleIndex: ruleIdx,
      ...fields,
      locations: locationsOf(index, path),
      partialFingerprints: { [SARIF_FINGERPRINT]: fingerprint(ruleAsRun, loc?.stack ?? '', loc?.logicalId ?? path) },
      properties: { ruleIdAsRun: ruleAsRun, constructPath: path, controls: [...index.controlsOf(ruleAsRun)] },
    };
  };
  for (const finding of report.findings) {
    const idx = ensureRule(baseRuleId(finding.rule), finding.description, finding.plugin);
    for (const path of finding.resources.length === 0 ? [''] : finding.resources) {
      results.push(
        result(
          finding.rule,
          path,
          { level: finding.severity === 'warning' ? 'warning' : 'error', message: { text: `${finding.description} (${finding.rule})` } },
          idx,
        ),
      );
    }
  }
  for (const ack of report.acknowledgements) {
    const base = baseRuleId(ack.rule);
    const idx = ensureRule(base, `Finding of ${base}`, base.slice(0, Math.max(0, base.lastIndexOf('-'))));
    const description = rules[idx].shortDescription?.text ?? base;
    for (const path of ack.resources) {
      results.push(
        result(
          ack.rule,
          path,
          {
            level: 'error',
            message: { text: `${description} (${ack.rule}); acknowledged: ${ack.reason}` },
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification: ack.reason,
                properties: {
                  ...(ack.owner === undefined ? {} : { owner: ack.owner }),
                  ...(ack.expires === undefined ? {} : { expires: ack.expires }),
                },
              },
            ],
          },
          idx,
        ),
      );
    }
  }
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: { driver: { name: 'client-data-baseline', version, rules } },
        originalUriBaseIds: {
          [SARIF_CDK_OUT]: {
            uri: 'cdk.out/',
            uriBaseId: '%SRCROOT%',
            description: { text: 'The cloud assembly directory (cdk synth -o DIR moves it).' },
          },
        },
        invocations: [{ executionSuccessful: true }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  writeJson(log, sink, 2);
  sink('\n');
}
