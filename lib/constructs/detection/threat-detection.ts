import { RemovalPolicy } from 'aws-cdk-lib';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import { Construct } from 'constructs';
import { DETECTION_DEFAULTS } from '../../detection/settings';

/**
 * Managed threat detection of one account and region (DP-THREAT-DETECTION):
 * a GuardDuty detector (API activity, network and DNS logs) with S3
 * Protection (S3 data events, `Features`, never the legacy `DataSources`:
 * the two are mutually exclusive), exporting findings every 15 minutes.
 * GuardDuty allows one detector per account and region; the detector is
 * retained, since deleting it loses its findings.
 */
export class ThreatDetection extends Construct {
  /** The detector. */
  public readonly detector: guardduty.CfnDetector;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: DETECTION_DEFAULTS.findingPublishingFrequency,
      features: DETECTION_DEFAULTS.guardDutyFeatures.map((name) => ({ name, status: 'ENABLED' })),
    });
    this.detector.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
