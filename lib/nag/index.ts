import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { TenantIsolationProof } from '../isolation/plugin';
import { acknowledgeKnownFindings } from './acknowledgements';
import { ClientDataBaselineChecks } from './client-data-baseline-checks';
import { StackLimitsChecks } from './stack-limits';

export * from './acknowledgements';
export * from './finding-value';
export * from './client-data-baseline-checks';
export * from './stack-limits';

/**
 * Turns every policy check on for an app or stage: the standard cdk-nag packs
 * (AWS Solutions, HIPAA Security, NIST 800-53 R5, PCI DSS 3.2.1), this
 * baseline's own pack, the tenant isolation proof (which also writes
 * `access-matrix.json`), CloudFormation's stack limits (`StackLimitsChecks`),
 * and the acknowledgements with their reasons. Any
 * unacknowledged finding fails the synth.
 */
export function applyPolicyChecks(scope: IConstruct): void {
  Validations.of(scope).addPlugins(
    new AwsSolutionsChecks(scope),
    new HIPAASecurityChecks(scope),
    new NIST80053R5Checks(scope),
    new PCIDSS321Checks(scope),
    new ClientDataBaselineChecks(scope),
    // Evaluates every principal against every client's stores; writes access-matrix.json (CDM-3.3-TENANT-ISOLATION, CDM-3.2-REVIEW).
    new TenantIsolationProof(),
    new StackLimitsChecks(),
  );
  acknowledgeKnownFindings(scope);
}
