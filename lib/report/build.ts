import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { organizationNotes } from './organization-notes';
import { type BaselineConfig, ClientNames, TAG_KEYS } from '../model';
import { DEFAULT_RETENTION_DAYS } from '../defaults';
import { ACCESS_MATRIX_FILE } from '../isolation/plugin';
import type { AccessMatrix } from '../isolation/prove';
import { AcknowledgementLedger, recordedAcknowledgements } from '../nag/acknowledgement-ledger';
import { rulesOf } from '../nag/registry';
import { CONTROLS, isOrganisational, ORGANISATIONAL_EVIDENCE } from './controls';
import { detectionNotes } from './detection-notes';
import { erasureRecords } from './erasures';
import { collectEvidence, evidenceRules, SHARED_OWNER } from './evidence';
import { resourceLocations } from './locations';
import {
  type AcknowledgementRow,
  type ClientRow,
  type ComplianceReport,
  type ControlRow,
  type FindingRow,
  REPORT_SCHEMA_VERSION,
  type ResourceLocation,
  type RuleRow,
  type StackRow,
} from './model';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => byString(key(a), key(b)));

interface ValidationReport {
  readonly pluginReports?: {
    readonly pluginName: string;
    readonly violations?: {
      readonly ruleName: string;
      readonly description: string;
      readonly severity?: string;
      readonly violatingConstructs?: { readonly constructPath?: string }[];
    }[];
  }[];
}

/** Unacknowledged findings from the assembly's `validation-report.json`. */
function findings(assembly: CloudAssembly): FindingRow[] {
  const file = join(assembly.directory, 'validation-report.json');
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as ValidationReport;
  const rows = (report.pluginReports ?? []).flatMap((plugin) =>
    (plugin.violations ?? []).map((v) => ({
      rule: v.ruleName,
      plugin: plugin.pluginName,
      severity: v.severity ?? 'error',
      description: v.description,
      resources: (v.violatingConstructs ?? []).map((c) => c.constructPath ?? '').sort(byString),
    })),
  );
  return sorted(rows, (r) => `${r.rule} ${r.resources.join()}`);
}

/** The access matrix the isolation proof wrote into the assembly, if it ran. */
function accessMatrix(assembly: CloudAssembly): { accessMatrix?: AccessMatrix } {
  const file = join(assembly.directory, ACCESS_MATRIX_FILE);
  return existsSync(file) ? { accessMatrix: JSON.parse(readFileSync(file, 'utf8')) as AccessMatrix } : {};
}

/**
 * Acknowledged findings, grouped by rule, reason, owner and expiry, each with
 * the resources whose finding it suppressed (as the tracked packs reported
 * them). Without the ledger of `applyPolicyChecks`, the nodes the
 * acknowledgements are recorded on.
 */
function acknowledgements(scope: IConstruct): AcknowledgementRow[] {
  const recorded = recordedAcknowledgements(scope);
  const ledger = AcknowledgementLedger.of(scope);
  const byKey = new Map(recorded.map((a) => [`${a.path}\n${a.id}`, a]));
  const covered = ledger
    ? ledger.findings().flatMap((f) => {
        const ack = byKey.get(`${f.acknowledgedAt}\n${f.id}`);
        return ack ? [{ ...ack, path: f.resource }] : [];
      })
    : recorded;
  const groups = new Map<string, { rule: string; reason: string; owner?: string; expires?: string; resources: Set<string> }>();
  for (const { id: rule, reason, owner, expires, path } of covered) {
    const key = [rule, reason, owner ?? '', expires ?? ''].join('\n');
    const group = groups.get(key) ?? {
      rule,
      reason,
      ...(owner === undefined ? {} : { owner }),
      ...(expires === undefined ? {} : { expires }),
      resources: new Set<string>(),
    };
    group.resources.add(path);
    groups.set(key, group);
  }
  return sorted([...groups.entries()], ([key]) => key).map(([, g]) => ({ ...g, resources: [...g.resources].sort(byString) }));
}

/** The locations of every resource the report names, sorted by path. */
function locations(assembly: CloudAssembly, paths: Iterable<string>): Record<string, ResourceLocation> {
  const all = resourceLocations(assembly);
  const out: Record<string, ResourceLocation> = {};
  for (const path of [...new Set(paths)].sort(byString)) {
    const location = all.get(path);
    if (location) out[path] = location;
  }
  return out;
}

