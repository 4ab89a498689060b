import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { TAG_KEYS } from '../model';

/** The S3 buckets the pipeline's own roles may use: its artifact stores and CDK's bootstrap asset buckets. */
export interface ClientDataGuardProps {
  /** ARNs of the pipeline's artifact buckets, one per region. */
  readonly artifactBucketArns: readonly string[];
}

/** ARN pattern of CDK's bootstrap asset buckets (default qualifier), which the pipeline publishes assets to. */
export const CDK_ASSET_BUCKETS = `arn:aws:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-*`;

/**
 * Keeps one of the pipeline's own roles away from client data, whatever
 * aws-cdk-lib grants it (CDK Pipelines grants some actions on `*`, e.g.
 * `kms:Decrypt` for the cross-region keys and `s3:ListBucket` for
 * self-mutation): it may use S3 only on the artifact stores and CDK's asset
 * buckets, and no KMS key that belongs to a client (tagged `client-id`).
 * Deployments themselves run as CDK's bootstrap roles in each account
 * (CDM-3.3-TENANT-ISOLATION, CDM-3.2-LEAST-PRIV).
 */
export function denyClientData(role: iam.Role, props: ClientDataGuardProps): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'DenyS3OutsideArtifactStores',
      effect: iam.Effect.DENY,
      actions: ['s3:*'],
      notResources: [...props.artifactBucketArns.flatMap((arn) => [arn, `${arn}/*`]), CDK_ASSET_BUCKETS, `${CDK_ASSET_BUCKETS}/*`],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'DenyClientKeys',
      effect: iam.Effect.DENY,
      actions: ['kms:*'],
      resources: ['*'],
      conditions: { Null: { [`aws:ResourceTag/${TAG_KEYS.clientId}`]: 'false' } },
    }),
  );
}
