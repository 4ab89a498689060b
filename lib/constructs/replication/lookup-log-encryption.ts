import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { PROVIDER_ID } from './replica-key-arn';

/** What CloudWatch Logs does with a log group's key (AWS's documented key policy for log group encryption). */
export const LOGS_KEY_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'] as const;

/**
 * Encrypts the log group of the replica-key lookup's provider function (the
 * singleton `AwsCustomResource` function of the stack, see `ReplicaKeyArn`)
 * with a customer managed key of the same stack (Control Tower
 * CT.CLOUDWATCH.PR.3), and lets CloudWatch Logs of the stack's region use
 * that key for this log group only (`kms:EncryptionContext:aws:logs:arn`).
 *
 * The log group is the one aws-cdk-lib creates for the function
 * (`@aws-cdk/aws-lambda:useCdkManagedLogGroup`): its key is set on it in
 * place, so its logical id and name stay as deployed (passing a log group of
 * our own to `AwsCustomResource` would replace it). The log holds the
 * lookup's requests and responses (a key id), never client data.
 *
 * @param scope a construct in the stack that holds the lookup, after the lookup was added
 * @param key the key (in the same stack; e.g. the client's alert topic key, which already admits AWS services of the account)
 * @throws Error when the stack has no lookup function
 */
export function encryptLookupLogs(scope: Construct, key: kms.Key): void {
  const stack = Stack.of(scope);
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
