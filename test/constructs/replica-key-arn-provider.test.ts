/**
 * `ReplicaKeyArnProvider` is not a class of constructs but a test of where a
 * construct is: the lookup's provider function (aws-cdk-lib's singleton), its
 * role and log group, and the lookup's own policy. The acknowledgements that
 * name it (DP-MULTI-REGION) must land on those and nothing else.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { addBaselineStacks, createApp, PROVIDER_ID, ReplicaKeyArnProvider } from '../../lib/internal';
import { exampleConfig } from '../util';

describe('ReplicaKeyArnProvider', () => {
  const app = createApp();
  const stacks = addBaselineStacks(app, exampleConfig());
  const [first] = Object.values(stacks.clients);
  const data = first.data;
  const providers = data.node.findAll().filter((c) => c instanceof ReplicaKeyArnProvider);
  const relative = (path: string) => path.slice(data.node.path.length + 1);

  test('is the provider function, its role and log group, and the lookup policy of a data stack: nothing else', () => {
    expect(providers.map((c) => relative(c.node.path)).sort()).toEqual([
      PROVIDER_ID,
      `${PROVIDER_ID}/LogGroup`,
      `${PROVIDER_ID}/ServiceRole`,
      'Default/ReplicaKeyArn/DescribeKey/CustomResourcePolicy',
    ]);
    expect(providers.map((c) => c.constructor.name).sort()).toEqual(
      [lambda.Function.name, logs.LogGroup.name, iam.Role.name, iam.Policy.name].sort(),
    );
  });

  test('refuses the same classes elsewhere, and other classes under the provider', () => {
    const stack = new Stack(createApp(), 'Other');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const log = new logs.LogGroup(stack, 'Log');
    expect(role instanceof ReplicaKeyArnProvider).toBe(false);
    expect(log instanceof ReplicaKeyArnProvider).toBe(false);
    const provider = providers.find((c) => c instanceof lambda.Function)!;
    const bucket = new s3.Bucket(provider, 'NotAProviderPart');
    expect(bucket instanceof ReplicaKeyArnProvider).toBe(false);
    expect((provider.node.defaultChild as object) instanceof ReplicaKeyArnProvider).toBe(false); // the L1 CfnFunction
    expect({} instanceof ReplicaKeyArnProvider).toBe(false);
  });
});
