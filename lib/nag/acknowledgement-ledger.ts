/**
 * Where acknowledgements are recorded and which of them suppressed a finding.
 *
 * An acknowledgement is aws-cdk-lib's `Validations.of(node).acknowledge({ id,
 * reason })`: it writes `{ [id]: reason }` into the node's
 * `aws:cdk:acknowledged-rules` metadata, and cdk-nag v3 skips a finding of
 * rule `id` on any resource at or below that node. cdk-nag keeps no record of
 * what it skipped, so the packs that `applyPolicyChecks` registers report each
 * skipped finding to a ledger (`trackAcknowledgements`); an acknowledgement
 * that skipped nothing is stale and fails the synth (`AcknowledgementChecks`).
 */
import { Annotations, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Metadata type of the terms (owner, expiry) an acknowledgement carries beside aws-cdk-lib's `{ id: reason }`. */
export const ACKNOWLEDGEMENT_TERMS_METADATA = 'cdb:acknowledgement-terms';

/** What an acknowledgement says, beyond the rule id. */
export interface AcknowledgementTerms {
  /** Why the finding is accepted. */
  readonly reason: string;
  /**
   * Who answers for it (a team or a person).
   *
   * @default - no owner recorded
   */
  readonly owner?: string;
  /**
   * The day it lapses, `YYYY-MM-DD` (00:00 UTC that day) or an ISO 8601 time:
   * from then on the synth fails until it is renewed or removed.
   *
   * @default - it does not lapse
   */
  readonly expires?: string;
}

/** One acknowledgement recorded in the construct tree. */
export interface RecordedAcknowledgement extends AcknowledgementTerms {
  /** Rule id, or `RuleId[finding]` for one finding of a rule. */
  readonly id: string;
  /** Construct path of the node it is recorded on (it covers that node and everything below it). */
  readonly path: string;
}

const normalize = (id: string) => id.replace(/^annotation::/i, '');

/** The acknowledged rule ids recorded on one node (not its ancestors), with their reasons. */
export function acknowledgedOn(node: IConstruct): Map<string, string> {
  const ids = new Map<string, string>();
  for (const entry of node.node.metadata) {
    if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
    for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) ids.set(normalize(id), reason);
  }
  return ids;
}

/** An acknowledgement to record: the rule id (or `RuleId[finding]`) and its terms. */
export interface TermedAcknowledgement extends AcknowledgementTerms {
  /** Rule id, or `RuleId[finding]` for one finding of a rule. */
  readonly id: string;
}

/** The namespace `Validations.acknowledge` qualifies an id without one with. */
const ANNOTATION_NAMESPACE = 'Annotation';

/**
 * Acknowledges findings on a node as `Validations.acknowledge` does (the same
 * qualified ids in the same metadata key, which the packs, the synth's
 * validation report and the compliance report read), but in one metadata
 * entry for the node and without a source-mapped stack trace per
 * acknowledgement, which made up most of the assembly's metadata; and records
 * each one's owner and expiry (when given) beside it.
 */
export function acknowledgeAll(node: IConstruct, acknowledgements: readonly TermedAcknowledgement[]): void {
  if (acknowledgements.length === 0) return;
  const qualified: Record<string, string> = {};
  for (const { id, reason } of acknowledgements) {
    const ruleId = id.replace(/ /g, '-');
    qualified[`${ANNOTATION_NAMESPACE}::${ruleId}`] = reason;
    Annotations.of(node).acknowledgeWarning(`${ANNOTATION_NAMESPACE}::${ruleId}`);
    Annotations.of(node).acknowledgeWarning(ruleId);
  }
  node.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, qualified);
  for (const { id, owner, expires } of acknowledgements) {
    if (owner === undefined && expires === undefined) continue;
    node.node.addMetadata(ACKNOWLEDGEMENT_TERMS_METADATA, {
      id,
      ...(owner === undefined ? {} : { owner }),
      ...(expires === undefined ? {} : { expires }),
    });
  }
}

