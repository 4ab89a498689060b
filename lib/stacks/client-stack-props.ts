import type { StackProps } from 'aws-cdk-lib';
import type { ClientConfig, ProviderConfig } from '../model';

/** What every per-client stack is built from. */
export interface ClientStackPropsBase extends StackProps {
  /** Provider-wide settings. */
  readonly provider: ProviderConfig;
  /** The client this stack belongs to; nothing of another client goes in it. */
  readonly client: ClientConfig;
}
