import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnAnalyzer } from 'aws-cdk-lib/aws-accessanalyzer';
import { CfnDetector, CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { CfnSession } from 'aws-cdk-lib/aws-macie';
import { CfnHub } from 'aws-cdk-lib/aws-securityhub';
import { NagRuleCompliance } from 'cdk-nag';
import { FINDING_ROUTES, type FindingPattern, MALWARE_THREAT_STATUS } from '../../../detection/findings';
import type { DetectionFeature } from '../../../model';
import { resolve } from '../helpers';
import { alertingRules, listsAll, type ResolvedPattern } from './helpers';

/** A value with object keys sorted, for comparing patterns. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

/** Whether a rule's pattern sends at least what the route requires: its sources and detail types, and exactly its detail filter. */
function covers(pattern: ResolvedPattern, required: FindingPattern): boolean {
  return (
    listsAll(pattern.source, required.source) &&
    listsAll(pattern['detail-type'], required['detail-type']) &&
    JSON.stringify(canonical(pattern.detail ?? null)) === JSON.stringify(canonical(required.detail ?? null))
  );
}

/** The feature whose findings a resource produces. */
const SOURCES: readonly [abstract new (...args: never[]) => CfnResource, DetectionFeature][] = [
  [CfnDetector, 'threatDetection'],
  [CfnHub, 'posture'],
  [CfnAnalyzer, 'accessAnalysis'],
  [CfnSession, 'sensitiveDataDiscovery'],
];

/** Whether a rule of the plan's stack sends its bucket's threats found (and only the scan status filter besides the bucket). */
function malwareRouted(plan: CfnMalwareProtectionPlan): boolean {
  const bucketName = resolve<{ s3Bucket?: { bucketName?: unknown } }>(plan, plan.protectedResource)?.s3Bucket?.bucketName;
  return alertingRules(plan).some(({ pattern }) => {
    const detail = (pattern.detail ?? {}) as {
      s3ObjectDetails?: { bucketName?: unknown };
      scanResultDetails?: { scanResultStatus?: unknown };
    };
    return (
      listsAll(pattern.source, ['aws.guardduty']) &&
      listsAll(pattern['detail-type'], ['GuardDuty Malware Protection Object Scan Result']) &&
      Object.keys(detail).every((k) => k === 's3ObjectDetails' || k === 'scanResultDetails') &&
      listsAll(detail.scanResultDetails?.scanResultStatus, [MALWARE_THREAT_STATUS]) &&
      (detail.s3ObjectDetails === undefined || listsAll(detail.s3ObjectDetails.bucketName, [bucketName]))
    );
  });
}

/**
 * Every finding source alerts people (DP-THREAT-DETECTION, DP-POSTURE,
 * DP-CLASS-DISCOVERY): the stack of a GuardDuty detector, Security Hub hub,
 * Access Analyzer or Macie session has an enabled EventBridge rule for each
 * of its routes (`FINDING_ROUTES`: GuardDuty medium and above, Security Hub
 * failed controls and new critical/high findings, active Access Analyzer
 * findings, Macie findings), and the stack of a Malware Protection plan one
 * for its bucket's threats found; each publishes to an encrypted SNS topic
 * of the stack whose policy admits that rule by ARN.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node instanceof CfnMalwareProtectionPlan)
      return malwareRouted(node) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    const feature = SOURCES.find(([type]) => node instanceof type)?.[1];
    if (feature === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const rules = alertingRules(node);
    const routed = FINDING_ROUTES.filter((r) => r.feature === feature).every((route) =>
      rules.some(({ pattern }) => covers(pattern, route.pattern)),
    );
    return routed ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
