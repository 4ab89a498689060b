import { ArnFormat, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, type IConstruct } from 'constructs';

/** Construct id of the singleton function behind every `AwsCustomResource` of a stack. */
export const PROVIDER_ID = `AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`;

/** What CloudWatch Logs does with a log group's key (AWS's documented key policy for log group encryption). */
export const LOGS_KEY_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'] as const;

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

  /**
   * Encrypts the log group of the lookup's provider function (the singleton
   * `AwsCustomResource` function of the stack) with a customer managed key of
   * the same stack (Control Tower CT.CLOUDWATCH.PR.3), and lets CloudWatch
   * Logs of the stack's region use that key for this log group only
   * (`kms:EncryptionContext:aws:logs:arn`).
   *
   * The log group is the one aws-cdk-lib creates for the function
   * (`@aws-cdk/aws-lambda:useCdkManagedLogGroup`): its key is set on it in
   * place, so its logical id and name stay as deployed (passing a log group of
   * our own to `AwsCustomResource` would replace it). The log holds the
   * lookup's requests and responses (a key id), never client data.
   *
   * @param key the key (in the same stack; e.g. the client's alert topic key, which already admits AWS services of the account)
   * @throws Error when the stack has no lookup function
   */
  public encryptLogs(key: kms.Key): void {
    const stack = Stack.of(this);
    const fn = stack.node.tryFindChild(PROVIDER_ID);
    if (!(fn instanceof lambda.Function)) {
      throw new Error(`${stack.node.path}: expected the AwsCustomResource provider function ${PROVIDER_ID}`);
    }
    // An app without aws-cdk-lib's `@aws-cdk/aws-lambda:useCdkManagedLogGroup` gives the provider no log group of
    // its own to encrypt. Never read `fn.logGroup` to find out: without one, the getter adds a LogRetention function.
    const logGroup = fn.node.tryFindChild('LogGroup');
    if (!(logGroup instanceof logs.LogGroup)) return;
    const cfnLogGroup = logGroup.node.defaultChild as logs.CfnLogGroup;
    cfnLogGroup.kmsKeyId = key.keyArn;
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'LookupLogsUseKey',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: [...LOGS_KEY_ACTIONS],
        resources: ['*'],
        conditions: {
          ArnEquals: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: `/aws/lambda/${fn.functionName}`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
  }
}

/**
 * Matches, for acknowledgements only, the constructs `AwsCustomResource`
 * creates for {@link ReplicaKeyArn}: its singleton provider function with its
 * role and log group, and the lookup's own policy. Not a construct class.
 */
export abstract class ReplicaKeyArnProvider extends Construct {
  static [Symbol.hasInstance](node: unknown): boolean {
    // The class first: the acknowledgement aspect asks every construct of the tree, and few are of these four.
    if (!(node instanceof lambda.Function || node instanceof iam.Role || node instanceof iam.Policy || node instanceof logs.LogGroup)) {
      return false;
    }
    const isProvider = (c: IConstruct) => c instanceof lambda.Function && c.node.id === PROVIDER_ID;
    const scopes = node.node.scopes;
    return scopes.some(isProvider) || scopes.some((c) => c instanceof ReplicaKeyArn);
  }
}
