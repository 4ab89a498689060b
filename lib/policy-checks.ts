import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { TenantIsolationProof } from './isolation/plugin';
import { acknowledgeKnownFindings, ClientDataBaselineChecks, SharedRuleEngine, StackLimitsChecks } from './nag';

/**
 * Turns every policy check on for an app or stage: the standard cdk-nag packs
 * (AWS Solutions, HIPAA Security, NIST 800-53 R5, PCI DSS 3.2.1), this
 * baseline's own pack, the tenant isolation proof (which also writes
 * `access-matrix.json`), CloudFormation's stack limits (`StackLimitsChecks`),
 * and the acknowledgements with their reasons. The packs share one rule
 * engine (`SharedRuleEngine`), which finds exactly what the stock packs find. Any
 * unacknowledged finding fails the synth. It sits above both the checks
 * (`lib/nag`) and the proof (`lib/isolation`), which it composes.
 */
export function applyPolicyChecks(scope: IConstruct): void {
  // One engine judges the five packs in one walk, each (rule, resource) once; each pack still reports as itself.
  const packs = new SharedRuleEngine([
    new AwsSolutionsChecks(scope),
    new HIPAASecurityChecks(scope),
    new NIST80053R5Checks(scope),
    new PCIDSS321Checks(scope),
    new ClientDataBaselineChecks(scope),
  ]);
  Validations.of(scope).addPlugins(
    ...packs.plugins,
    // Evaluates every principal against every client's stores; writes access-matrix.json (CDM-3.3-TENANT-ISOLATION, CDM-3.2-REVIEW).
    new TenantIsolationProof(),
    new StackLimitsChecks(),
  );
  acknowledgeKnownFindings(scope);
}
