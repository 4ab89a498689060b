import { XMLBuilder } from 'fast-xml-parser';
import { SHARED_OWNER } from './evidence';
import type { ComplianceReport } from './model';
import { type Outcome, reportOutcomes } from './outcomes';
import { collectText, type TextSink } from './stream';

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

/** A suite as the XML builder takes it: its counts from its plan (which the document's totals add up), then its cases. */
function suiteXml(suite: SuitePlan) {
  return {
    '@_name': suite.name,
    '@_tests': suite.tests,
    '@_failures': suite.failures,
    '@_errors': 0,
    '@_skipped': suite.skipped,
    '@_time': '0',
    properties: { property: Object.entries(suite.properties).map(([k, v]) => ({ '@_name': k, '@_value': v })) },
    testcase: suite.cases().map((c) => ({
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

/** A test suite, its counts known before its test cases are listed (the suites are written one by one, after the counts). */
interface SuitePlan {
  readonly name: string;
  readonly properties: Record<string, string>;
  readonly tests: number;
  readonly failures: number;
  readonly skipped: number;
  readonly cases: () => TestCase[];
}

const XML_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
} as const;

/** Stands for the children while the document around them is built. */
const PLACEHOLDER = 'client-data-baseline:placeholder';

/**
 * Writes, into a sink, the XML the builder writes for `document` with
 * `children` under `document[root][child]`, building one child at a time:
 * the builder writes a list's members one after another, so each child's
 * text is what the builder writes for the document with that child alone,
 * less the document's head and tail.
 */
export function writeXmlList(
  builder: XMLBuilder,
  document: Record<string, unknown>,
  root: string,
  child: string,
  children: readonly (() => object)[],
  sink: TextSink,
): void {
  const around = (members: readonly object[]) =>
    builder.build({ ...document, [root]: { ...(document[root] as object), [child]: members } }) as string;
  if (children.length === 0) {
    sink(around([]));
    return;
  }
  const frame = around([{ '#text': PLACEHOLDER }]);
  const at = frame.indexOf(PLACEHOLDER);
  const head = frame.slice(0, frame.lastIndexOf('\n', at) + 1);
  const tail = frame.slice(frame.indexOf('\n', at) + 1);
  sink(head);
  for (const build of children) {
    const text = around([build()]);
    if (!text.startsWith(head) || !text.endsWith(tail)) throw new Error(`writeXmlList: the builder wrote ${child} outside its own lines`);
    sink(text.slice(head.length, text.length - tail.length));
  }
  sink(tail);
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
  return collectText((sink) => writeJunit(report, sink));
}

/** Writes the report as JUnit XML into a sink, a test suite at a time ({@link renderJunit}). */
export function writeJunit(report: ComplianceReport, sink: TextSink): void {
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
  const failed = (outcomes: readonly Outcome[] | undefined) => (outcomes ?? []).filter((o) => o.status === 'failed');
  const suites: SuitePlan[] = report.controls.map((control) => {
    const byOwner = byControl.get(control.id) ?? new Map<string, Outcome[]>();
    const skipped =
      control.status === 'organisational' ? `organisational control: no template can enforce it. ${control.note ?? ''}`.trim() : undefined;
    return {
      name: control.id,
      properties: { section: control.section, source: control.source, status: control.status },
      tests: owners.length,
      failures: owners.filter((owner) => failed(byOwner.get(owner)).length > 0).length,
      skipped: skipped === undefined ? 0 : owners.length,
      cases: () =>
        owners.map((owner) => {
          const mine = byOwner.get(owner) ?? [];
          return {
            name: owner,
            classname: control.id,
            failures: failed(mine),
            ...(skipped === undefined ? {} : { skipped }),
            out: [
              ...mine.filter((o) => o.status === 'passed').map((o) => `meets: ${line(o)}`),
              ...mine.filter((o) => o.status === 'acknowledged').map((o) => `acknowledged: ${line(o)}: ${o.detail ?? ''}`),
            ],
          };
        }),
    };
  });
  const unmapped = byControl.get('') ?? new Map<string, Outcome[]>();
  const unmappedCases = owners
    .map((owner) => ({ owner, failures: failed(unmapped.get(owner)) }))
    .filter((c) => c.failures.length > 0)
    .map((c) => ({ name: c.owner, classname: JUNIT_UNMAPPED_SUITE, failures: c.failures, out: [] }));
  if (unmappedCases.length > 0) {
    suites.push({
      name: JUNIT_UNMAPPED_SUITE,
      properties: { status: 'findings of rules that check no control of the catalogue' },
      tests: unmappedCases.length,
      failures: unmappedCases.length,
      skipped: 0,
      cases: () => unmappedCases,
    });
  }
  const count = (key: 'tests' | 'failures' | 'skipped') => suites.reduce((n, s) => n + s[key], 0);
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'client-data-baseline',
      '@_tests': count('tests'),
      '@_failures': count('failures'),
      '@_errors': 0,
      '@_skipped': count('skipped'),
      '@_time': '0',
    },
  };
  const children = suites.map((suite) => () => suiteXml(suite));
  writeXmlList(new XMLBuilder(XML_OPTIONS), document, 'testsuites', 'testsuite', children, sink);
}
