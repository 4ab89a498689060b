import { type App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { AlertTopic, ClientMalwareScanning, FINDING_ROUTES, FindingAlerts } from '../../../../lib/internal';
import { BUCKET, dataStack, detectionStack, ENV, findings } from './fixtures';

describe('CDB-DetectionFindingsRouted', () => {
  const rule = 'CDB-DetectionFindingsRouted';
  test('compliant: every source of the baseline detection stack, and the client’s malware plans', () => {
    expect(findings(rule, (app) => void detectionStack(app))).toEqual([]);
    expect(
      findings(rule, (app) => {
        const { stack, bucket, key } = dataStack(app);
        const topic = new AlertTopic(stack, 'Alerts', { emails: ['a@example.com'] }).topic;
        new ClientMalwareScanning(stack, 'M', { clientId: 'acme', key, region: 'eu-west-1', buckets: { records: BUCKET }, topic }).protect(
          'records',
          bucket,
        );
      }),
    ).toEqual([]);
  });

  /** A detection stack whose routes are built by `route` instead of the baseline's. */
  const routedBy = (route: (stack: Stack, topic: sns.ITopic) => void) => (app: App) => {
    const stack = new Stack(app, 'S', { env: ENV });
    const topic = new AlertTopic(stack, 'Alerts', { emails: ['a@example.com'] }).topic;
    new guardduty.CfnDetector(stack, 'D', { enable: true });
    route(stack, topic);
  };

  test('non-compliant: no rule; a narrower pattern; a disabled rule', () => {
    expect(
      findings(
        rule,
        routedBy(() => undefined),
      ),
    ).toEqual([`${rule} S/D`]);
    const guardDuty = FINDING_ROUTES[0];
    expect(
      findings(
        rule,
        routedBy(
          (stack, topic) =>
            new FindingAlerts(stack, 'F', {
              topic,
              routes: [{ ...guardDuty, pattern: { ...guardDuty.pattern, detail: { severity: [{ numeric: ['>=', 7] }] } } }],
            }),
        ),
      ),
    ).toEqual([`${rule} S/D`]);
    expect(
      findings(
        rule,
        routedBy((stack, topic) => {
          const alerts = new FindingAlerts(stack, 'F', { topic, routes: [guardDuty] });
          (alerts.rules[guardDuty.id].node.defaultChild as events.CfnRule).state = 'DISABLED';
        }),
      ),
    ).toEqual([`${rule} S/D`]);
  });

  test('non-compliant: a rule to an unencrypted topic, or to a topic that does not admit the rule by ARN', () => {
    const pattern = FINDING_ROUTES[0].pattern;
    const eventPattern = { source: [...pattern.source], detailType: [...pattern['detail-type']], detail: pattern.detail };
    expect(
      findings(
        rule,
        routedBy((stack) => new events.Rule(stack, 'R', { eventPattern, targets: [new targets.SnsTopic(new sns.Topic(stack, 'Plain'))] })),
      ),
    ).toEqual([`${rule} S/D`]);
    expect(
      findings(
        rule,
        routedBy((stack, topic) => new events.Rule(stack, 'R', { eventPattern, targets: [new targets.SnsTopic(topic)] })),
      ),
    ).toEqual([`${rule} S/D`]);
  });

  test('non-compliant: a malware plan whose bucket’s threats are not routed', () => {
    expect(
      findings(rule, (app) => {
        const { stack, key } = dataStack(app);
        const topic = new AlertTopic(stack, 'Alerts', { emails: ['a@example.com'] }).topic;
        const m = new ClientMalwareScanning(stack, 'M', {
          clientId: 'acme',
          key,
          region: 'eu-west-1',
          buckets: { records: BUCKET },
          topic,
        });
        m.node.tryRemoveChild('Findings');
      }),
    ).toEqual([`${rule} Data/M/records/Plan`]);
  });
});
