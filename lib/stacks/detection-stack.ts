import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DETECTION_FEATURES, MANAGED_BY, type ProviderConfig, TAG_KEYS } from '../model';
import { AlertTopic } from '../constructs/alerts';
import { ExternalAccessAnalyzer, FindingAlerts, PostureAssessment, SensitiveDataDiscovery, ThreatDetection } from '../constructs/detection';
import {
  accessAnalyzerName,
  configDeliveryChannelName,
  configHistoryBucketName,
  configRecorderName,
  DECLARED_QUOTAS_METADATA,
  DETECTION_DEFAULTS,
  DETECTION_OFF_METADATA,
  DETECTION_UNAVAILABLE_METADATA,
  offeredIn,
  detectionSettings,
  detectionStackName,
  FINDING_ROUTES,
} from '../detection';

/** Properties of a {@link DetectionStack}. */
export interface DetectionStackProps extends StackProps {
  /** Provider-wide settings. */
  readonly provider: ProviderConfig;
  /** The account whose client data it watches. */
  readonly account: string;
  /** The region whose client data it watches. */
  readonly region: string;
  /** Whether this region records the account's global (IAM) resource types; exactly one region per account. */
  readonly recordsGlobalTypes: boolean;
}

/**
 * Detection after deploy in one account and region with client data
 * (DP-THREAT-DETECTION, DP-POSTURE, DP-CLASS-DISCOVERY), shared by every
 * client there: GuardDuty with S3 Protection, AWS Config and Security Hub
 * with four standards, IAM Access Analyzer, Amazon Macie, and EventBridge
 * rules that send their findings to the stack's encrypted alert topic. Each
 * of these services allows one per account and region, so this stack exists
 * once per account and region (never per client: a second detector, hub,
 * recorder or session fails the deploy). A feature turned off with a reason
 * is left out and recorded as stack metadata.
 */
export class DetectionStack extends Stack {
  /** The alert topic the findings go to. */
  public readonly alerts: AlertTopic;
  /** GuardDuty, when threat detection is on. */
  public readonly threatDetection?: ThreatDetection;
  /** Config and Security Hub, when posture is on. */
  public readonly posture?: PostureAssessment;
  /** IAM Access Analyzer, when access analysis is on. */
  public readonly accessAnalyzer?: ExternalAccessAnalyzer;
  /** Macie, when sensitive-data discovery is on. */
  public readonly sensitiveDataDiscovery?: SensitiveDataDiscovery;
  /** The finding routes. */
  public readonly findingAlerts: FindingAlerts;

  constructor(scope: Construct, id: string, props: DetectionStackProps) {
    const { provider, account, region } = props;
    super(scope, id, {
      ...props,
      stackName: detectionStackName(provider, account, region),
      description: `Detection after deploy (GuardDuty, Config, Security Hub, Access Analyzer, Macie) of the client data in ${account}/${region} - client-data-baseline`,
      env: { account, region },
      terminationProtection: true,
      tags: { ...props.tags, [TAG_KEYS.managedBy]: MANAGED_BY },
    });
    Tags.of(this).add(TAG_KEYS.managedBy, MANAGED_BY);
    const settings = detectionSettings(provider);
    const offered = DETECTION_FEATURES.filter((f) => !offeredIn(f, region));
    if (offered.length > 0) {
      this.node.addMetadata(DETECTION_UNAVAILABLE_METADATA, Object.fromEntries(offered.map((f) => [f, `not offered by AWS in ${region}`])));
    }
    const on = Object.fromEntries(
      DETECTION_FEATURES.map((f) => [
        f,
        offeredIn(f, region) ? settings.features[f] : { enabled: false, reason: `not offered by AWS in ${region}` },
      ]),
    ) as typeof settings.features;
    const off = Object.fromEntries(
      DETECTION_FEATURES.filter((f) => !settings.features[f].enabled).map((f) => [f, settings.features[f].reason ?? '']),
    );
    if (Object.keys(off).length > 0) this.node.addMetadata(DETECTION_OFF_METADATA, off);
    if (settings.malwareProtectedBucketsQuota !== undefined) {
      this.templateOptions.metadata = {
        [DECLARED_QUOTAS_METADATA]: { malwareProtectedBuckets: settings.malwareProtectedBucketsQuota },
      };
    }

    this.alerts = new AlertTopic(this, 'Alerts', { emails: provider.alerts.emails, displayName: `${provider.name} detection findings` });
    if (on.threatDetection.enabled) this.threatDetection = new ThreatDetection(this, 'ThreatDetection');
    if (on.posture.enabled) {
      this.posture = new PostureAssessment(this, 'Posture', {
        recorderName: configRecorderName(provider),
        deliveryChannelName: configDeliveryChannelName(provider),
        deliveryBucketName: configHistoryBucketName(provider),
        deliveryKeyPrefix: DETECTION_DEFAULTS.configKeyPrefix,
        recordsGlobalTypes: props.recordsGlobalTypes,
      });
    }
    if (on.accessAnalysis.enabled) {
      this.accessAnalyzer = new ExternalAccessAnalyzer(this, 'AccessAnalyzer', { analyzerName: accessAnalyzerName(provider) });
    }
    if (on.sensitiveDataDiscovery.enabled) this.sensitiveDataDiscovery = new SensitiveDataDiscovery(this, 'SensitiveDataDiscovery');
    this.findingAlerts = new FindingAlerts(this, 'Findings', {
      topic: this.alerts.topic,
      routes: FINDING_ROUTES.filter((route) => on[route.feature].enabled),
    });
  }
}
