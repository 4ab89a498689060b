import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBackupPlan } from 'aws-cdk-lib/aws-backup';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { asArray, logicalIdOf, referencedId, resolve, resourcesInStack } from '../helpers';

/** What must alert: each job kind, the detail field carrying its state, and the states. */
const REQUIRED: readonly { detailType: string; field: string; states: string[] }[] = [
  { detailType: 'Backup Job State Change', field: 'state', states: ['FAILED', 'ABORTED', 'EXPIRED'] },
  { detailType: 'Copy Job State Change', field: 'state', states: ['FAILED', 'ABORTED', 'EXPIRED'] },
  { detailType: 'Restore Job State Change', field: 'status', states: ['FAILED', 'ABORTED'] },
];

interface Pattern {
  source?: string[];
  'detail-type'?: string[];
  detail?: Record<string, unknown>;
}

/** Whether an EventBridge rule sends to an SNS topic of the stack encrypted with a KMS key. */
function targetsEncryptedTopic(rule: CfnRule): boolean {
  const topics = resourcesInStack(rule, CfnTopic).filter((t) => t.kmsMasterKeyId !== undefined);
  const targets = asArray(resolve<{ arn: unknown }[] | undefined>(rule, rule.targets));
  return targets.some((target) => topics.some((topic) => referencedId(rule, target.arn) === logicalIdOf(topic)));
}

/**
 * A stack with backup plans alerts people when backup, copy or restore jobs
 * (restore tests included) fail, abort or expire (BKP-5-MONITOR): enabled
 * EventBridge rules on `aws.backup` job state changes, without narrowing
 * filters beyond the state, sending to an encrypted SNS topic of the stack.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBackupPlan)) return NagRuleCompliance.NOT_APPLICABLE;
    const rules = resourcesInStack(node, CfnRule).filter((rule) => {
      const state = resolve(rule, rule.state);
      const pattern = resolve<Pattern | undefined>(rule, rule.eventPattern);
      return (state === undefined || state === 'ENABLED') && asArray(pattern?.source).includes('aws.backup') && targetsEncryptedTopic(rule);
    });
    const covered = REQUIRED.every(({ detailType, field, states }) =>
      rules.some((rule) => {
        const pattern = resolve<Pattern>(rule, rule.eventPattern);
        const detail = pattern.detail ?? {};
        const onlyField = Object.keys(detail).every((k) => k === field);
        const listed = asArray(detail[field] as string[] | undefined);
        return asArray(pattern['detail-type']).includes(detailType) && onlyField && states.every((s) => listed.includes(s));
      }),
    );
    return covered ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
