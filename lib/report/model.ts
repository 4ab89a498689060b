/**
 * The compliance report's JSON shape, version 1 (documented in
 * `docs/REPORT.md`). A change that removes or renames a field bumps the major
 * version; adding a field bumps the minor version.
 */
import type { AccessMatrix } from '../isolation/prove';
import type { EvidenceResource } from './evidence';

/** Version of the JSON shape below. */
export const REPORT_SCHEMA_VERSION = '1.2.0';

/** How a control stands. */
export type ControlStatus = 'enforced' | 'gap' | 'organisational';

/** One control of the catalogue and the evidence for it. */
export interface ControlRow {
  readonly id: string;
  readonly section: string;
  readonly source: string;
  readonly requirement: string;
  readonly status: ControlStatus;
  /**
   * For organisational controls: the evidence the baseline can still offer.
   * For technical ones: the Security Hub controls that also watch it after
   * deploy, detection features turned off with their reasons, and the weaker
   * single-account forms.
   */
  readonly note?: string;
  /** Rule ids that check it (ours and standard packs'). */
  readonly rules: readonly string[];
  /** Resources that meet it, per owner (client id or `shared`), owners sorted. */
  readonly resources: readonly { readonly owner: string; readonly resources: readonly EvidenceResource[] }[];
}

/** One client, as configured and as built. */
export interface ClientRow {
  readonly id: string;
  readonly name: string;
  readonly account: string;
  readonly regions: { readonly primary: string; readonly replica: string; readonly allowed: readonly string[] };
  readonly stacks: readonly string[];
  readonly datasets: readonly {
    readonly name: string;
    readonly classification: string;
    readonly tier: string;
    readonly retentionDays: number;
  }[];
}

/** One stack of the cloud assembly. */
export interface StackRow {
  readonly name: string;
  readonly owner: string;
  readonly account: string;
  readonly region: string;
  readonly resources: number;
}

/** One rule that runs on every synth. */
export interface RuleRow {
  readonly id: string;
  readonly pack: string;
  readonly controls: readonly string[];
  readonly description: string;
}

/** An acknowledged finding: one rule, one reason, the resources it covers. */
export interface AcknowledgementRow {
  readonly rule: string;
  readonly reason: string;
  /** Who answers for the acknowledgement, when recorded. Since 1.2.0. */
  readonly owner?: string;
  /** The day it lapses (`YYYY-MM-DD` or an ISO time), when it does. Since 1.2.0. */
  readonly expires?: string;
  /** Construct paths of the resources whose finding it suppressed. */
  readonly resources: readonly string[];
}

/** Where a resource is: its stack, its template, its logical id and, when aws-cdk-lib recorded it, the source line that created it. Since 1.2.0. */
export interface ResourceLocation {
  /** Stack name. */
  readonly stack: string;
  /** Template file, relative to the cloud assembly directory. */
  readonly template: string;
  /** Logical id in the template. */
  readonly logicalId: string;
  /** The first frame of the construct's creation trace in the project's own code (`aws:cdk:creationStack`), relative to the working directory. */
  readonly source?: { readonly file: string; readonly line: number; readonly column: number };
}

/** An unacknowledged finding (each fails the synth). */
export interface FindingRow {
  readonly rule: string;
  readonly plugin: string;
  readonly severity: string;
  readonly description: string;
  readonly resources: readonly string[];
}

/** The whole report. */
export interface ComplianceReport {
  readonly schemaVersion: string;
  readonly tool: 'client-data-baseline';
  readonly provider: { readonly name: string; readonly account: string; readonly homeRegion: string };
  readonly summary: {
    readonly clients: number;
    readonly datasets: number;
    readonly stacks: number;
    readonly resources: number;
    readonly controls: { readonly total: number; readonly enforced: number; readonly gaps: number; readonly organisational: number };
    readonly findings: number;
    readonly acknowledgements: number;
  };
  readonly controls: readonly ControlRow[];
  readonly clients: readonly ClientRow[];
  readonly stacks: readonly StackRow[];
  readonly rules: readonly RuleRow[];
  readonly acknowledgements: readonly AcknowledgementRow[];
  readonly findings: readonly FindingRow[];
  /** Every resource the report names (evidence, findings, acknowledgements), by construct path. Since 1.2.0. */
  readonly locations: Readonly<Record<string, ResourceLocation>>;
  /** Who can do what to which client's data, as proven at synth (`access-matrix.json`); absent when the proof did not run. */
  readonly accessMatrix?: AccessMatrix;
  /** The certificate of destruction of each offboarded client (CDM-3.7-DISPOSAL), by client id; absent when no client is offboarding. Since 1.1.0. */
  readonly erasures?: readonly ErasureRecord[];
}

/** One key a cryptographic erasure destroys. */
export interface ErasedKeyRow {
  /** Construct path of the key, e.g. `initech-data/DataKey`. */
  readonly path: string;
  readonly alias: string;
  readonly account: string;
  readonly region: string;
  /** KMS pending window in days: the key is deleted this long after its stack is removed. */
  readonly pendingWindowDays: number;
}

/** The erasure record of one offboarded client (CDM-3.7-DISPOSAL). */
export interface ErasureRecord {
  readonly client: string;
  readonly account: string;
  /** The day the erasure was requested: the client's stacks are removed on it at the earliest. */
  readonly requested: string;
  readonly erasureAfterDays: number;
  /** `requested` + `erasureAfterDays`: the day the keys are deleted when the stacks are removed on `requested`. */
  readonly erasureDate: string;
  readonly approvedBy: string;
  readonly ticket: string;
  /** The last day (exclusive) readers could export the data, if an export window was granted. */
  readonly exportUntil?: string;
  /** Every key whose deletion makes the client's data, replicas and recovery points unreadable, sorted by path. */
  readonly keys: readonly ErasedKeyRow[];
}
