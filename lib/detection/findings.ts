/**
 * Which findings reach people (DP-THREAT-DETECTION, DP-POSTURE,
 * DP-CLASS-DISCOVERY): one EventBridge pattern per finding source, routed to
 * the encrypted alert topic. The constructs build their rules from these, and
 * the pack's rule checks the synthesized rules against them: one home.
 */
import type { DetectionFeature } from '../model';
import { DETECTION_DEFAULTS } from './settings';

/** An EventBridge event pattern as CloudFormation renders it. */
export interface FindingPattern {
  readonly source: readonly string[];
  readonly 'detail-type': readonly string[];
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** One route: which findings of a source alert, and what serves them. */
export interface FindingRoute {
  /** Construct id of the rule. */
  readonly id: string;
  /** The feature whose service emits the findings. */
  readonly feature: DetectionFeature;
  /** Controls the alert serves. */
  readonly controls: readonly string[];
  /** What the rule sends, for its description. */
  readonly description: string;
  readonly pattern: FindingPattern;
}

/** The routes of one account and region's detection stack (malware scan results are routed per client, see {@link malwareScanRoute}). */
export const FINDING_ROUTES: readonly FindingRoute[] = [
  {
    id: 'GuardDutyFindings',
    feature: 'threatDetection',
    controls: ['DP-THREAT-DETECTION'],
    description: 'GuardDuty findings of medium severity and above',
    pattern: {
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', DETECTION_DEFAULTS.guardDutyAlertSeverity] }] },
    },
  },
  {
    id: 'SecurityHubFailedControls',
    feature: 'posture',
    controls: ['DP-POSTURE'],
    description: 'Security Hub control checks that failed (new, active)',
    pattern: {
      source: ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Imported'],
      detail: {
        findings: { Compliance: { Status: ['FAILED'] }, RecordState: ['ACTIVE'], Workflow: { Status: ['NEW'] } },
      },
    },
  },
  {
    id: 'SecurityHubCriticalFindings',
    feature: 'posture',
    controls: ['DP-POSTURE', 'DP-THREAT-DETECTION'],
    description: 'New critical and high Security Hub findings',
    pattern: {
      source: ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Imported'],
      detail: {
        findings: { Severity: { Label: ['CRITICAL', 'HIGH'] }, RecordState: ['ACTIVE'], Workflow: { Status: ['NEW'] } },
      },
    },
  },
  {
    id: 'AccessAnalyzerFindings',
    feature: 'accessAnalysis',
    controls: ['DP-POSTURE'],
    description: 'Active IAM Access Analyzer findings (a bucket, key or role reachable from outside the zone of trust)',
    pattern: { source: ['aws.access-analyzer'], 'detail-type': ['Access Analyzer Finding'], detail: { status: ['ACTIVE'] } },
  },
  {
    id: 'MacieFindings',
    feature: 'sensitiveDataDiscovery',
    controls: ['DP-CLASS-DISCOVERY'],
    description: 'Amazon Macie findings (sensitive data found, or a bucket policy weakened)',
    pattern: { source: ['aws.macie'], 'detail-type': ['Macie Finding'] },
  },
];

/** The scan status GuardDuty reports for an object in which it found malware. */
export const MALWARE_THREAT_STATUS = 'THREATS_FOUND';

/** The route of a client's malware scan results: objects of its buckets in which a threat was found. */
export function malwareScanRoute(bucketNames: readonly string[]): FindingRoute {
  return {
    id: 'MalwareScanThreats',
    feature: 'malwareScanning',
    controls: ['DP-THREAT-DETECTION'],
    description: 'Objects of the client buckets in which GuardDuty Malware Protection found a threat',
    pattern: {
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
      detail: {
        s3ObjectDetails: { bucketName: [...bucketNames].sort() },
        scanResultDetails: { scanResultStatus: [MALWARE_THREAT_STATUS] },
      },
    },
  };
}
