import { parse } from 'node:path';
import { type CfnResource, TagManager } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { TAG_KEYS } from '../../../model';
import { stackClientId, tagsOf } from '../helpers';

/**
 * Every taggable resource in a client's stack carries that client's id, so
 * ownership is visible on the resource itself (CDM-3.1-CLASSIFY,
 * CDM-3.3-SEGREGATE).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    const clientId = stackClientId(node);
    if (clientId === undefined || TagManager.of(node) === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    return tagsOf(node)[TAG_KEYS.clientId] === clientId ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
