import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { OffboardingConfig } from '../model/schema';
import { OFFBOARDING_DEFAULTS } from '../defaults';

/**
 * The offboarding of the client whose stack holds a construct, as its
 * `ClientStack` recorded it in stack metadata (CDM-3.7-DISPOSAL), or
 * `undefined` for clients in service and shared stacks.
 */
export function stackOffboarding(scope: IConstruct): OffboardingConfig | undefined {
  const entry = Stack.of(scope).node.metadata.find((m) => m.type === OFFBOARDING_DEFAULTS.metadata);
  return entry?.data as OffboardingConfig | undefined;
}
