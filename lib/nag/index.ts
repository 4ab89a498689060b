import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { TenantIsolationProof } from '../isolation/plugin';
import { AcknowledgementChecks } from './acknowledgement-checks';
import { AcknowledgementLedger } from './acknowledgement-ledger';
import { acknowledgeKnownFindings, type KnownFinding } from './acknowledgements';
import { ClientDataBaselineChecks } from './client-data-baseline-checks';
import { StackLimitsChecks } from './stack-limits';
import { trackAcknowledgements } from './tracked-packs';

export * from './acknowledgement-checks';
export * from './acknowledgement-ledger';
export * from './acknowledgements';
export * from './finding-value';
export * from './client-data-baseline-checks';
export * from './stack-limits';
export * from './tracked-packs';

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
 * and the acknowledgements with their reasons. Any
 * unacknowledged finding fails the synth, and so does an acknowledgement
 * that matches no finding or has expired (`AcknowledgementChecks`).
 */
export function applyPolicyChecks(scope: IConstruct, options: PolicyCheckOptions = {}): void {
  const ledger = AcknowledgementLedger.for(scope);
  const tracked = [AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ClientDataBaselineChecks].map(
    (Pack) => new (trackAcknowledgements(Pack, ledger))(scope),
  );
  Validations.of(scope).addPlugins(
    ...tracked,
    // Evaluates every principal against every client's stores; writes access-matrix.json (CDM-3.3-TENANT-ISOLATION, CDM-3.2-REVIEW).
    new TenantIsolationProof(),
    new StackLimitsChecks(),
    // After the packs: every acknowledgement must have suppressed a finding of theirs, and none may have expired.
    new AcknowledgementChecks(ledger, options.now),
  );
  acknowledgeKnownFindings(scope, options.acknowledgements);
}
