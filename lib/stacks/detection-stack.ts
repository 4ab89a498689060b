import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { MANAGED_BY, type ProviderConfig, TAG_KEYS } from '../model';
import type { AlertTopic } from '../constructs/alerts';
import {
  AccountDetection,
  type ExternalAccessAnalyzer,
  type FindingAlerts,
  type PostureAssessment,
  type SensitiveDataDiscovery,
  type ThreatDetection,
} from '../constructs/detection';
import { DECLARED_QUOTAS_METADATA, detectionSettings, detectionStackName } from '../detection';

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
 * client there: its {@link AccountDetection} (GuardDuty with S3 Protection,
 * AWS Config and Security Hub with four standards, IAM Access Analyzer,
 * Amazon Macie, and EventBridge rules that send their findings to the
 * stack's encrypted alert topic). Each of these services allows one per
 * account and region, so this stack exists once per account and region
 * (never per client: a second detector, hub, recorder or session fails the
 * deploy). A feature turned off with a reason, or not offered by AWS in the
 * region, is left out and recorded as stack metadata.
 */
export class DetectionStack extends Stack {
  /** Everything the stack holds. */
  public readonly detection: AccountDetection;
  /** The alert topic the findings go to. */
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
    const quota = detectionSettings(provider).malwareProtectedBucketsQuota;
    if (quota !== undefined) this.templateOptions.metadata = { [DECLARED_QUOTAS_METADATA]: { malwareProtectedBuckets: quota } };
    // Id `Default` is left out of logical ids: the detection's resources keep the ids they had when the stack built them.
    // It records the features turned off or not offered here as metadata of this stack, where the checks and the report read it.
    this.detection = new AccountDetection(this, 'Default', { provider, recordsGlobalTypes: props.recordsGlobalTypes });
    ({
      alerts: this.alerts,
      threatDetection: this.threatDetection,
      posture: this.posture,
      accessAnalyzer: this.accessAnalyzer,
      sensitiveDataDiscovery: this.sensitiveDataDiscovery,
      findingAlerts: this.findingAlerts,
    } = this.detection);
  }
}
