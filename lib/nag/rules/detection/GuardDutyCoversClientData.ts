import { parse } from 'node:path';
import { CfnDetector } from 'aws-cdk-lib/aws-guardduty';
import { coverageRule } from './coverage';
import { isS3ProtectingDetector } from './GuardDutyS3ProtectionEnabled';
import { detectionResourcesBeside } from './helpers';

/**
 * The account and region of every client dataset bucket has a GuardDuty
 * detector with S3 Protection in the app (DP-THREAT-DETECTION), unless
 * threat detection is turned off with a reason.
 */
export default Object.defineProperty(
  coverageRule('threatDetection', (bucket) => detectionResourcesBeside(bucket, CfnDetector).some(isS3ProtectingDetector)),
  'name',
  { value: parse(__filename).name },
);
