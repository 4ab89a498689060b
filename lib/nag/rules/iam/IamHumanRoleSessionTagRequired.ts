import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { TRUST_CONDITION_KEYS } from '../../../model';
import { asArray, stackClientId, statementCovers } from '../helpers';
import { conditionValues, humanTrustStatements } from './trust';

/**
 * A role people assume in a client's stack admits a session only when it is
 * tagged with that client's id: each trust statement that admits IAM
 * principals allows `sts:AssumeRole` and `sts:TagSession` together, with
 * `StringEquals aws:RequestTag/client-id = <client>`, so an untagged session
 * and a session tagged with another client's id are both refused (DP-ABAC).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnRole)) return NagRuleCompliance.NOT_APPLICABLE;
    const clientId = stackClientId(node);
    const statements = humanTrustStatements(node);
    if (clientId === undefined || statements.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const pinned = statements.every(
      (s) =>
        asArray(s.Action).length > 0 &&
        statementCovers(s, 'sts:AssumeRole') &&
        statementCovers(s, 'sts:TagSession') &&
        conditionValues(s, 'StringEquals', TRUST_CONDITION_KEYS.sessionTag).join() === clientId,
    );
    return pinned ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
