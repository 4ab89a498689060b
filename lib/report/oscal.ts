import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { ComplianceReport } from './model';
import { baseRuleId, ReportIndex } from './outcomes';
import { collectText, type TextSink, writeJson } from './stream';

/** The OSCAL version the document declares. */
export const OSCAL_VERSION = '1.1.2';
/** Namespace of the baseline's own OSCAL property names (`control-id`, `owner`, ...). */
export const OSCAL_NS = 'urn:client-data-baseline:oscal';
/** The namespace of every UUID in the document (version 5: the same name gives the same UUID). */
const UUID_NAMESPACE = uuidv5(OSCAL_NS, uuidv5.URL);
/** The time an unpinned synth is dated (`-c now=` pins it): a fixed instant, so that the same synth gives the same bytes. */
export const UNPINNED_TIME = '1970-01-01T00:00:00Z';

const id = (name: string) => uuidv5(name, UUID_NAMESPACE);
const prop = (name: string, value: string) => ({ name, ns: OSCAL_NS, value });

/** Options of {@link renderOscal}. */
export interface OscalOptions {
  /**
   * When the assessment took place (`-c now=` in the main job).
   *
   * @default - `1970-01-01T00:00:00Z`, marked `unpinned` in the result's props
   */
  readonly now?: Date;
}

/**
 * The report as an OSCAL 1.1 assessment-results document (JSON): one result
 * (the synth) reviewing every technical control of the catalogue; one
 * observation per control and owner listing the resources that meet it and
 * the rules that judged them, one per finding, one per acknowledged
 * finding and one per control the configuration leaves a gap (with its
 * note); one finding per technical control, its target the control id,
 * satisfied when it is enforced with no finding, with its observations.
 * Organisational controls are named in the result's remarks, not assessed.
 * Every UUID is a version 5 UUID of a stable name, and the document's and
 * the result's of their content: the same synth gives the same bytes.
 */
export function renderOscal(report: ComplianceReport, options: OscalOptions = {}): string {
  return collectText((sink) => writeOscal(report, sink, options));
}

/** The SHA-256 (hex) of a value's compact JSON text, hashed piece by piece. */
function jsonDigest(value: unknown): string {
  const hash = createHash('sha256');
  writeJson(value, (piece) => hash.update(piece));
  return hash.digest('hex');
}

