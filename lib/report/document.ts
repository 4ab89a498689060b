/**
 * The report's human-readable content, once: a list of sections with tables,
 * which the Markdown and HTML renderers both draw, so the two formats cannot
 * say different things.
 */
import type { ComplianceReport } from './model';

/** One section of the rendered report. */
export interface Section {
  readonly title: string;
  readonly text?: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const SHARED = 'shared';
const list = (items: readonly string[]) => (items.length === 0 ? '-' : items.join(', '));

/** The sections of the rendered report, in order. */
export function reportSections(report: ComplianceReport): Section[] {
  const { summary } = report;
  return [
    {
      title: 'Summary',
      text: `Provider ${report.provider.name} (account ${report.provider.account}, home region ${report.provider.homeRegion}). Report format ${report.schemaVersion}.`,
      headers: ['Measure', 'Value'],
      rows: [
        ['Clients', String(summary.clients)],
        ['Datasets', String(summary.datasets)],
        ['Stacks', String(summary.stacks)],
        ['Resources', String(summary.resources)],
        [
          'Controls enforced',
          `${summary.controls.enforced} of ${summary.controls.total - summary.controls.organisational} technical controls`,
        ],
        ['Control gaps', String(summary.controls.gaps)],
        ['Organisational controls', String(summary.controls.organisational)],
        ['Findings (each fails the synth)', String(summary.findings)],
        ['Acknowledged findings', String(summary.acknowledgements)],
      ],
    },
    {
      title: 'Controls',
      text: 'Each control of the catalogue, whether the baseline meets it, the rules that check it on every synth, and how many resources meet it per owner.',
      headers: ['Control', 'Status', 'Requirement', 'Rules', 'Resources per owner', 'Note'],
      rows: report.controls.map((c) => [
        c.id,
        c.status,
        c.requirement,
        list(c.rules),
        list(c.resources.map((r) => `${r.owner}: ${r.resources.length}`)),
        c.status === 'organisational' ? '-' : (c.note ?? '-'),
      ]),
    },
    {
      title: 'Organisational controls',
      text: 'No template can enforce these; the evidence the baseline can still offer.',
      headers: ['Control', 'Source', 'Note', 'Evidence offered'],
      rows: report.controls.filter((c) => c.status === 'organisational').map((c) => [c.id, c.source, c.requirement, c.note ?? '-']),
    },
    {
      title: 'Evidence',
      text: 'The resources that meet each control, as judged by its rules.',
      headers: ['Control', 'Owner', 'Resources'],
      rows: report.controls.flatMap((c) => c.resources.map((r) => [c.id, r.owner, list(r.resources.map((x) => `${x.path} (${x.type})`))])),
    },
    {
      title: 'Clients',
      headers: ['Client', 'Name', 'Account', 'Primary', 'Replica', 'Allowed regions', 'Stacks'],
      rows: report.clients.map((c) => [
        c.id,
        c.name,
        c.account,
        c.regions.primary,
        c.regions.replica,
        list(c.regions.allowed),
        list(c.stacks),
      ]),
    },
    {
      title: 'Datasets',
      headers: ['Client', 'Dataset', 'Classification', 'Tier', 'Retention (days)'],
      rows: report.clients.flatMap((c) => c.datasets.map((d) => [c.id, d.name, d.classification, d.tier, String(d.retentionDays)])),
    },
    {
      title: 'Stacks',
      headers: ['Stack', 'Owner', 'Account', 'Region', 'Resources'],
      rows: report.stacks.map((s) => [s.name, s.owner, s.account, s.region, String(s.resources)]),
    },
    {
      title: 'Rules',
      headers: ['Rule', 'Pack', 'Controls', 'What a finding means'],
      rows: report.rules.map((r) => [r.id, r.pack, list(r.controls), r.description]),
    },
    {
      title: 'Acknowledged findings',
      text: 'Findings of the standard packs accepted on purpose, each with its reason (lib/nag/acknowledgements.ts); each matches at least one finding and none has expired, or the synth fails.',
      headers: ['Rule', 'Reason', 'Owner', 'Expires', 'Resources'],
      rows: report.acknowledgements.map((a) => [a.rule, a.reason, a.owner ?? '-', a.expires ?? '-', list(a.resources)]),
    },
    {
      title: 'Access matrix',
      text: report.accessMatrix
        ? `Who can do what to which client's data (CDM-3.2-REVIEW), as evaluated at synth; ${report.accessMatrix.crossClientAccess.length} cross-client grants.`
        : 'The tenant isolation proof did not run.',
      headers: ['Principal', 'Client', 'Kind', 'Assumable by', 'MFA', 'Session tag', 'Access'],
      rows: (report.accessMatrix?.principals ?? []).map((p) => [
        p.principal,
        p.client ?? SHARED,
        p.kind,
        list(p.assumableBy),
        p.mfaRequired === null ? '-' : p.mfaRequired ? 'yes' : 'no',
        p.sessionTag ?? '-',
        list(p.access.map((a) => `${a.resource}: ${a.actions.join(' ')}`)),
      ]),
    },
    ...(report.erasures === undefined
      ? []
      : [
          {
            title: 'Erasures',
            text: "Certificate of destruction per offboarded client (CDM-3.7-DISPOSAL): the keys whose deletion makes its data, replicas and recovery points unreadable, deleted erasureAfterDays after the client's stacks are removed.",
            headers: ['Client', 'Account', 'Ticket', 'Approved by', 'Requested', 'Erasure date', 'Export until', 'Keys'],
            rows: report.erasures.map((e) => [
              e.client,
              e.account,
              e.ticket,
              e.approvedBy,
              e.requested,
              e.erasureDate,
              e.exportUntil ?? '-',
              list(e.keys.map((k) => `${k.alias} (${k.path}, ${k.region}, ${k.pendingWindowDays} days)`)),
            ]),
          },
        ]),
    {
      title: 'Findings',
      text: report.findings.length === 0 ? 'None: every check passed.' : 'Unacknowledged findings; each fails the synth.',
      headers: ['Rule', 'Plugin', 'Severity', 'Description', 'Resources'],
      rows: report.findings.map((f) => [f.rule, f.plugin, f.severity, f.description, list(f.resources)]),
    },
  ];
}
