/**
 * The report flattened into outcomes, one per control, resource and rule:
 * the rows of the CSV file and the test cases of the JUnit file.
 */
import type { ComplianceReport, ResourceLocation } from './model';

/** How one rule judged one resource for one control. */
export type OutcomeStatus = 'passed' | 'failed' | 'acknowledged' | 'organisational';

/** One outcome. */
export interface Outcome {
  /** Control id; absent for a finding of a rule that checks no control of the catalogue. */
  readonly control?: string;
  /** Client id, `shared`, or absent when the resource is not in a stack of the assembly. */
  readonly owner?: string;
  readonly stack?: string;
  /** Construct path of the resource. */
  readonly resource?: string;
  /** Rule id as it ran (with `[finding]` when the rule names one). */
  readonly rule?: string;
  readonly status: OutcomeStatus;
  /** The finding's description (failed) or the acknowledgement's reason (acknowledged), or the organisational note. */
  readonly detail?: string;
  /** Who answers for the acknowledgement, when recorded. */
  readonly acknowledgementOwner?: string;
  /** When the acknowledgement lapses, when it does. */
  readonly acknowledgementExpires?: string;
}

/** A rule id without its finding (`AwsSolutions-IAM5[Resource::*]` -> `AwsSolutions-IAM5`). */
export const baseRuleId = (id: string): string => (id.includes('[') ? id.slice(0, id.indexOf('[')) : id);

/** Lookups over a report: controls of a rule, location and owner of a resource. */
export class ReportIndex {
  private readonly controlsByRule = new Map<string, readonly string[]>();
  private readonly ownerByStack = new Map<string, string>();

  constructor(public readonly report: ComplianceReport) {
    for (const rule of report.rules) this.controlsByRule.set(rule.id, rule.controls);
    for (const stack of report.stacks) this.ownerByStack.set(stack.name, stack.owner);
  }

  /** Controls a rule (id as it ran) checks; empty for rules mapped to none. */
  public controlsOf(ruleId: string): readonly string[] {
    return this.controlsByRule.get(baseRuleId(ruleId)) ?? [];
  }

  public location(path: string): ResourceLocation | undefined {
    return this.report.locations[path];
  }

  /** Client id or `shared` of the stack a resource is in. */
  public ownerOf(path: string): string | undefined {
    const stack = this.location(path)?.stack;
    return stack === undefined ? undefined : this.ownerByStack.get(stack);
  }
}

/** Every outcome of a report: passes (evidence), findings, acknowledged findings and organisational controls, in report order. */
export function outcomes(report: ComplianceReport, index = new ReportIndex(report)): Outcome[] {
  const out: Outcome[] = [];
  // Where each resource is, once per resource: a resource has an outcome per control and rule that judged it.
  const places = new Map<string, { readonly resource: string; readonly stack?: string; readonly owner?: string }>();
  const where = (resource: string) => {
    let place = places.get(resource);
    if (place === undefined) {
      const stack = index.location(resource)?.stack;
      const owner = index.ownerOf(resource);
      places.set(resource, (place = { resource, ...(stack === undefined ? {} : { stack }), ...(owner === undefined ? {} : { owner }) }));
    }
    return place;
  };
  const perControl = (rule: string, fn: (control: string | undefined) => void) => {
    const controls = index.controlsOf(rule);
    if (controls.length === 0) fn(undefined);
    for (const control of controls) fn(control);
  };
  for (const control of report.controls) {
    if (control.status === 'organisational') {
      out.push({ control: control.id, status: 'organisational', ...(control.note === undefined ? {} : { detail: control.note }) });
      continue;
    }
    for (const { resources } of control.resources) {
      for (const resource of resources) {
        const { stack, owner } = where(resource.path);
        for (const rule of resource.rules) out.push({ control: control.id, resource: resource.path, stack, owner, rule, status: 'passed' });
      }
    }
  }
  for (const finding of report.findings) {
    for (const resource of finding.resources.length === 0 ? [''] : finding.resources) {
      perControl(finding.rule, (control) =>
        out.push({
          ...(control === undefined ? {} : { control }),
          ...(resource === '' ? {} : where(resource)),
          rule: finding.rule,
          status: 'failed',
          detail: finding.description,
        }),
      );
    }
  }
  for (const ack of report.acknowledgements) {
    for (const resource of ack.resources) {
      perControl(ack.rule, (control) =>
        out.push({
          ...(control === undefined ? {} : { control }),
          ...where(resource),
          rule: ack.rule,
          status: 'acknowledged',
          detail: ack.reason,
          ...(ack.owner === undefined ? {} : { acknowledgementOwner: ack.owner }),
          ...(ack.expires === undefined ? {} : { acknowledgementExpires: ack.expires }),
        }),
      );
    }
  }
  return out;
}

/** The outcomes of a report, listed once for every format that reads them (CSV and JUnit: half a million at a thousand clients). */
const outcomesByReport = new WeakMap<ComplianceReport, readonly Outcome[]>();

/** {@link outcomes} of a report with its own index, listed once per report (the report is not changed once built). */
export function reportOutcomes(report: ComplianceReport): readonly Outcome[] {
  let listed = outcomesByReport.get(report);
  if (listed === undefined) outcomesByReport.set(report, (listed = outcomes(report)));
  return listed;
}
