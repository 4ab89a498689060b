import { parse } from 'node:path';
import { type CfnResource, Stack, Token } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { stackAllowedRegions } from '../helpers';
import { STATEFUL_TYPES } from './StatefulResourceRetained';

/**
 * Every stateful resource of a client's stacks (its buckets, keys, log groups,
 * vaults: primary, replica, logs and backup copies alike) is in a region the
 * client's agreement allows, read from the stack's residency metadata
 * (CDM-3.8-SOVEREIGNTY). A client stack without a concrete region cannot be
 * judged and is refused; stacks without residency metadata are not a client's.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!STATEFUL_TYPES.includes(node.cfnResourceType)) return NagRuleCompliance.NOT_APPLICABLE;
    const allowed = stackAllowedRegions(node);
    if (allowed === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const region = Stack.of(node).region;
    return !Token.isUnresolved(region) && allowed.includes(region) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
