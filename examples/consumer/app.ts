import { App, Stack } from 'aws-cdk-lib';
import { AccountDetection, applyPolicyChecks, ClientDataStore, ClientReplicaStore, parseConfig } from 'client-data-baseline';

// One client, described as in the baseline's YAML and validated the same way (every problem listed).
const config = parseConfig(
  {
    provider: { name: 'myteam', account: '111111111111', homeRegion: 'eu-west-1', alerts: { emails: ['oncall@example.com'] } },
    clients: [
      {
        id: 'acme',
        name: 'Acme Health',
        regions: { primary: 'eu-west-1', replica: 'eu-central-1', allowed: ['eu-west-1', 'eu-central-1'] },
        datasets: [{ name: 'records', classification: 'phi', tier: 'critical' }],
      },
    ],
  },
  'myteam',
);
const [acme] = config.clients;

const app = new App();
// The team's own stacks, in the client's account: one in its replica region, one in its primary region.
const replicas = new Stack(app, 'MyTeamReplicas', { env: { account: '111111111111', region: 'eu-central-1' } });
const data = new Stack(app, 'MyTeamData', { env: { account: '111111111111', region: 'eu-west-1' } });
data.addStackDependency(replicas, 'S3 refuses a replication rule whose destination bucket does not exist yet');

// Replica key, replica bucket, backup copy vault; then key, bucket replicating into the replica, backups, RTO tags, alerts.
new ClientReplicaStore(replicas, 'Acme', { provider: config.provider, client: acme });
new ClientDataStore(data, 'Acme', { provider: config.provider, client: acme });
// Detection of each account and region that holds client data (GuardDuty, Config and Security Hub, Access Analyzer,
// Macie, finding alerts): one each, never one per client; exactly one of an account records IAM's global types.
new AccountDetection(replicas, 'Detection', { provider: config.provider, recordsGlobalTypes: false });
new AccountDetection(data, 'Detection', { provider: config.provider, recordsGlobalTypes: true });

applyPolicyChecks(app); // the standard cdk-nag packs, this baseline's pack, the stack limits and the isolation proof
app.synth(); // a finding fails here
