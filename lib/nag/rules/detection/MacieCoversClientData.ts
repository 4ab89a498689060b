import { parse } from 'node:path';
import { CfnSession } from 'aws-cdk-lib/aws-macie';
import { DETECTION_DEFAULTS } from '../../../detection/settings';
import { resolve } from '../helpers';
import { coverageRule } from './coverage';
import { detectionResourcesBeside } from './helpers';

/**
 * The content of every client dataset bucket is sampled for sensitive data
 * (DP-CLASS-DISCOVERY): its account and region has an enabled Macie session
 * that publishes findings every 15 minutes, unless sensitive-data discovery
 * is turned off with a reason.
 */
export default Object.defineProperty(
  coverageRule('sensitiveDataDiscovery', (bucket) =>
    detectionResourcesBeside(bucket, CfnSession).some(
      (s) =>
        (resolve(s, s.status) ?? 'ENABLED') === 'ENABLED' &&
        resolve(s, s.findingPublishingFrequency) === DETECTION_DEFAULTS.findingPublishingFrequency,
    ),
  ),
  'name',
  { value: parse(__filename).name },
);
