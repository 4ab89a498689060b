import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { guardrailPlan } from '../guardrails/policies';
import { type BaselineConfig, guardrailsStackName, MANAGED_BY, TAG_KEYS } from '../model';
import { OrganizationGuardrail } from '../constructs/guardrails';

/** Properties of an {@link OrganizationGuardrailsStack}. */
export interface OrganizationGuardrailsStackProps extends StackProps {
  /** The validated configuration, in organization mode (`provider.guardrails`). */
  readonly config: BaselineConfig;
}

/**
 * The organization's guardrails (DP-MINIMAL-SERVICES, DP-IDS-INDEPENDENT,
 * BKP-BLAST-RADIUS): a region SCP per client account, the SCP that keeps the
 * trail, detection and backups on, and the data perimeter RCP. Organizations
 * policies are global, so exactly one stack holds them, in `provider.account`
 * (the management account or the delegated policy administrator) and the home
 * region. Construct ids are the policies' names, never positions.
 */
export class OrganizationGuardrailsStack extends Stack {
  /** The guardrails by policy name. */
  public readonly guardrails: Readonly<Record<string, OrganizationGuardrail>>;

  constructor(scope: Construct, id: string, props: OrganizationGuardrailsStackProps) {
    const { provider } = props.config;
    super(scope, id, {
      ...props,
      env: { account: provider.account, region: provider.homeRegion },
      stackName: guardrailsStackName(provider),
      description: 'Organization guardrails: service and resource control policies - client-data-baseline',
      terminationProtection: true,
    });
    Tags.of(this).add(TAG_KEYS.managedBy, MANAGED_BY);
    const guardrails: Record<string, OrganizationGuardrail> = {};
    for (const guardrail of guardrailPlan(props.config)) {
      guardrails[guardrail.name] = new OrganizationGuardrail(this, guardrail.name, { guardrail });
    }
    this.guardrails = guardrails;
  }
}