function rules(): RuleRow[] {
  const ours = rulesOf('pack').map((r) => ({
    id: r.id,
    pack: 'ClientDataBaseline',
    controls: r.controls,
    description: r.info,
  }));
  const standard = rulesOf('standard').flatMap((r) =>
    r.ids.map((id) => ({ id, pack: id.split('-')[0], controls: r.controls, description: `cdk-nag rule ${r.rule.name}` })),
  );
  return [...ours, ...sorted(standard, (r) => r.id)];
}

function controls(scope: IConstruct, config: BaselineConfig): ControlRow[] {
  const forms = organizationNotes(config);
  const evidence = collectEvidence(scope);
  const notes = detectionNotes(config);
  const checking = evidenceRules();
  return CONTROLS.map((control) => {
    const ruleIds = checking.filter((r) => r.controls.includes(control.id)).flatMap((r) => r.ids);
    const byOwner = evidence.get(control.id) ?? new Map();
    const resources = sorted([...byOwner.entries()], ([owner]) => (owner === SHARED_OWNER ? '' : owner)).map(([owner, list]) => ({
      owner,
      resources: list,
    }));
    const status = isOrganisational(control) ? 'organisational' : ruleIds.length > 0 && resources.length > 0 ? 'enforced' : 'gap';
    const note =
      ORGANISATIONAL_EVIDENCE[control.id] ?? ([notes[control.id], forms[control.id]].filter((n) => n !== undefined).join(' ') || undefined);
    return { ...control, status, ...(note === undefined ? {} : { note }), rules: ruleIds, resources };
  });
}

function clients(config: BaselineConfig, stackNames: Set<string>): ClientRow[] {
  return config.clients.map((client) => {
    const names = new ClientNames(config.provider, client);
    return {
      id: client.id,
      name: client.name,
      account: names.account,
      regions: { primary: client.regions.primary, replica: client.regions.replica, allowed: [...client.regions.allowed] },
      stacks: [names.dataStack, names.replicaStack].filter((s) => stackNames.has(s)),
      datasets: client.datasets.map((d) => ({
        name: d.name,
        classification: d.classification,
        tier: d.tier,
        retentionDays: d.retentionDays ?? DEFAULT_RETENTION_DAYS[d.classification],
      })),
    };
  });
}

/**
 * The number of resources of a template file, read without keeping it: the
 * artifact's own `template` getter would hold every template of the assembly
 * (tens of MB at scale) for as long as the assembly lives.
 */
function resourceCount(templatePath: string): number {
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as { Resources?: object };
  return Object.keys(template.Resources ?? {}).length;
}

/**
 * Builds the compliance report of a synthesized app: every control with its
 * status, rules and resources per client, the clients, stacks, rules,
 * acknowledgements and findings. Deterministic: no times, no absolute paths,
 * everything sorted.
 */
export function buildReport(config: BaselineConfig, app: IConstruct, assembly: CloudAssembly): ComplianceReport {
  const stacks: StackRow[] = sorted(
    assembly.stacksRecursively.map((s) => ({
      name: s.stackName,
      owner: s.tags[TAG_KEYS.clientId] ?? SHARED_OWNER,
      account: s.environment.account,
      region: s.environment.region,
      resources: resourceCount(s.templateFullPath),
    })),
    (s) => s.name,
  );
  const controlRows = controls(app, config);
  const findingRows = findings(assembly);
  const acknowledgementRows = acknowledgements(app);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: 'client-data-baseline',
    provider: { name: config.provider.name, account: config.provider.account, homeRegion: config.provider.homeRegion },
    summary: {
      clients: config.clients.length,
      datasets: config.clients.reduce((n, c) => n + c.datasets.length, 0),
      stacks: stacks.length,
      resources: stacks.reduce((n, s) => n + s.resources, 0),
      controls: {
        total: controlRows.length,
        enforced: controlRows.filter((c) => c.status === 'enforced').length,
        gaps: controlRows.filter((c) => c.status === 'gap').length,
        organisational: controlRows.filter((c) => c.status === 'organisational').length,
      },
      findings: findingRows.reduce((n, f) => n + Math.max(1, f.resources.length), 0),
      acknowledgements: acknowledgementRows.reduce((n, a) => n + a.resources.length, 0),
    },
    controls: controlRows,
    clients: clients(config, new Set(stacks.map((s) => s.name))),
    stacks,
    rules: rules(),
    acknowledgements: acknowledgementRows,
    findings: findingRows,
    locations: locations(assembly, [
      ...controlRows.flatMap((c) => c.resources.flatMap((o) => o.resources.map((r) => r.path))),
      ...findingRows.flatMap((f) => f.resources),
      ...acknowledgementRows.flatMap((a) => a.resources),
    ]),
    ...accessMatrix(assembly),
    ...erasureRecords(config, app),
  };
}
