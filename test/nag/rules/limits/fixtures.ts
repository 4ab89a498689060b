/** Shared setup of the deploy-time limit rule tests. */
import * as iam from 'aws-cdk-lib/aws-iam';

/** A statement of about `bytes` bytes (a long list of distinct ARNs). */
export function bigStatement(sid: string, bytes: number, resourcePrefix = 'arn:aws:s3:::bucket'): iam.PolicyStatement {
  const count = Math.ceil(bytes / 25);
  return new iam.PolicyStatement({
    sid,
    actions: ['s3:GetObject'],
    principals: [new iam.AccountPrincipal('111111111111')],
    resources: Array.from({ length: count }, (_, i) => `${resourcePrefix}-${String(i).padStart(6, '0')}/*`),
  });
}
