import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';
import { configServiceLinkedRoleArn } from '../../detection/recording';
import { DETECTION_DEFAULTS } from '../../detection/settings';
import { SECURITY_HUB_STANDARDS, standardArn } from '../../detection/standards';

/** Properties of a {@link PostureAssessment}. */
export interface PostureAssessmentProps {
  /** Name of the Config recorder (constant: one per account and region). */
  readonly recorderName: string;
  /** Name of the Config delivery channel (constant: one per account and region). */
  readonly deliveryChannelName: string;
  /** The bucket Config delivers to (in the provider's home region; no Object Lock). */
  readonly deliveryBucketName: string;
  /** Key prefix in that bucket (must not contain `AWSLogs/`). */
  readonly deliveryKeyPrefix: string;
  /**
   * Whether this region records the account's global resource types (IAM)
   * and creates Config's service-linked role: exactly one region per account.
   */
  readonly recordsGlobalTypes: boolean;
}

/**
 * Continuous assessment of one account and region (DP-POSTURE): AWS Config
 * records every supported resource type (IAM's global types in one region
 * per account) with its service-linked role and delivers to the provider's
 * configuration history bucket; Security Hub runs the four standards that
 * match the synth-time packs. Security Hub's controls are evaluated through
 * Config's records, so the standards depend on the recorder; each Security
 * Hub resource depends on the hub (no reference links them), and the hub
 * does not enable the default standards (they would collide with the
 * explicit subscriptions). The recorder and the delivery channel have no
 * dependency on each other: each needs the other at creation.
 */
export class PostureAssessment extends Construct {
  /** Config's service-linked role, in the region that records global types. */
  public readonly serviceLinkedRole?: iam.CfnServiceLinkedRole;
  /** The Config recorder. */
  public readonly recorder: config.CfnConfigurationRecorder;
  /** The Config delivery channel. */
  public readonly deliveryChannel: config.CfnDeliveryChannel;
  /** The Security Hub hub. */
  public readonly hub: securityhub.CfnHub;
  /** The standards subscriptions, by standard path. */
  public readonly standards: readonly securityhub.CfnStandard[];

  constructor(scope: Construct, id: string, props: PostureAssessmentProps) {
    super(scope, id);
    if (props.deliveryKeyPrefix.includes('AWSLogs/')) {
      throw new Error(`PostureAssessment: deliveryKeyPrefix must not contain "AWSLogs/" (received "${props.deliveryKeyPrefix}")`);
    }
    const { account, region, partition } = Stack.of(this);
    if (props.recordsGlobalTypes) {
      this.serviceLinkedRole = new iam.CfnServiceLinkedRole(this, 'ConfigServiceLinkedRole', {
        awsServiceName: 'config.amazonaws.com',
        description: 'AWS Config records the configuration of the resources (client-data-baseline, DP-POSTURE)',
      });
    }
    this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      name: props.recorderName,
      roleArn: configServiceLinkedRoleArn(partition, account),
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.recordsGlobalTypes },
    });
    if (this.serviceLinkedRole !== undefined) this.recorder.addResourceDependency(this.serviceLinkedRole);
    this.deliveryChannel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      name: props.deliveryChannelName,
      s3BucketName: props.deliveryBucketName,
      s3KeyPrefix: props.deliveryKeyPrefix,
      configSnapshotDeliveryProperties: { deliveryFrequency: DETECTION_DEFAULTS.configSnapshotFrequency },
    });
    this.hub = new securityhub.CfnHub(this, 'Hub', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
    this.standards = SECURITY_HUB_STANDARDS.map((standard) => {
      const subscription = new securityhub.CfnStandard(this, `Standard-${standard.path.split('/')[0]}`, {
        standardsArn: standardArn(standard, partition, region),
      });
      subscription.addResourceDependency(this.hub);
      subscription.addResourceDependency(this.recorder);
      return subscription;
    });
  }
}
