/** Acknowledgements are recorded once per construct, without a stack trace, and read exactly as `Validations.acknowledge`'s. */
import { Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledgeAll, acknowledgeKnownFindings } from '../../lib/internal';
import { exampleConfig, plainApp } from '../util';
import { addBaselineStacks } from '../../lib/internal';

const KEY = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
const IDS = {
  'AwsSolutions-S1': 'a log target',
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::b/*]': 'objects of its own bucket',
};

describe('acknowledgeAll', () => {
  test('records what Validations.acknowledge records (same keys and reasons), in one entry without a trace', () => {
    const app = plainApp();
    const stack = new Stack(app, 'S');
    const stock = new s3.CfnBucket(stack, 'Stock');
    const ours = new s3.CfnBucket(stack, 'Ours');
    for (const [id, reason] of Object.entries(IDS)) Validations.of(stock).acknowledge({ id, reason });
    acknowledgeAll(
      ours,
      Object.entries(IDS).map(([id, reason]) => ({ id, reason })),
    );
    const entries = (c: s3.CfnBucket) => c.node.metadata.filter((m) => m.type === KEY);
    expect(entries(stock)).toHaveLength(2);
    expect(entries(stock).every((m) => (m.trace ?? []).length > 0)).toBe(true);
    expect(entries(ours)).toHaveLength(1);
    expect(entries(ours)[0].trace).toBeUndefined();
    expect(entries(ours)[0].data).toEqual(Object.assign({}, ...entries(stock).map((m) => m.data)));
  });

  test('the example: one acknowledgement entry per construct, none with a trace, the same 0 findings', () => {
    const app = plainApp();
    addBaselineStacks(app, exampleConfig());
    acknowledgeKnownFindings(app);
    app.synth();
    const withAcks = app.node.findAll().filter((c) => c.node.metadata.some((m) => m.type === KEY));
    expect(withAcks.length).toBeGreaterThan(10);
    for (const c of withAcks) {
      const entries = c.node.metadata.filter((m) => m.type === KEY);
      const ids = entries.flatMap((m) => Object.keys(m.data as object));
      // A second entry only for an id acknowledged again with another reason.
      expect(entries.length).toBe(Math.max(...ids.map((id) => ids.filter((x) => x === id).length)));
      expect(entries.every((m) => m.trace === undefined)).toBe(true);
    }
  });
});
