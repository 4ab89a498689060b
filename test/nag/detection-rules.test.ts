import { type App, Stack, Tags } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as config from 'aws-cdk-lib/aws-config';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as macie from 'aws-cdk-lib/aws-macie';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  AlertTopic,
  ClientDataBaselineChecks,
  ClientMalwareScanning,
  DETECTION_OFF_METADATA,
  DETECTION_UNAVAILABLE_METADATA,
  ExternalAccessAnalyzer,
  FINDING_ROUTES,
  FindingAlerts,
  offeredIn,
  PostureAssessment,
  SensitiveDataDiscovery,
  ThreatDetection,
} from '../../lib/internal';
import { plainApp } from '../util';

const ENV = { account: '111111111111', region: 'eu-west-1' };
const BUCKET = 'precision-acme-records-111111111111-eu-west-1';

/** The findings of one rule over an app, as `<rule> <path>` lines. */
function findings(ruleId: string, build: (app: App) => void): string[] {
  const app = plainApp();
  build(app);
  app.synth();
  return new ClientDataBaselineChecks()
    .validateScope(app)
    .violations.filter((v) => v.ruleName === ruleId)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`));
}

/** A client stack with one dataset bucket. */
function dataStack(app: App, env = ENV, id = 'Data'): { stack: Stack; bucket: s3.Bucket; key: kms.Key } {
  const stack = new Stack(app, id, { env });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const bucket = new s3.Bucket(stack, 'Dataset', { bucketName: BUCKET.replace('eu-west-1', env.region), encryptionKey: key });
  Tags.of(bucket).add('dataset', 'records');
  Tags.of(stack).add('client-id', 'acme');
  return { stack, bucket, key };
}

const posture = (stack: Stack, recordsGlobalTypes = true) =>
  new PostureAssessment(stack, 'Posture', {
    recorderName: 'precision-recorder',
    deliveryChannelName: 'precision-delivery',
    deliveryBucketName: 'config-history',
    deliveryKeyPrefix: 'config',
    recordsGlobalTypes,
  });

/** A detection stack with everything on, in an account and region. */
function detectionStack(app: App, env = ENV, id = 'Detection'): Stack {
  const stack = new Stack(app, id, { env });
  const topic = new AlertTopic(stack, 'Alerts', { emails: ['secops@example.com'] }).topic;
  new ThreatDetection(stack, 'ThreatDetection');
  posture(stack);
  new ExternalAccessAnalyzer(stack, 'AccessAnalyzer', { analyzerName: 'precision-external-access' });
  new SensitiveDataDiscovery(stack, 'Macie');
  new FindingAlerts(stack, 'Findings', { topic, routes: FINDING_ROUTES });
  return stack;
}

describe('CDB-GuardDutyS3ProtectionEnabled', () => {
  const rule = 'CDB-GuardDutyS3ProtectionEnabled';
  test('compliant: the baseline detector', () => {
    expect(findings(rule, (app) => new ThreatDetection(new Stack(app, 'S', { env: ENV }), 'T'))).toEqual([]);
  });
  test.each([
    [
      'disabled',
      { enable: false, findingPublishingFrequency: 'FIFTEEN_MINUTES', features: [{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }] },
    ],
    ['legacy data sources', { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES', dataSources: { s3Logs: { enable: true } } }],
    [
      'exported every six hours',
      { enable: true, findingPublishingFrequency: 'SIX_HOURS', features: [{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }] },
    ],
    [
      'S3 Protection off',
      { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES', features: [{ name: 'S3_DATA_EVENTS', status: 'DISABLED' }] },
    ],
  ])('non-compliant: %s', (_name, props) => {
    expect(findings(rule, (app) => new guardduty.CfnDetector(new Stack(app, 'S', { env: ENV }), 'D', props))).toEqual([`${rule} S/D`]);
  });
});

describe('coverage of every client dataset bucket’s account and region', () => {
  test.each([
    ['CDB-GuardDutyCoversClientData'],
    ['CDB-PostureCoversClientData'],
    ['CDB-AccessAnalyzerCoversClientData'],
    ['CDB-MacieCoversClientData'],
  ])('%s: compliant with a detection stack of the same account and region; non-compliant without, or in another region', (rule) => {
    expect(
      findings(rule, (app) => {
        dataStack(app);
        detectionStack(app);
      }),
    ).toEqual([]);
    expect(findings(rule, (app) => void dataStack(app))).toEqual([`${rule} Data/Dataset/Resource`]);
    expect(
      findings(rule, (app) => {
        dataStack(app);
        detectionStack(app, { ...ENV, region: 'eu-central-1' });
      }),
    ).toEqual([`${rule} Data/Dataset/Resource`]);
  });

  test.each([
    ['CDB-GuardDutyCoversClientData', 'threatDetection'],
    ['CDB-PostureCoversClientData', 'posture'],
    ['CDB-AccessAnalyzerCoversClientData', 'accessAnalysis'],
    ['CDB-MacieCoversClientData', 'sensitiveDataDiscovery'],
  ])('%s: compliant when the feature is turned off with a reason, not with an empty one', (rule, feature) => {
    const off = (reason: string) => (app: App) => {
      dataStack(app);
      new Stack(app, 'Detection', { env: ENV }).node.addMetadata(DETECTION_OFF_METADATA, { [feature]: reason });
    };
    expect(findings(rule, off('scanned upstream'))).toEqual([]);
    expect(findings(rule, off(''))).toEqual([`${rule} Data/Dataset/Resource`]);
  });

  test('non-compliant: a detector without S3 Protection, a hub without its standards, an analyzer that archives, a paused Macie', () => {
    const weak = (app: App) => {
      dataStack(app);
      const stack = new Stack(app, 'Detection', { env: ENV });
      new guardduty.CfnDetector(stack, 'D', { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES' });
      new securityhub.CfnHub(stack, 'Hub', { enableDefaultStandards: false });
      new accessanalyzer.CfnAnalyzer(stack, 'A', {
        type: 'ACCOUNT',
        archiveRules: [{ ruleName: 'hide', filter: [{ property: 'resourceType', eq: ['AWS::S3::Bucket'] }] }],
      });
      new macie.CfnSession(stack, 'M', { status: 'PAUSED', findingPublishingFrequency: 'FIFTEEN_MINUTES' });
    };
    for (const rule of [
      'CDB-GuardDutyCoversClientData',
      'CDB-PostureCoversClientData',
      'CDB-AccessAnalyzerCoversClientData',
      'CDB-MacieCoversClientData',
    ]) {
      expect(findings(rule, weak)).toEqual([`${rule} Data/Dataset/Resource`]);
    }
  });

  test('an unused-access analyzer does not report external access', () => {
    const rule = 'CDB-AccessAnalyzerCoversClientData';
    expect(
      findings(rule, (app) => {
        dataStack(app);
        new accessanalyzer.CfnAnalyzer(new Stack(app, 'Detection', { env: ENV }), 'A', { type: 'ACCOUNT_UNUSED_ACCESS' });
      }),
    ).toEqual([`${rule} Data/Dataset/Resource`]);
  });
});

describe('CDB-S3DatasetMalwareScanned', () => {
  const rule = 'CDB-S3DatasetMalwareScanned';
  const scanned = (app: App) => {
    const { stack, bucket, key } = dataStack(app);
    const topic = new AlertTopic(stack, 'Alerts', { emails: ['a@example.com'] }).topic;
    const scanning = new ClientMalwareScanning(stack, 'MalwareScanning', {
      clientId: 'acme',
      key,
      region: 'eu-west-1',
      buckets: { records: BUCKET },
      topic,
    });
    scanning.protect('records', bucket);
    return { stack, scanning };
  };

  test('compliant: a plan of its stack, tagging, with a role only Malware Protection assumes', () => {
    expect(findings(rule, scanned)).toEqual([]);
  });

  test('compliant when malware scanning is turned off with a reason', () => {
    expect(
      findings(rule, (app) => {
        dataStack(app);
        new Stack(app, 'Detection', { env: ENV }).node.addMetadata(DETECTION_OFF_METADATA, { malwareScanning: 'scanned at the gateway' });
      }),
    ).toEqual([]);
  });

  test('non-compliant: no plan', () => {
    expect(findings(rule, (app) => void dataStack(app))).toEqual([`${rule} Data/Dataset/Resource`]);
  });

  test.each([
    ['a plan of another bucket', { protectedResource: { s3Bucket: { bucketName: 'other-bucket' } } }],
    ['tagging off', { actions: { tagging: { status: 'DISABLED' } } }],
    ['only some prefixes scanned', { protectedResource: { s3Bucket: { bucketName: BUCKET, objectPrefixes: ['in/'] } } }],
  ])('non-compliant: %s', (_name, override) => {
    expect(
      findings(rule, (app) => {
        const { stack, key } = dataStack(app);
        const role = new iam.Role(stack, 'Role', {
          assumedBy: new iam.ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
        });
        void key;
        new guardduty.CfnMalwareProtectionPlan(stack, 'Plan', {
          role: role.roleArn,
          protectedResource: { s3Bucket: { bucketName: BUCKET } },
          actions: { tagging: { status: 'ENABLED' } },
          ...override,
        });
      }),
    ).toEqual([`${rule} Data/Dataset/Resource`]);
  });

  test('non-compliant: a plan role that someone else may assume', () => {
    expect(
      findings(rule, (app) => {
        const { stack } = dataStack(app);
        const role = new iam.Role(stack, 'Role', {
          assumedBy: new iam.CompositePrincipal(
            new iam.ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
            new iam.AccountPrincipal('111111111111'),
          ),
        });
        new guardduty.CfnMalwareProtectionPlan(stack, 'Plan', {
          role: role.roleArn,
          protectedResource: { s3Bucket: { bucketName: BUCKET } },
          actions: { tagging: { status: 'ENABLED' } },
        });
      }),
    ).toEqual([`${rule} Data/Dataset/Resource`]);
  });
});

describe('CDB-SecurityHubStandardsEnabled', () => {
  const rule = 'CDB-SecurityHubStandardsEnabled';
  test('compliant: the baseline hub and its four standards', () => {
    expect(findings(rule, (app) => void posture(new Stack(app, 'S', { env: ENV })))).toEqual([]);
  });
  test('non-compliant: default standards enabled', () => {
    expect(findings(rule, (app) => void new securityhub.CfnHub(new Stack(app, 'S', { env: ENV }), 'Hub', {}))).toEqual([`${rule} S/Hub`]);
  });
  test('non-compliant: a standard missing, a standard not ordered after the hub, a standard of another region', () => {
    const build = (mutate: (standards: securityhub.CfnStandard[]) => void) => (app: App) => {
      const p = posture(new Stack(app, 'S', { env: ENV }));
      mutate([...p.standards]);
    };
    expect(
      findings(
        rule,
        build((s) => s[3].node.scope!.node.tryRemoveChild(s[3].node.id)),
      ),
    ).toEqual([`${rule} S/Posture/Hub`]);
    expect(
      findings(
        rule,
        build((s) => s[0].removeDependency(s[0].obtainDependencies().find((d) => d instanceof securityhub.CfnHub)!)),
      ),
    ).toEqual([`${rule} S/Posture/Hub`]);
    expect(
      findings(
        rule,
        build((s) => s[2].addPropertyOverride('StandardsArn', 'arn:aws:securityhub:us-east-1::standards/nist-800-53/v/5.0.0')),
      ),
    ).toEqual([`${rule} S/Posture/Hub`]);
  });
});

describe('CDB-ConfigRecorderComplete', () => {
  const rule = 'CDB-ConfigRecorderComplete';
  test('compliant: the baseline recorder and its delivery channel', () => {
    expect(findings(rule, (app) => void posture(new Stack(app, 'S', { env: ENV })))).toEqual([]);
  });
  test('non-compliant: a custom role; types missing; no delivery channel; a channel that depends on the recorder', () => {
    const recorder = (stack: Stack, props: Partial<config.CfnConfigurationRecorderProps> = {}) =>
      new config.CfnConfigurationRecorder(stack, 'R', {
        roleArn: 'arn:aws:iam::111111111111:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
        recordingGroup: { allSupported: true },
        ...props,
      });
    const channel = (stack: Stack) => new config.CfnDeliveryChannel(stack, 'C', { s3BucketName: 'config-history' });
    expect(
      findings(rule, (app) => {
        const s = new Stack(app, 'S', { env: ENV });
        recorder(s, { roleArn: 'arn:aws:iam::111111111111:role/my-config' });
        channel(s);
      }),
    ).toEqual([`${rule} S/R`]);
    expect(
      findings(rule, (app) => {
        const s = new Stack(app, 'S', { env: ENV });
        recorder(s, { recordingGroup: { allSupported: false, resourceTypes: ['AWS::S3::Bucket'] } });
        channel(s);
      }),
    ).toEqual([`${rule} S/R`]);
    expect(findings(rule, (app) => void recorder(new Stack(app, 'S', { env: ENV })))).toEqual([`${rule} S/R`]);
    expect(
      findings(rule, (app) => {
        const s = new Stack(app, 'S', { env: ENV });
        channel(s).addDependency(recorder(s));
      }),
    ).toEqual([`${rule} S/R`]);
  });
});

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

describe('a service AWS does not offer in a region', () => {
  test('Macie is left out of the ca-west-1 detection stack, and its coverage rule accepts the recorded reason there only', () => {
    const rule = 'CDB-MacieCoversClientData';
    const calgary = { ...ENV, region: 'ca-west-1' };
    expect(offeredIn('sensitiveDataDiscovery', 'ca-west-1')).toBe(false);
    const unavailable = (region: string) => (app: App) => {
      dataStack(app, { ...ENV, region });
      new Stack(app, 'Detection', { env: calgary }).node.addMetadata(DETECTION_UNAVAILABLE_METADATA, {
        sensitiveDataDiscovery: 'not offered by AWS in ca-west-1',
      });
    };
    expect(findings(rule, unavailable('ca-west-1'))).toEqual([]);
    expect(findings(rule, unavailable('eu-west-1'))).toEqual([`${rule} Data/Dataset/Resource`]);
  });
});
