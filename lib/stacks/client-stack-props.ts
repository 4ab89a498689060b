import type { StackProps } from 'aws-cdk-lib';
import type { ClientConfig, ClientNames, ProviderConfig } from '../model';

/** What every per-client stack is built from. */
export interface ClientStackPropsBase extends StackProps {
  /** Provider-wide settings. */
  readonly provider: ProviderConfig;
  /** The client this stack belongs to; nothing of another client goes in it. */
  readonly client: ClientConfig;
  /**
   * The client's names, when the caller has derived them already (the
   * baseline derives them once per client for all its stacks).
   *
   * @default - derived from `provider` and `client`
   */
  readonly names?: ClientNames;
}
