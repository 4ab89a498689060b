import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { type AcknowledgementLedger, type RecordedAcknowledgement, recordedAcknowledgements } from './acknowledgement-ledger';

/** Rule names of the acknowledgement checks. */
export const ACKNOWLEDGEMENT_RULES = {
  /** An acknowledgement that suppressed no finding: a stale exception. */
  unused: 'AcknowledgementUnused',
  /** An acknowledgement past its `expires` date. */
  expired: 'AcknowledgementExpired',
  /** An acknowledgement whose `expires` is not a date. */
  badExpiry: 'AcknowledgementExpiryInvalid',
} as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant an `expires` value names (a date is 00:00 UTC that day); `undefined` when it is not a date. */
export function expiryInstant(expires: string): Date | undefined {
  if (!DATE.test(expires) && !DATE_TIME.test(expires)) return undefined;
  const instant = new Date(DATE.test(expires) ? `${expires}T00:00:00Z` : expires);
  if (Number.isNaN(instant.getTime())) return undefined;
  // A calendar date that does not exist (2026-02-30) rolls over in Date: refuse it.
  if (DATE.test(expires) && instant.toISOString().slice(0, 10) !== expires) return undefined;
  return instant;
}

const describe = (ack: RecordedAcknowledgement) =>
  `${ack.id} on ${ack.path}${ack.owner === undefined ? '' : ` (owner ${ack.owner})`}, reason "${ack.reason}"`;

/**
 * Keeps acknowledgements honest: fails the synth for every acknowledgement
 * of a tracked pack's rule that suppressed no finding (a stale exception is
 * itself an audit finding), and for every acknowledgement past its `expires`
 * date or with an `expires` that is not a date. Each violation names the rule
 * id, the construct path and the reason. Registered by `applyPolicyChecks`
 * after the packs, whose findings it reads from their ledger.
 */
export class AcknowledgementChecks implements IPolicyValidationPlugin {
  public readonly name = 'ClientDataBaselineAcknowledgements';
  public readonly ruleIds: string[] = Object.values(ACKNOWLEDGEMENT_RULES);

  constructor(
    private readonly ledger: AcknowledgementLedger,
    /** The time expiries are judged at (`-c now=` in the main job). */
    private readonly now: Date = new Date(),
  ) {}

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const app = (context as IPolicyValidationContext & { readonly appConstruct?: IConstruct }).appConstruct;
    if (app === undefined)
      throw new Error('AcknowledgementChecks needs the construct tree on the validation context (aws-cdk-lib >= 2.262)');
    const violations: PolicyViolation[] = [];
    const add = (ruleName: string, ack: RecordedAcknowledgement, description: string, fix: string) =>
      violations.push({ ruleName, description, fix, severity: 'error', violatingResources: [{ constructPath: ack.path, locations: [] }] });
    for (const ack of recordedAcknowledgements(app)) {
      if (this.ledger.tracks(ack.id) && !this.ledger.isUsed(ack.path, ack.id)) {
        add(
          ACKNOWLEDGEMENT_RULES.unused,
          ack,
          `Acknowledgement of ${describe(ack)} matches no finding: the resource complies, so the exception is stale.`,
          'Remove the acknowledgement (lib/nag/acknowledgements.ts), or narrow it to the constructs that have the finding.',
        );
      }
      if (ack.expires === undefined) continue;
      const instant = expiryInstant(ack.expires);
      if (instant === undefined) {
        add(
          ACKNOWLEDGEMENT_RULES.badExpiry,
          ack,
          `Acknowledgement of ${describe(ack)} has expires "${ack.expires}", which is not a date; allowed: YYYY-MM-DD (00:00 UTC that day) or an ISO 8601 time with a zone.`,
          'Write the expiry as a date, e.g. 2027-03-31.',
        );
      } else if (instant.getTime() <= this.now.getTime()) {
        add(
          ACKNOWLEDGEMENT_RULES.expired,
          ack,
          `Acknowledgement of ${describe(ack)} expired on ${ack.expires} (now is ${this.now.toISOString()}).`,
          'Fix the finding and remove the acknowledgement, or renew it with a new expiry and the approval of its owner.',
        );
      }
    }
    return { success: violations.length === 0, violations };
  }
}
