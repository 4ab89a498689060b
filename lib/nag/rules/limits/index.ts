export { default as CloudTrailSelectorLimits } from './CloudTrailSelectorLimits';
export { default as IamManagedPolicySize } from './IamManagedPolicySize';
export { default as IamRoleInlinePoliciesSize } from './IamRoleInlinePoliciesSize';
export { default as IamRoleManagedPolicyCount } from './IamRoleManagedPolicyCount';
export { default as IamTrustPolicySize } from './IamTrustPolicySize';
export { default as KmsKeyPolicySize } from './KmsKeyPolicySize';
export { default as S3BucketPolicySize } from './S3BucketPolicySize';
export { default as SnsTopicPolicySize } from './SnsTopicPolicySize';
