import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';
import type { Guardrail } from '../../guardrails/policies';

/** Properties of an {@link OrganizationGuardrail}: one guardrail of the plan (`guardrailPlan`). */
export interface OrganizationGuardrailProps {
  /** The policy, its type and the accounts it is attached to. */
  readonly guardrail: Guardrail;
}

/**
 * One AWS Organizations policy (SCP or RCP) attached to its target accounts
 * (DP-MINIMAL-SERVICES). The document is generated (`lib/guardrails`), never
 * written by hand; its size and the number of policies per target are
 * checked at synth (`CDB-OrganizationsPolicySize`,
 * `CDB-OrganizationsPoliciesPerTarget`). The policy type must be enabled on
 * the root first (no CloudFormation resource does it; README, Deploying the
 * organization layout).
 */
export class OrganizationGuardrail extends Construct {
  /** The policy. */
  public readonly policy: organizations.CfnPolicy;

  constructor(scope: Construct, id: string, props: OrganizationGuardrailProps) {
    super(scope, id);
    const { guardrail } = props;
    this.policy = new organizations.CfnPolicy(this, 'Policy', {
      name: guardrail.name,
      type: guardrail.type,
      description: guardrail.description,
      content: guardrail.document,
      targetIds: [...guardrail.targetIds],
    });
  }
}
