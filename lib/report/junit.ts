import { XMLBuilder } from 'fast-xml-parser';
import { SHARED_OWNER } from './evidence';
import type { ComplianceReport } from './model';
import { type Outcome, reportOutcomes } from './outcomes';

/** Name of the test suite that holds findings of rules mapped to no control of the catalogue. */
export const JUNIT_UNMAPPED_SUITE = 'rules-without-control';

interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly failures: readonly Outcome[];
  readonly skipped?: string;
  readonly out: readonly string[];
}

const line = (o: Outcome) => `${o.rule ?? ''} ${o.resource ?? ''}`.trim();

function suiteXml(name: string, cases: readonly TestCase[], properties: Record<string, string>) {
  const failures = cases.filter((c) => c.failures.length > 0).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  return {
    '@_name': name,
    '@_tests': cases.length,
    '@_failures': failures,
    '@_errors': 0,
    '@_skipped': skipped,
    '@_time': '0',
    properties: { property: Object.entries(properties).map(([k, v]) => ({ '@_name': k, '@_value': v })) },
    testcase: cases.map((c) => ({
      '@_name': c.name,
      '@_classname': c.classname,
      '@_time': '0',
      ...(c.skipped === undefined ? {} : { skipped: { '@_message': c.skipped } }),
      ...(c.failures.length === 0
        ? {}
        : {
            failure: {
              '@_message': `${c.failures.length} finding${c.failures.length === 1 ? '' : 's'}: ${[...new Set(c.failures.map((f) => f.rule))].join(', ')}`,
              '@_type': 'policy-finding',
              '#text': c.failures.map((f) => `${line(f)}: ${f.detail ?? ''}`).join('\n'),
            },
          }),
      ...(c.out.length === 0 ? {} : { 'system-out': c.out.join('\n') }),
    })),
  };
}

/**
 * The report as JUnit XML: one test suite per control of the catalogue, one
 * test case per control and owner (`shared` and each client): failed when a
 * finding of a rule that checks the control is on one of the owner's
 * resources, skipped for organisational controls, passed otherwise (its
 * output lists the resources that meet the control and the acknowledged
 * findings). Findings of rules that check no control of the catalogue fail a
 * test case of one more suite, `rules-without-control`. Deterministic: times
 * are 0.
 */
export function renderJunit(report: ComplianceReport): string {
  const all = reportOutcomes(report);
  const owners = [SHARED_OWNER, ...report.clients.map((c) => c.id)];
  const known = new Set(owners);
  for (const o of all) {
    if (o.owner !== undefined && !known.has(o.owner)) {
      known.add(o.owner);
      owners.push(o.owner);
    }
  }
  // control id ('' for none) -> owner -> outcomes, built in one pass (a thousand clients make half a million outcomes)
  const byControl = new Map<string, Map<string, Outcome[]>>();
  for (const o of all) {
    const control = byControl.get(o.control ?? '') ?? new Map<string, Outcome[]>();
    byControl.set(o.control ?? '', control);
    const owner = o.owner ?? SHARED_OWNER;
    const list = control.get(owner) ?? [];
    control.set(owner, list);
    list.push(o);
  }
  const suites = report.controls.map((control) => {
    const byOwner = byControl.get(control.id) ?? new Map<string, Outcome[]>();
    const cases: TestCase[] = owners.map((owner) => {
      const mine = byOwner.get(owner) ?? [];
      return {
        name: owner,
        classname: control.id,
        failures: mine.filter((o) => o.status === 'failed'),
        ...(control.status === 'organisational'
          ? { skipped: `organisational control: no template can enforce it. ${control.note ?? ''}`.trim() }
          : {}),
        out: [
          ...mine.filter((o) => o.status === 'passed').map((o) => `meets: ${line(o)}`),
          ...mine.filter((o) => o.status === 'acknowledged').map((o) => `acknowledged: ${line(o)}: ${o.detail ?? ''}`),
        ],
      };
    });
    return suiteXml(control.id, cases, { section: control.section, source: control.source, status: control.status });
  });
  const unmapped = byControl.get('') ?? new Map<string, Outcome[]>();
  const unmappedCases = owners
    .map((owner) => ({ owner, failures: (unmapped.get(owner) ?? []).filter((o) => o.status === 'failed') }))
    .filter((c) => c.failures.length > 0)
    .map((c) => ({ name: c.owner, classname: JUNIT_UNMAPPED_SUITE, failures: c.failures, out: [] }));
  if (unmappedCases.length > 0) {
    suites.push(suiteXml(JUNIT_UNMAPPED_SUITE, unmappedCases, { status: 'findings of rules that check no control of the catalogue' }));
  }
  const count = (key: '@_tests' | '@_failures' | '@_skipped') => suites.reduce((n, s) => n + s[key], 0);
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'client-data-baseline',
      '@_tests': count('@_tests'),
      '@_failures': count('@_failures'),
      '@_errors': 0,
      '@_skipped': count('@_skipped'),
      '@_time': '0',
      testsuite: suites,
    },
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
  });
  return builder.build(document) as string;
}
