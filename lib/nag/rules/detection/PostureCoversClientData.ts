import { parse } from 'node:path';
import { CfnConfigurationRecorder } from 'aws-cdk-lib/aws-config';
import { CfnHub } from 'aws-cdk-lib/aws-securityhub';
import { isCompleteRecorder } from './ConfigRecorderComplete';
import { coverageRule } from './coverage';
import { detectionResourcesBeside } from './helpers';
import { hasFourStandards } from './SecurityHubStandardsEnabled';

/**
 * The account and region of every client dataset bucket is assessed
 * continuously (DP-POSTURE): the app has there a Security Hub hub with the
 * four standards and a complete Config recorder, unless posture is turned
 * off with a reason.
 */
export default Object.defineProperty(
  coverageRule(
    'posture',
    (bucket) =>
      detectionResourcesBeside(bucket, CfnHub).some(hasFourStandards) &&
      detectionResourcesBeside(bucket, CfnConfigurationRecorder).some(isCompleteRecorder),
  ),
  'name',
  { value: parse(__filename).name },
);
