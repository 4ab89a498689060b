import { detectionSettings, featureEnabled, securityStackName } from '../detection';
import { auditStackName, type BaselineConfig, pipelineName } from '../model';
import type { ShardContents } from './shards';

/** A stack of another pipeline that must be deployed before a pipeline's first stage. */
export interface StackPrerequisite {
  /** Its CloudFormation stack name. */
  readonly stackName: string;
  /** Its account. */
  readonly account: string;
  /** Its region. */
  readonly region: string;
  /** Why it is needed. */
  readonly reason: string;
  /** The pipeline that deploys it. */
  readonly pipeline: string;
}

/**
 * The first pipeline's stacks that a pipeline deploying detection stacks
 * without them needs deployed first: the stack holding the configuration
 * history bucket AWS Config delivers to (the audit stack, after the log
 * archive; Config refuses a delivery channel to a bucket that does not
 * exist), and in the security-account form the home region's security stack
 * (the organization's detection administration). None when the pipeline
 * deploys them itself or deploys no detection stack.
 */
export function sharedPrerequisites(
  config: BaselineConfig,
  contents: Pick<ShardContents, 'audit' | 'detectionAccounts'>,
): StackPrerequisite[] {
  const { provider } = config;
  if (contents.audit || contents.detectionAccounts.length === 0) return [];
  const prerequisites: StackPrerequisite[] = [];
  if (featureEnabled(provider, 'posture')) {
    prerequisites.push({
      stackName: auditStackName(provider),
      account: provider.account,
      region: provider.homeRegion,
      reason: 'AWS Config delivers to the configuration history bucket, which the first pipeline deploys',
      pipeline: pipelineName(provider, 0),
    });
  }
  const security = detectionSettings(provider).securityAccount;
  if (security !== undefined) {
    prerequisites.push({
      stackName: securityStackName(provider, provider.homeRegion),
      account: security,
      region: provider.homeRegion,
      reason: "the security account administers the organization's detection",
      pipeline: pipelineName(provider, 0),
    });
  }
  return prerequisites;
}
