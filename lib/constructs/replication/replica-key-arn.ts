import { Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, type IConstruct } from 'constructs';

/** Properties of a {@link ReplicaKeyArn}. */
export interface ReplicaKeyArnProps {
  /** Alias of the key in the other region, e.g. `alias/precision/acme/data`. */
  readonly alias: string;
  /** The ARN prefix of keys in that region and account, `arn:aws:kms:<region>:<account>:key/` (see `ClientNames.kmsKeyArnPrefix`). */
  readonly keyArnPrefix: string;
  /** The region the key is in. */
  readonly region: string;
}

/**
 * The key ARN of a client's key in another region, read at deploy time
 * (DP-MULTI-REGION). S3 replication needs the replica key by key ARN, and a
 * key id is random, so it cannot be derived like names are. This reads it
 * once per deployment with `kms:DescribeKey` on the key's fixed alias in the
 * replica region (an `AwsCustomResource`, whose handler ships with
 * aws-cdk-lib: no bundling) and builds the ARN from the derived region and
 * account plus the key id returned. It only reads: nothing is exported from
 * the replica stack, so nothing can lock it the way `crossRegionReferences`
 * does (aws-cdk #27902). The stack that uses it must depend on the stack that
 * owns the key.
 */
export class ReplicaKeyArn extends Construct {
  /** The key ARN: `<keyArnPrefix><key id>`, region and account literal in the template. */
  public readonly keyArn: string;
  /** The ARN prefix of keys in the key's region and account. */
  public readonly keyArnPrefix: string;

  constructor(scope: Construct, id: string, props: ReplicaKeyArnProps) {
    super(scope, id);
    this.keyArnPrefix = props.keyArnPrefix;
    const call: cr.AwsSdkCall = {
      service: 'KMS',
      action: 'DescribeKey',
      parameters: { KeyId: props.alias },
      region: props.region,
      physicalResourceId: cr.PhysicalResourceId.fromResponse('KeyMetadata.KeyId'),
      outputPaths: ['KeyMetadata.KeyId'],
    };
    const lookup = new cr.AwsCustomResource(this, 'DescribeKey', {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['kms:DescribeKey'],
          resources: [`${props.keyArnPrefix}*`],
          conditions: { StringEquals: { 'kms:RequestAlias': props.alias } },
        }),
      ]),
    });
    this.keyArn = Fn.join('', [props.keyArnPrefix, lookup.getResponseField('KeyMetadata.KeyId')]);
  }
}

/** Construct id of the singleton function behind every `AwsCustomResource` of a stack. */
export const PROVIDER_ID = `AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`;

/**
 * Matches, for acknowledgements only, the constructs `AwsCustomResource`
 * creates for {@link ReplicaKeyArn}: its singleton provider function with its
 * role and log group, and the lookup's own policy. Not a construct class.
 */
export abstract class ReplicaKeyArnProvider extends Construct {
  static [Symbol.hasInstance](node: unknown): boolean {
    if (!(node instanceof Construct)) return false;
    const isProvider = (c: IConstruct) => c instanceof lambda.Function && c.node.id === PROVIDER_ID;
    const scopes = (node as IConstruct).node.scopes;
    const underProvider = scopes.some(isProvider);
    const underLookup = scopes.some((c) => c instanceof ReplicaKeyArn);
    return (
      (underProvider || underLookup) &&
      (node instanceof lambda.Function || node instanceof iam.Role || node instanceof iam.Policy || node instanceof logs.LogGroup)
    );
  }
}
