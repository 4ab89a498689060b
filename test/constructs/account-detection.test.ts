/**
 * AccountDetection in a team's own stack: the detection of one account and
 * region, its features turned off with a reason or left out where AWS does
 * not offer them, recorded as the checks read it.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AccountDetection, ClientDataBaselineChecks, ClientDataStore, ClientReplicaStore, parseConfig } from '../../lib';

const configWith = (detection?: Record<string, unknown>) =>
  parseConfig(
    {
      provider: {
        name: 'myteam',
        account: '111111111111',
        homeRegion: 'eu-west-1',
        alerts: { emails: ['oncall@example.com'] },
        ...(detection === undefined ? {} : { detection }),
      },
      clients: [
        {
          id: 'acme',
          name: 'Acme Health',
          regions: { primary: 'eu-west-1', replica: 'eu-central-1', allowed: ['eu-west-1', 'eu-central-1'] },
          datasets: [{ name: 'records', classification: 'phi', tier: 'critical' }],
        },
      ],
    },
    'test',
  );
const env = (region: string) => ({ account: '111111111111', region });

/** The baseline pack's findings of an app, as `<rule> <path>` lines. */
function findings(app: App): string[] {
  app.synth();
  return new ClientDataBaselineChecks()
    .validateScope(app)
    .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`))
    .sort();
}

describe('AccountDetection', () => {
  test('builds each service once, its findings routed to an encrypted topic; Config delivers to the provider’s history bucket', () => {
    const app = new App();
    const stack = new Stack(app, 'Team', { env: env('eu-west-1') });
    new AccountDetection(stack, 'Detection', { provider: configWith().provider, recordsGlobalTypes: true });
    const t = Template.fromStack(stack);
    for (const type of ['AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub', 'AWS::Config::ConfigurationRecorder', 'AWS::Macie::Session'])
      t.resourceCountIs(type, 1);
    t.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 1);
    t.resourceCountIs('AWS::IAM::ServiceLinkedRole', 1);
    t.hasResourceProperties('AWS::Config::DeliveryChannel', { S3BucketName: '111111111111-myteam-config-eu-west-1' });
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: {} });
    expect(findings(app)).toEqual([]);
  });

  test('a second region of the account records no global types and creates no service-linked role', () => {
    const app = new App();
    const stack = new Stack(app, 'Team', { env: env('eu-central-1') });
    new AccountDetection(stack, 'Detection', {
      provider: configWith().provider,
      recordsGlobalTypes: false,
      configDeliveryBucketName: 'their-bucket',
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::ServiceLinkedRole', 0);
    t.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: false },
    });
    t.hasResourceProperties('AWS::Config::DeliveryChannel', { S3BucketName: 'their-bucket' });
  });

  test('a feature turned off with a reason is left out and recorded, and the stores’ buckets are judged with it off', () => {
    const config = configWith({ sensitiveDataDiscovery: { enabled: false, reason: 'Sampled by the client’s own DLP (CHG-7).' } });
    const app = new App();
    const replicas = new Stack(app, 'TeamReplicas', { env: env('eu-central-1') });
    const data = new Stack(app, 'TeamData', { env: env('eu-west-1') });
    data.addStackDependency(replicas, 'replication');
    new ClientReplicaStore(replicas, 'Acme', { provider: config.provider, client: config.clients[0] });
    new ClientDataStore(data, 'Acme', { provider: config.provider, client: config.clients[0] });
    new AccountDetection(replicas, 'Detection', { provider: config.provider, recordsGlobalTypes: false });
    new AccountDetection(data, 'Detection', { provider: config.provider, recordsGlobalTypes: true });
    Template.fromStack(data).resourceCountIs('AWS::Macie::Session', 0);
    expect(data.node.metadata.filter((m) => m.type === 'cdb:detection-off').map((m) => m.data)).toEqual([
      { sensitiveDataDiscovery: 'Sampled by the client’s own DLP (CHG-7).' },
    ]);
    expect(findings(app)).toEqual([]);
  });

  test('without one in a store’s account and region, the store’s buckets are refused the coverage controls there', () => {
    const config = configWith();
    const app = new App();
    const replicas = new Stack(app, 'TeamReplicas', { env: env('eu-central-1') });
    const data = new Stack(app, 'TeamData', { env: env('eu-west-1') });
    data.addStackDependency(replicas, 'replication');
    new ClientReplicaStore(replicas, 'Acme', { provider: config.provider, client: config.clients[0] });
    new ClientDataStore(data, 'Acme', { provider: config.provider, client: config.clients[0] });
    new AccountDetection(data, 'Detection', { provider: config.provider, recordsGlobalTypes: true });
    expect(findings(app)).toEqual(
      ['AccessAnalyzer', 'GuardDuty', 'Macie', 'Posture'].map((r) => `CDB-${r}CoversClientData TeamReplicas/Acme/Replica-records/Resource`),
    );
  });

  test('where AWS does not offer Macie, leaves it out and records why', () => {
    const app = new App();
    const stack = new Stack(app, 'Team', { env: env('ca-west-1') });
    new AccountDetection(stack, 'Detection', { provider: configWith().provider, recordsGlobalTypes: true });
    Template.fromStack(stack).resourceCountIs('AWS::Macie::Session', 0);
    expect(stack.node.metadata.filter((m) => m.type === 'cdb:detection-unavailable').map((m) => m.data)).toEqual([
      { sensitiveDataDiscovery: 'not offered by AWS in ca-west-1' },
    ]);
  });

  test('an environment-agnostic stack is refused, with what was received', () => {
    const app = new App();
    expect(
      () => new AccountDetection(new Stack(app, 'Agnostic'), 'Detection', { provider: configWith().provider, recordsGlobalTypes: true }),
    ).toThrow(/AccountDetection Agnostic\/Detection: the stack must have an account and region \(env\); received account \$\{Token/);
  });
});
