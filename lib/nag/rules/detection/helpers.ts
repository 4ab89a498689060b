/**
 * Readers shared by the detection rules (DP-THREAT-DETECTION, DP-POSTURE,
 * DP-CLASS-DISCOVERY): the detection resources of the app by account and
 * region, features turned off (with a reason) as recorded in stack metadata,
 * and the EventBridge rules of a stack that reach an encrypted alert topic.
 * Detection is per account and region, not per stack, so coverage looks at
 * the app.
 */
import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { CfnTopic, CfnTopicPolicy } from 'aws-cdk-lib/aws-sns';
import type { IConstruct } from 'constructs';
import { DETECTION_UNAVAILABLE_METADATA } from '../../../detection/availability';
import { DETECTION_OFF_METADATA } from '../../../detection/settings';
import type { DetectionFeature } from '../../../model';
import { asArray, logicalIdOf, referencedId, resolve, resourcesInStack, type Statement } from '../helpers';

/** `<account>/<region>` of a resource's stack, or `undefined` when either is a token. */
export function environmentOf(node: IConstruct): string | undefined {
  const { account, region } = Stack.of(node);
  return Token.isUnresolved(account) || Token.isUnresolved(region) ? undefined : `${account}/${region}`;
}

interface AppIndex {
  readonly byEnvironment: Map<string, CfnResource[]>;
  readonly off: Map<string, string>;
  /** `<account>/<region>` -> feature -> why AWS does not offer it there. */
  readonly unavailable: Map<string, Map<string, string>>;
}
const INDEXES = new WeakMap<IConstruct, AppIndex>();

function appIndex(node: IConstruct): AppIndex {
  const root = node.node.root;
  let index = INDEXES.get(root);
  if (index !== undefined) return index;
  index = { byEnvironment: new Map(), off: new Map(), unavailable: new Map() };
  for (const c of root.node.findAll()) {
    if (Stack.isStack(c)) {
      for (const entry of c.node.metadata.filter((m) => m.type === DETECTION_OFF_METADATA)) {
        for (const [feature, reason] of Object.entries(entry.data as Record<string, string>)) index.off.set(feature, reason);
      }
      const env = environmentOf(c);
      for (const entry of c.node.metadata.filter((m) => m.type === DETECTION_UNAVAILABLE_METADATA)) {
        if (env === undefined) continue;
        const features = index.unavailable.get(env) ?? new Map<string, string>();
        for (const [feature, reason] of Object.entries(entry.data as Record<string, string>)) features.set(feature, reason);
        index.unavailable.set(env, features);
      }
    } else if (CfnResource.isCfnResource(c) && c.cfnResourceType.match(/^AWS::(GuardDuty|SecurityHub|Config|AccessAnalyzer|Macie)::/)) {
      const env = environmentOf(c);
      if (env !== undefined) index.byEnvironment.set(env, [...(index.byEnvironment.get(env) ?? []), c]);
    }
  }
  INDEXES.set(root, index);
  return index;
}

/** The detection resources of a type in the app, in the node's account and region. */
export function detectionResourcesBeside<T extends CfnResource>(node: IConstruct, type: abstract new (...args: never[]) => T): T[] {
  const env = environmentOf(node);
  if (env === undefined) return [];
  return (appIndex(node).byEnvironment.get(env) ?? []).filter((c): c is T => c instanceof type);
}

/**
 * The reason a feature is turned off in the app (stack metadata of a
 * detection stack), or not offered by AWS in the node's account and region,
 * or `undefined` when it is on.
 */
export function featureOffReason(node: IConstruct, feature: DetectionFeature): string | undefined {
  const env = environmentOf(node);
  const unavailable = env === undefined ? undefined : appIndex(node).unavailable.get(env)?.get(feature);
  if (unavailable !== undefined) return unavailable;
  const reason = appIndex(node).off.get(feature);
  return reason !== undefined && reason.trim() !== '' ? reason : undefined;
}

/** A resolved EventBridge pattern. */
export interface ResolvedPattern {
  readonly source?: string[];
  readonly 'detail-type'?: string[];
  readonly detail?: Record<string, unknown>;
}

/** Whether a topic policy of the rule's stack lets EventBridge publish to the topic for this rule only (`aws:SourceArn`). */
function admitsRule(rule: CfnRule, topic: CfnTopic): boolean {
  const topicId = logicalIdOf(topic);
  const ruleArn = JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(rule), 'Arn'] });
  return resourcesInStack(rule, CfnTopicPolicy).some((policy) => {
    if (!asArray(resolve<unknown[]>(policy, policy.topics)).some((t) => referencedId(policy, t) === topicId)) return false;
    const doc = resolve<{ Statement?: Statement[] }>(policy, policy.policyDocument);
    return asArray(doc.Statement).some((s) => {
      const service = asArray((s.Principal as { Service?: string | string[] } | undefined)?.Service);
      const condition = JSON.stringify(s.Condition?.ArnEquals?.['aws:SourceArn'] ?? s.Condition?.ArnLike?.['aws:SourceArn'] ?? null);
      return s.Effect === 'Allow' && service.includes('events.amazonaws.com') && condition === ruleArn;
    });
  });
}

/** The enabled EventBridge rules of the node's stack that publish to an encrypted SNS topic of the stack admitting them by ARN. */
export function alertingRules(node: IConstruct): readonly { rule: CfnRule; pattern: ResolvedPattern }[] {
  // Once per stack, like `resourcesInStack`: each finding source and malware plan of a stack asks, after synthesis.
  const stack = Stack.of(node);
  let found = alertingRulesByStack.get(stack);
  if (found === undefined) alertingRulesByStack.set(stack, (found = findAlertingRules(node)));
  return found;
}

const alertingRulesByStack = new WeakMap<Stack, readonly { rule: CfnRule; pattern: ResolvedPattern }[]>();

function findAlertingRules(node: IConstruct): { rule: CfnRule; pattern: ResolvedPattern }[] {
  const topics = resourcesInStack(node as CfnResource, CfnTopic).filter((t) => t.kmsMasterKeyId !== undefined);
  return resourcesInStack(node as CfnResource, CfnRule).flatMap((rule) => {
    const state = resolve(rule, rule.state);
    if (state !== undefined && state !== 'ENABLED') return [];
    const targets = asArray(resolve<{ arn: unknown }[] | undefined>(rule, rule.targets));
    const reaches = targets.some((target) => topics.some((t) => referencedId(rule, target.arn) === logicalIdOf(t) && admitsRule(rule, t)));
    return reaches ? [{ rule, pattern: resolve<ResolvedPattern>(rule, rule.eventPattern) ?? {} }] : [];
  });
}

/** Whether a resolved pattern value (a list of literals) includes every required literal. */
export function listsAll(value: unknown, required: readonly unknown[]): boolean {
  const listed = asArray(value as unknown[]).map((v) => JSON.stringify(v));
  return required.every((r) => listed.includes(JSON.stringify(r)));
}

/**
 * Whether two resolved values are the same: equal literals, or the same
 * intrinsic (`{ "Fn::Join": [...] }` with `AWS::Partition` in an app without
 * partition literals) compared by content, not by identity.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a !== undefined && JSON.stringify(a) === JSON.stringify(b));
}
