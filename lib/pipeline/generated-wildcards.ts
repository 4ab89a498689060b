import { Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { nagFindingValue } from '../nag';

/** The action wildcards of aws-cdk-lib's bucket and key grants (`grantReadWrite`, `grantEncryptDecrypt`). */
export const CDK_GRANT_ACTION_WILDCARDS = [
  's3:Abort*',
  's3:DeleteObject*',
  's3:GetBucket*',
  's3:GetObject*',
  's3:List*',
  'kms:GenerateDataKey*',
  'kms:ReEncrypt*',
] as const;

interface PolicyStatementJson {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly Resource?: unknown;
}

/**
 * The wildcard findings (`AwsSolutions-IAM5`, as cdk-nag words them) of a
 * policy that CDK Pipelines generates for one of the pipeline's roles, which
 * are the ones it is expected to have: aws-cdk-lib's grant actions, objects of
 * the pipeline's artifact stores, its CodeBuild log and report groups, the
 * versions of the functions it generates (`grantInvoke`), the
 * account's roles (CDK's bootstrap roles, by tag) and `*` (which the
 * pipeline's Deny statements confine, see `denyClientData`). Any other
 * wildcard is left to fail the check.
 *
 * @returns e.g. `Action::s3:GetObject*`, `Resource::<PipelineArtifactsBucketAEA9A052.Arn>/*`
 */
export function expectedPipelineWildcards(policy: iam.Policy | iam.ManagedPolicy): string[] {
  const stack = Stack.of(policy);
  const owner = policy.node.scopes.find((s): s is pipelines.CodePipeline => s instanceof pipelines.CodePipeline);
  if (owner === undefined) return [];
  const codePipeline = owner.pipeline;
  const stores = [codePipeline.artifactBucket, ...Object.values(codePipeline.crossRegionSupport).map((s) => s.replicationBucket)];
  // Resolved in the policy's stack: a store in another region's support stack resolves to its generated name.
  const storeArns = stores.map((bucket) => nagFindingValue(stack.resolve(bucket.bucketArn)));
  // Functions CDK Pipelines generates (the permission check's auto-approve), invoked through grantInvoke: `<function ARN>:*`.
  const functionArns = owner.node
    .findAll()
    .filter((c): c is lambda.Function => c instanceof lambda.Function)
    .map((fn) => nagFindingValue(stack.resolve(fn.functionArn)));
  const { account, region } = stack;
  const expectedResource = (resource: string) =>
    resource === '*' ||
    storeArns.some((arn) => resource === `${arn}/*`) ||
    functionArns.some((arn) => resource === `${arn}:*`) ||
    resource === `arn:*:iam::${account}:role/*` ||
    resource.startsWith(`arn:aws:codebuild:${region}:${account}:report-group/`) ||
    resource.startsWith(`arn:aws:logs:${region}:${account}:log-group:/aws/codebuild/`);
  const document = stack.resolve((policy.node.defaultChild as iam.CfnPolicy | iam.CfnManagedPolicy).policyDocument) as {
    Statement?: PolicyStatementJson[];
  };
  const findings = new Set<string>();
  for (const statement of (document.Statement ?? []).filter((s) => s.Effect === 'Allow')) {
    for (const action of ([] as string[]).concat(statement.Action ?? [])) {
      if ((CDK_GRANT_ACTION_WILDCARDS as readonly string[]).includes(action)) findings.add(`Action::${action}`);
    }
    for (const resource of ([] as unknown[]).concat(statement.Resource ?? []).map((r) => nagFindingValue(r))) {
      if (resource.includes('*') && expectedResource(resource)) findings.add(`Resource::${resource}`);
    }
  }
  return [...findings].sort();
}
