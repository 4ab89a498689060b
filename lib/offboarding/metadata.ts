import type { IConstruct } from 'constructs';
import type { OffboardingConfig } from '../model/schema';
import { OFFBOARDING_DEFAULTS } from '../defaults';
import { nearestMetadata } from '../model';

/**
 * The offboarding of the client whose stack holds a construct, as its
 * `ClientStack` (or its store) recorded it in metadata (CDM-3.7-DISPOSAL), or
 * `undefined` for clients in service and shared stacks.
 */
export function stackOffboarding(scope: IConstruct): OffboardingConfig | undefined {
  return nearestMetadata<OffboardingConfig>(scope, OFFBOARDING_DEFAULTS.metadata);
}
