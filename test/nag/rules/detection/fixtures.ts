/** Shared setup of the detection rule tests: a client dataset stack and detection stacks beside it, judged over the whole app. */
import { type App, Stack, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  AlertTopic,
  ClientDataBaselineChecks,
  ClientKey,
  ExternalAccessAnalyzer,
  FINDING_ROUTES,
  FindingAlerts,
  PostureAssessment,
  SensitiveDataDiscovery,
  ThreatDetection,
} from '../../../../lib/internal';
import { plainApp } from '../../../util';

export const ENV = { account: '111111111111', region: 'eu-west-1' };
export const BUCKET = 'precision-acme-records-111111111111-eu-west-1';

/** The findings of one rule over an app, as `<rule> <path>` lines. */
export function findings(ruleId: string, build: (app: App) => void): string[] {
  const app = plainApp();
  build(app);
  app.synth();
  return new ClientDataBaselineChecks()
    .validateScope(app)
    .violations.filter((v) => v.ruleName === ruleId)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`));
}

/** A client stack with one dataset bucket, encrypted with the client's key. */
export function dataStack(app: App, env = ENV, id = 'Data'): { stack: Stack; bucket: s3.Bucket; key: ClientKey } {
  const stack = new Stack(app, id, { env });
  const key = new ClientKey(stack, 'Key', { clientId: 'acme', alias: 'alias/precision/acme/data' });
  const bucket = new s3.Bucket(stack, 'Dataset', { bucketName: BUCKET.replace('eu-west-1', env.region), encryptionKey: key });
  Tags.of(bucket).add('dataset', 'records');
  Tags.of(stack).add('client-id', 'acme');
  return { stack, bucket, key };
}

export const posture = (stack: Stack, recordsGlobalTypes = true) =>
  new PostureAssessment(stack, 'Posture', {
    recorderName: 'precision-recorder',
    deliveryChannelName: 'precision-delivery',
    deliveryBucketName: 'config-history',
    deliveryKeyPrefix: 'config',
    recordsGlobalTypes,
  });

/** A detection stack with everything on, in an account and region. */
export function detectionStack(app: App, env = ENV, id = 'Detection'): Stack {
  const stack = new Stack(app, id, { env });
  const topic = new AlertTopic(stack, 'Alerts', { emails: ['secops@example.com'] }).topic;
  new ThreatDetection(stack, 'ThreatDetection');
  posture(stack);
  new ExternalAccessAnalyzer(stack, 'AccessAnalyzer', { analyzerName: 'precision-external-access' });
  new SensitiveDataDiscovery(stack, 'Macie');
  new FindingAlerts(stack, 'Findings', { topic, routes: FINDING_ROUTES });
  return stack;
}

/** The detection features a coverage rule looks for, and how the baseline builds each in a stack. */
const FEATURES = {
  threatDetection: (stack: Stack) => new ThreatDetection(stack, 'ThreatDetection'),
  posture: (stack: Stack) => posture(stack),
  accessAnalysis: (stack: Stack) => new ExternalAccessAnalyzer(stack, 'AccessAnalyzer', { analyzerName: 'precision-external-access' }),
  sensitiveDataDiscovery: (stack: Stack) => new SensitiveDataDiscovery(stack, 'Macie'),
} as const;

/** A detection feature of {@link FEATURES}. */
export type CoverageFeature = keyof typeof FEATURES;

/** A detection stack beside {@link dataStack}'s (same account and region) with only the given features. */
export function detectionStackOf(app: App, features: readonly CoverageFeature[]): Stack {
  const stack = new Stack(app, 'Detection', { env: ENV });
  for (const feature of features) FEATURES[feature](stack);
  return stack;
}

/** Every feature but one. */
export const allFeaturesBut = (feature: CoverageFeature): CoverageFeature[] =>
  (Object.keys(FEATURES) as CoverageFeature[]).filter((f) => f !== feature);
