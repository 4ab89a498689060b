import * as iam from 'aws-cdk-lib/aws-iam';
import { KMS_ADMIN_ACTIONS } from '../../access';

/**
 * The key policy statement every baseline key starts with: the account (its
 * privileged IAM roles) may administer the key, which keeps it manageable as
 * KMS requires, but not use it (DP-KEY-ADMIN).
 */
export function keyAdministrationStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'KeyAdministrationNotUse',
    principals: [new iam.AccountRootPrincipal()],
    actions: [...KMS_ADMIN_ACTIONS],
    resources: ['*'],
  });
}
