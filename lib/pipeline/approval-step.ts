import * as pipelines from 'aws-cdk-lib/pipelines';

/**
 * A `ManualApprovalStep` whose comment or review link may name a variable
 * of an earlier step (e.g. {@link DiffStep.runLink}): CDK Pipelines
 * namespaces a step's variables only when a consuming step declares them,
 * which `ManualApprovalStep` does not. It also makes the approval wait for
 * that step.
 */
export class ReviewApprovalStep extends pipelines.ManualApprovalStep {
  constructor(id: string, props: pipelines.ManualApprovalStepProps) {
    super(id, props);
    this.discoverReferencedOutputs({ comment: props.comment, reviewUrl: props.reviewUrl });
  }
}