/** Writes the report as an OSCAL assessment-results document into a sink, piece by piece ({@link renderOscal}). */
export function writeOscal(report: ComplianceReport, sink: TextSink, options: OscalOptions = {}): void {
  const index = new ReportIndex(report);
  const time = options.now?.toISOString() ?? UNPINNED_TIME;
  const technical = report.controls.filter((c) => c.status !== 'organisational');
  const observations: Record<string, unknown>[] = [];
  const related = new Map<string, string[]>(technical.map((c) => [c.id, []]));
  const observe = (control: string, name: string, fields: Record<string, unknown>) => {
    const uuid = id(`observation/${control}/${name}`);
    observations.push({ uuid, ...fields, collected: time });
    related.get(control)?.push(uuid);
  };
  for (const control of technical) {
    for (const { owner, resources } of control.resources) {
      const rules = [...new Set(resources.flatMap((r) => r.rules))];
      observe(control.id, `meets/${owner}`, {
        title: `${control.id}: resources of ${owner} that meet it`,
        description: `${resources.length} resource${resources.length === 1 ? '' : 's'} of ${owner} judged compliant with ${control.id} at synth by ${rules.join(', ')}.`,
        props: [prop('control-id', control.id), prop('owner', owner), prop('outcome', 'passed')],
        methods: ['TEST'],
        types: ['control-objective'],
        'relevant-evidence': resources.map((r) => ({ description: `${r.path} (${r.type}), judged by ${r.rules.join(', ')}` })),
      });
    }
  }
  // A control the configuration leaves a gap (its form lacks what meets it) is observed as such, with the reason.
  for (const control of technical.filter((c) => c.status === 'gap')) {
    observe(control.id, 'gap', {
      title: `${control.id}: not met by this configuration`,
      description: control.note ?? `${control.id} is a gap of this configuration.`,
      props: [prop('control-id', control.id), prop('outcome', 'gap')],
      methods: ['EXAMINE'],
      types: ['finding'],
    });
  }
  const unmapped: string[] = [];
  const failed = new Set<string>();
  for (const finding of report.findings) {
    const controls = index.controlsOf(finding.rule).filter((c) => related.has(c));
    if (controls.length === 0) unmapped.push(`${finding.rule} on ${finding.resources.join(', ') || 'the app'}: ${finding.description}`);
    for (const control of controls) {
      failed.add(control);
      observe(control, `finding/${finding.rule}/${finding.resources.join(',')}`, {
        title: `${control}: finding of ${baseRuleId(finding.rule)}`,
        description: `${finding.description} (${finding.rule}, ${finding.plugin})`,
        props: [prop('control-id', control), prop('rule-id', finding.rule), prop('outcome', 'failed')],
        methods: ['TEST'],
        types: ['finding'],
        'relevant-evidence': (finding.resources.length === 0 ? ['the app'] : finding.resources).map((r) => ({ description: r })),
      });
    }
  }
  for (const ack of report.acknowledgements) {
    for (const control of index.controlsOf(ack.rule).filter((c) => related.has(c))) {
      observe(control, `acknowledged/${ack.rule}/${ack.reason}/${ack.owner ?? ''}/${ack.expires ?? ''}`, {
        title: `${control}: acknowledged finding of ${baseRuleId(ack.rule)}`,
        description: `Accepted on purpose: ${ack.reason}`,
        props: [
          prop('control-id', control),
          prop('rule-id', ack.rule),
          prop('outcome', 'acknowledged'),
          ...(ack.owner === undefined ? [] : [prop('acknowledgement-owner', ack.owner)]),
          ...(ack.expires === undefined ? [] : [prop('acknowledgement-expires', ack.expires)]),
        ],
        methods: ['TEST'],
        types: ['mitigation'],
        'relevant-evidence': ack.resources.map((r) => ({ description: r })),
      });
    }
  }
  const findings = technical.map((control) => {
    const satisfied = control.status === 'enforced' && !failed.has(control.id);
    return {
      uuid: id(`finding/${control.id}`),
      title: `${control.id}: ${satisfied ? 'satisfied' : 'not satisfied'}`,
      description: control.requirement,
      props: [prop('control-id', control.id), prop('control-status', control.status)],
      target: {
        type: 'objective-id',
        'target-id': control.id,
        title: control.id,
        status: { state: satisfied ? 'satisfied' : 'not-satisfied', reason: satisfied ? 'pass' : 'fail' },
      },
      ...((related.get(control.id) ?? []).length === 0
        ? {}
        : { 'related-observations': (related.get(control.id) ?? []).map((uuid) => ({ 'observation-uuid': uuid })) }),
    };
  });
  const organisational = report.controls.filter((c) => c.status === 'organisational').map((c) => c.id);
  const catalogue = id('back-matter/controls-catalogue');
  const result = {
    uuid: '',
    title: `Synth-time assessment of ${report.provider.name}`,
    description: `Every policy check of client-data-baseline run over the synthesized app: ${report.summary.clients} clients, ${report.summary.stacks} stacks, ${report.summary.resources} resources, ${report.summary.findings} findings, ${report.summary.acknowledgements} acknowledged findings.`,
    start: time,
    end: time,
    props: [
      prop('synth-outcome', report.summary.findings === 0 ? 'passed' : 'failed'),
      prop('time-source', options.now ? 'pinned' : 'unpinned'),
    ],
    'reviewed-controls': { 'control-selections': [{ 'include-controls': technical.map((c) => ({ 'control-id': c.id })) }] },
    observations,
    findings,
    remarks: [
      `Organisational controls, which no template can enforce, are not assessed here: ${organisational.join(', ') || 'none'}.`,
      unmapped.length === 0
        ? 'No finding of a rule outside the catalogue.'
        : `Findings of rules that check no control of the catalogue: ${unmapped.join('; ')}.`,
    ].join(' '),
  };
  result.uuid = id(`result/${jsonDigest(result)}`);
  const document = {
    'assessment-results': {
      uuid: '',
      metadata: {
        title: `Compliance evidence: client-data-baseline (${report.provider.name})`,
        'last-modified': time,
        version: report.schemaVersion,
        'oscal-version': OSCAL_VERSION,
        props: [prop('provider-account', report.provider.account), prop('home-region', report.provider.homeRegion)],
      },
      'import-ap': {
        href: `#${catalogue}`,
        remarks: 'There is no OSCAL assessment plan: the controls assessed are those of the catalogue in the back matter.',
      },
      results: [result],
      'back-matter': {
        resources: [
          {
            uuid: catalogue,
            title: 'Controls catalogue of client-data-baseline',
            description: 'The policies cut into controls with stable ids; every control-id above is one of its ids.',
            rlinks: [{ href: 'shared/policies/CONTROLS.md', 'media-type': 'text/markdown' }],
          },
        ],
      },
    },
  };
  document['assessment-results'].uuid = id(`assessment-results/${jsonDigest(document)}`);
  writeJson(document, sink, 2);
  sink('\n');
}
