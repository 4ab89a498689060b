import { parse } from 'node:path';
import { CfnAnalyzer } from 'aws-cdk-lib/aws-accessanalyzer';
import { asArray, resolve } from '../helpers';
import { coverageRule } from './coverage';
import { detectionResourcesBeside } from './helpers';

/** Types of analyzer that report external access. */
const EXTERNAL = ['ACCOUNT', 'ORGANIZATION'];

/**
 * Any policy that opens a client bucket or key outside the zone of trust is
 * reported (DP-POSTURE): the account and region of every client dataset
 * bucket has an external-access analyzer without archive rules (an archive
 * rule would hide findings), unless access analysis is turned off with a
 * reason.
 */
export default Object.defineProperty(
  coverageRule('accessAnalysis', (bucket) =>
    detectionResourcesBeside(bucket, CfnAnalyzer).some(
      (a) => EXTERNAL.includes(resolve<string>(a, a.type)) && asArray(resolve<unknown[] | undefined>(a, a.archiveRules)).length === 0,
    ),
  ),
  'name',
  { value: parse(__filename).name },
);
