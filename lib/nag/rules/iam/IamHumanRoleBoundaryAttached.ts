import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { stackClientId } from '../helpers';
import { humanTrustStatements } from './trust';

/**
 * A role people assume in a client's stack carries a permission boundary (the
 * client's customer-managed boundary), so that no grant added to it later can
 * reach beyond the client (CDM-3.2-LEAST-PRIV, CDM-3.3-TENANT-ISOLATION).
 * Service roles are judged by the isolation proof instead.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnRole)) return NagRuleCompliance.NOT_APPLICABLE;
    if (stackClientId(node) === undefined || humanTrustStatements(node).length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    return node.permissionsBoundary !== undefined ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
