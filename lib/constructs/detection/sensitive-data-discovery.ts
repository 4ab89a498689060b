import * as macie from 'aws-cdk-lib/aws-macie';
import { Construct } from 'constructs';
import { DETECTION_DEFAULTS } from '../../detection/settings';

/**
 * Sensitive-data discovery in one account and region (DP-CLASS-DISCOVERY):
 * Amazon Macie enabled (one session per account and region), publishing
 * findings every 15 minutes. Enabling Macie creates its service-linked role
 * (`AWSServiceRoleForAmazonMacie`) itself, so no stack creates it (a second
 * creation would fail). Macie's automated discovery samples the buckets'
 * objects and reports sensitive data types per bucket; its findings carry
 * the bucket's tags (client id, dataset, classification).
 */
export class SensitiveDataDiscovery extends Construct {
  /** The Macie session. */
  public readonly session: macie.CfnSession;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.session = new macie.CfnSession(this, 'Session', {
      status: 'ENABLED',
      findingPublishingFrequency: DETECTION_DEFAULTS.findingPublishingFrequency,
    });
  }
}
