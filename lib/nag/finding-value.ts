import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';

/**
 * A resolved template value as cdk-nag words it in a finding id (for example
 * `<PipelineArtifactsBucketAEA9A052.Arn>/*`), so that an acknowledgement of
 * one finding names it exactly. The one place that reads cdk-nag's internals.
 */
export function nagFindingValue(value: unknown): string {
  return flattenCfnReference(value);
}