/** Acknowledges one finding on a node (see {@link acknowledgeAll}). */
export function acknowledge(node: IConstruct, id: string, terms: AcknowledgementTerms): void {
  acknowledgeAll(node, [{ id, ...terms }]);
}

/** Every acknowledgement recorded below a scope, in tree order, with its terms. */
export function recordedAcknowledgements(scope: IConstruct): RecordedAcknowledgement[] {
  const out: RecordedAcknowledgement[] = [];
  for (const node of scope.node.findAll()) {
    if (node.node.metadata.length === 0) continue;
    const ids = acknowledgedOn(node);
    if (ids.size === 0) continue;
    const terms = new Map<string, { owner?: string; expires?: string }>();
    for (const entry of node.node.metadata) {
      if (entry.type !== ACKNOWLEDGEMENT_TERMS_METADATA) continue;
      const { id, ...rest } = entry.data as { id: string; owner?: string; expires?: string };
      terms.set(id, rest);
    }
    for (const [id, reason] of ids) out.push({ id, path: node.node.path, reason, ...terms.get(id) });
  }
  return out;
}

/** A finding that an acknowledgement suppressed. */
export interface SuppressedFinding {
  /** The finding's rule id (with `[finding]` when the rule names one). */
  readonly id: string;
  /** Construct path of the resource the finding is on. */
  readonly resource: string;
  /** Construct path of the node whose acknowledgement suppressed it. */
  readonly acknowledgedAt: string;
}

const ledgers = new WeakMap<IConstruct, AcknowledgementLedger>();

/**
 * The findings that acknowledgements suppressed during one synth, as the
 * tracked packs report them. One ledger per scope that `applyPolicyChecks`
 * was called on.
 */
export class AcknowledgementLedger {
  /** The ledger of a scope (an app or stage) that `applyPolicyChecks` was called on; `undefined` otherwise. */
  public static of(scope: IConstruct): AcknowledgementLedger | undefined {
    return ledgers.get(scope);
  }

  /** Creates the ledger of a scope (or returns the one it has). */
  public static for(scope: IConstruct): AcknowledgementLedger {
    const ledger = ledgers.get(scope) ?? new AcknowledgementLedger();
    ledgers.set(scope, ledger);
    return ledger;
  }

  /** Pack prefixes (`AwsSolutions`, `CDB`, ...) whose findings the ledger hears about. */
  public readonly packs = new Set<string>();
  private readonly suppressed = new Map<string, SuppressedFinding>();
  private readonly used = new Set<string>();

  private constructor() {}

  /**
   * Records that a finding of `id` on `resource` was suppressed by the
   * nearest node at or above it that acknowledges `id`, as cdk-nag decides,
   * and returns `true`; returns `false` when no node acknowledges it (the
   * finding stands).
   */
  public recordFinding(resource: IConstruct, id: string): boolean {
    for (let node: IConstruct | undefined = resource; node !== undefined; node = node.node.scope) {
      if (node.node.metadata.length > 0 && acknowledgedOn(node).has(id)) {
        const finding = { id, resource: resource.node.path, acknowledgedAt: node.node.path };
        this.suppressed.set(`${id}\n${finding.resource}`, finding);
        this.used.add(`${finding.acknowledgedAt}\n${id}`);
        return true;
      }
    }
    return false;
  }

  /** Whether the acknowledgement of `id` recorded at `path` suppressed at least one finding. */
  public isUsed(path: string, id: string): boolean {
    return this.used.has(`${path}\n${id}`);
  }

  /** Whether the ledger hears about findings of this rule id (its pack is tracked). */
  public tracks(id: string): boolean {
    return [...this.packs].some((pack) => id.startsWith(`${pack}-`));
  }

  /** Every suppressed finding, sorted by rule id and resource. */
  public findings(): SuppressedFinding[] {
    return [...this.suppressed.values()].sort((a, b) => (a.id === b.id ? (a.resource < b.resource ? -1 : 1) : a.id < b.id ? -1 : 1));
  }
}
