import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { TenantIsolationProof } from './isolation/plugin';
import {
  AcknowledgementChecks,
  AcknowledgementLedger,
  acknowledgeKnownFindings,
  ClientDataBaselineChecks,
  type KnownFinding,
  SharedRuleEngine,
  StackLimitsChecks,
} from './nag';

/** Options of {@link applyPolicyChecks}. */
export interface PolicyCheckOptions {
  /**
   * The time acknowledgement expiries are judged at (the main job passes `-c now=`).
   *
   * @default - the current time
   */
  readonly now?: Date;
  /**
   * Acknowledgements of a consumer's own findings, applied beside the
   * baseline's {@link KNOWN_FINDINGS} and held to the same rules: each must
   * match a finding, and fails the synth once it expires.
   *
   * @default - none
   */
  readonly acknowledgements?: readonly KnownFinding[];
}

/**
 * Turns every policy check on for an app or stage: the standard cdk-nag packs
 * (AWS Solutions, HIPAA Security, NIST 800-53 R5, PCI DSS 3.2.1), this
 * baseline's own pack, the tenant isolation proof (which also writes
 * `access-matrix.json`), CloudFormation's stack limits (`StackLimitsChecks`),
 * and the acknowledgements with their reasons. The packs share one rule
 * engine (`SharedRuleEngine`), which finds exactly what the stock packs find.
 * Any unacknowledged finding fails the synth, and so does an acknowledgement
 * that matches no finding or has expired (`AcknowledgementChecks`). It sits
 * above both the checks (`lib/nag`) and the proof (`lib/isolation`), which it
 * composes.
 */
export function applyPolicyChecks(scope: IConstruct, options: PolicyCheckOptions = {}): void {
  const ledger = AcknowledgementLedger.for(scope);
  // One engine judges the five packs in one walk, each (rule, resource) once; each pack still reports as itself,
  // and reports every finding an acknowledgement suppressed to the ledger.
  const packs = new SharedRuleEngine(
    [
      new AwsSolutionsChecks(scope),
      new HIPAASecurityChecks(scope),
      new NIST80053R5Checks(scope),
      new PCIDSS321Checks(scope),
      new ClientDataBaselineChecks(scope),
    ],
    ledger,
  );
  Validations.of(scope).addPlugins(
    ...packs.plugins,
    // Evaluates every principal against every client's stores; writes access-matrix.json (CDM-3.3-TENANT-ISOLATION, CDM-3.2-REVIEW).
    new TenantIsolationProof(),
    new StackLimitsChecks(),
    // After the packs: every acknowledgement must have suppressed a finding of theirs, and none may have expired.
    new AcknowledgementChecks(ledger, options.now),
  );
  acknowledgeKnownFindings(scope, options.acknowledgements);
}
