import { Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  accessAnalyzerName,
  configDeliveryChannelName,
  configHistoryBucketName,
  configRecorderName,
  DETECTION_DEFAULTS,
  DETECTION_OFF_METADATA,
  DETECTION_UNAVAILABLE_METADATA,
  detectionSettings,
  FINDING_ROUTES,
  offeredIn,
} from '../../detection';
import { DETECTION_FEATURES, type ProviderConfig } from '../../model';
import { AlertTopic } from '../alerts';
import { ExternalAccessAnalyzer } from './external-access-analyzer';
import { FindingAlerts } from './finding-alerts';
import { PostureAssessment } from './posture-assessment';
import { SensitiveDataDiscovery } from './sensitive-data-discovery';
import { ThreatDetection } from './threat-detection';

/** Properties of an {@link AccountDetection}. */
export interface AccountDetectionProps {
  /** Provider-wide settings (`provider.detection` turns features off, each with a reason). */
  readonly provider: ProviderConfig;
  /**
   * Whether this region records the account's global resource types (IAM)
   * and creates AWS Config's service-linked role. Exactly one
   * `AccountDetection` of an account sets it: a second service-linked role
   * fails the deploy, and none leaves IAM unrecorded.
   */
  readonly recordsGlobalTypes: boolean;
  /**
   * The bucket AWS Config delivers its configuration history to (no Object
   * Lock: Config does not deliver to locked buckets; see
   * `ConfigHistoryBucket` for the policy it needs).
   *
   * @default - the configuration history bucket of the provider that the
   * baseline's `AuditStack` creates in the provider's home region
   */
  readonly configDeliveryBucketName?: string;
}

/**
 * Detection after deploy in one account and region with client data
 * (DP-THREAT-DETECTION, DP-POSTURE, DP-CLASS-DISCOVERY), for a team's own
 * stack: GuardDuty with S3 Protection, AWS Config and Security Hub with four
 * standards, IAM Access Analyzer and Amazon Macie, each feature on unless
 * `provider.detection` turns it off with a reason (recorded as stack
 * metadata, as the checks and the report read it), and EventBridge rules that
 * send every finding to an encrypted alert topic. It is what the baseline's
 * `DetectionStack` holds, and it meets the controls a lone store cannot:
 * `CDB-GuardDutyCoversClientData`, `CDB-PostureCoversClientData`,
 * `CDB-AccessAnalyzerCoversClientData` and `CDB-MacieCoversClientData` look
 * for it in the account and region of each client dataset bucket
 * (`ClientDataStore` and `ClientReplicaStore` scan their own buckets for
 * malware). Each service allows one per account and region, so add exactly
 * one to a stack of each account and region that holds client data, never
 * one per client. A service AWS does not offer in the region (Macie in some
 * regions) is left out there and recorded.
 *
 * @example
 * new ClientDataStore(data, 'Acme', { provider: config.provider, client: acme });
 * new AccountDetection(data, 'Detection', { provider: config.provider, recordsGlobalTypes: true });
 */
export class AccountDetection extends Construct {
  /** The encrypted alert topic the findings go to (subscribing `provider.alerts.emails`). */
  public readonly alerts: AlertTopic;
  /** GuardDuty, when threat detection is on. */
  public readonly threatDetection?: ThreatDetection;
  /** Config and Security Hub, when posture is on. */
  public readonly posture?: PostureAssessment;
  /** IAM Access Analyzer, when access analysis is on. */
  public readonly accessAnalyzer?: ExternalAccessAnalyzer;
  /** Macie, when sensitive-data discovery is on and offered in the region. */
  public readonly sensitiveDataDiscovery?: SensitiveDataDiscovery;
  /** The finding routes. */
  public readonly findingAlerts: FindingAlerts;

  /**
   * @throws Error when the stack's region is a token (detection is per region)
   */
  constructor(scope: Construct, id: string, props: AccountDetectionProps) {
    super(scope, id);
    const { provider } = props;
    const stack = Stack.of(this);
    if (Token.isUnresolved(stack.region) || Token.isUnresolved(stack.account)) {
      throw new Error(
        `AccountDetection ${this.node.path}: the stack must have an account and region (env); received account ${stack.account}, region ${stack.region}`,
      );
    }
    const region = stack.region;
    const settings = detectionSettings(provider);
    const unavailable = DETECTION_FEATURES.filter((f) => !offeredIn(f, region));
    if (unavailable.length > 0) {
      stack.node.addMetadata(
        DETECTION_UNAVAILABLE_METADATA,
        Object.fromEntries(unavailable.map((f) => [f, `not offered by AWS in ${region}`])),
      );
    }
    const off = Object.fromEntries(
      DETECTION_FEATURES.filter((f) => !settings.features[f].enabled).map((f) => [f, settings.features[f].reason ?? '']),
    );
    if (Object.keys(off).length > 0) stack.node.addMetadata(DETECTION_OFF_METADATA, off);
    const on = (f: (typeof DETECTION_FEATURES)[number]) => settings.features[f].enabled && offeredIn(f, region);

    this.alerts = new AlertTopic(this, 'Alerts', { emails: provider.alerts.emails, displayName: `${provider.name} detection findings` });
    if (on('threatDetection')) this.threatDetection = new ThreatDetection(this, 'ThreatDetection');
    if (on('posture')) {
      this.posture = new PostureAssessment(this, 'Posture', {
        recorderName: configRecorderName(provider),
        deliveryChannelName: configDeliveryChannelName(provider),
        deliveryBucketName: props.configDeliveryBucketName ?? configHistoryBucketName(provider),
        deliveryKeyPrefix: DETECTION_DEFAULTS.configKeyPrefix,
        recordsGlobalTypes: props.recordsGlobalTypes,
      });
    }
    if (on('accessAnalysis')) {
      this.accessAnalyzer = new ExternalAccessAnalyzer(this, 'AccessAnalyzer', { analyzerName: accessAnalyzerName(provider) });
    }
    if (on('sensitiveDataDiscovery')) this.sensitiveDataDiscovery = new SensitiveDataDiscovery(this, 'SensitiveDataDiscovery');
    this.findingAlerts = new FindingAlerts(this, 'Findings', {
      topic: this.alerts.topic,
      routes: FINDING_ROUTES.filter((route) => on(route.feature)),
    });
  }
}
