/**
 * The example with every pack on (one full synthesis): no findings, and the
 * "bucket does not replicate" acknowledgement sits on replica buckets only,
 * never on a primary dataset bucket (DP-MULTI-REGION).
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { addBaselineStacks, applyPolicyChecks, type BaselineStacks, createApp } from '../../lib/internal';
import { exampleConfig } from '../util';

const REPLICATION_ACKS = [
  'HIPAA.Security-S3BucketReplicationEnabled',
  'NIST.800.53.R5-S3BucketReplicationEnabled',
  'PCI.DSS.321-S3BucketReplicationEnabled',
];

/** Rule ids acknowledged on a construct itself. */
function acknowledged(node: IConstruct): string[] {
  return node.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.keys(m.data as object))
    .map((id) => id.replace(/^[^:]+::/, ''));
}

describe('the example with every policy check on', () => {
  let stacks: BaselineStacks;

  beforeAll(() => {
    const app = createApp();
    stacks = addBaselineStacks(app, exampleConfig());
    applyPolicyChecks(app);
    app.synth(); // throws on any unacknowledged finding
  });

  test('primary dataset buckets are not excused from replicating; replicas are, with a reason', () => {
    for (const { data, replica } of Object.values(stacks.clients)) {
      for (const bucket of Object.values(data.buckets)) {
        expect(acknowledged(bucket.node.defaultChild as IConstruct)).not.toEqual(
          expect.arrayContaining([expect.stringMatching(/S3BucketReplicationEnabled/)]),
        );
      }
      for (const bucket of Object.values(replica.buckets)) {
        expect(acknowledged(bucket.node.defaultChild as IConstruct)).toEqual(expect.arrayContaining(REPLICATION_ACKS));
      }
    }
  });

  test('the replication role’s object-level resources are acknowledged one by one, never by a wildcard', () => {
    const [policy] = stacks.clients.acme.data.replicationRole.policies;
    expect(
      acknowledged(policy.node.defaultChild as IConstruct)
        .filter((id) => id.startsWith('AwsSolutions-IAM5'))
        .sort(),
    ).toEqual([
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::precision-acme-billing-111111111111-eu-central-1/*]',
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::precision-acme-billing-111111111111-eu-west-1/*]',
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::precision-acme-records-111111111111-eu-central-1/*]',
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::precision-acme-records-111111111111-eu-west-1/*]',
    ]);
  });

  test("the replica key lookup's provider role (a class asked construct by construct) is acknowledged; the stack's other roles are not", () => {
    const IAM4 = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';
    for (const { data } of Object.values(stacks.clients)) {
      const provider = data.node.findAll().find((c) => c.node.id === 'AWS679f53fac002430cb0da5b7982bd2287');
      const role = provider?.node.tryFindChild('ServiceRole')?.node.defaultChild as IConstruct;
      expect(acknowledged(role)).toContain(IAM4);
      // the replication role, visited first, is a Role too: the same class, not under the provider
      expect(acknowledged(data.replicationRole.node.defaultChild as IConstruct)).not.toContain(IAM4);
    }
  });
});
