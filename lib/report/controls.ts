/**
 * The controls catalogue (`shared/policies/CONTROLS.md`) as data: every
 * control id with its section, source clause and what the baseline must do.
 * `ORG-*` controls are organisational: no template can enforce them, so the
 * report lists them with the evidence the baseline can still offer.
 * A test keeps this list in step with CONTROLS.md.
 */

/** One control of the catalogue. */
export interface Control {
  /** Stable id, e.g. `CDM-3.4-AT-REST`. */
  readonly id: string;
  /** Catalogue section. */
  readonly section: string;
  /** Source document and clause. */
  readonly source: string;
  /** What the infrastructure must do (or, for organisational controls, the note). */
  readonly requirement: string;
}

/** Every control, in catalogue order. */
export const CONTROLS: readonly Control[] = [
  {
    id: 'CDM-3.1-CLASSIFY',
    section: 'Classification and ownership',
    source: '000 §3.1',
    requirement:
      'Every client data store carries its owner (client id) and a classification, at least `confidential`; regulated classes (PHI, PII, PCI, CUI) raise the controls (e.g. compliance-mode locks, replication time control, stricter rule packs).',
  },
  {
    id: 'DP-CLASS-SEPARATE',
    section: 'Classification and ownership',
    source: '003 Roles and Responsibilities',
    requirement:
      'One data store holds one classification; never mix sensitive and non-sensitive data in one bucket. Controls follow the highest classification in a store.',
  },
  {
    id: 'BKP-2-TIERS',
    section: 'Classification and ownership',
    source: '001 §2',
    requirement: 'Every data store has a backup tier: `critical`, `important` or `non-essential`.',
  },
  {
    id: 'CDM-3.2-LEAST-PRIV',
    section: 'Access control and segregation',
    source: '000 §3.2',
    requirement:
      "Roles are per client and per duty (e.g. operator, read-only, auditor); each grants only the actions its duty needs on that client's own resources. No wildcard resources on data actions.",
  },
  {
    id: 'CDM-3.2-MFA',
    section: 'Access control and segregation',
    source: '000 §3.2',
    requirement: 'Human-assumable roles require MFA in their trust policy.',
  },
  {
    id: 'CDM-3.2-REVIEW',
    section: 'Access control and segregation',
    source: '000 §3.2',
    requirement:
      "Who can reach which client's data is reported (an access matrix), so quarterly reviews have evidence; sessions are short-lived.",
  },
  {
    id: 'CDM-3.3-SEGREGATE',
    section: 'Access control and segregation',
    source: '000 §3.3',
    requirement: "Each client's data is in its own stores with its own KMS key, apart from other clients and from internal corporate data.",
  },
  {
    id: 'CDM-3.3-TENANT-ISOLATION',
    section: 'Access control and segregation',
    source: '000 §3.3, 003 Customer Data Protection',
    requirement:
      "No principal of client A can read, write or decrypt client B's data: bucket policies and key policies deny everyone outside the client's own principals, and this is proven, not assumed.",
  },
  {
    id: 'DP-ABAC',
    section: 'Access control and segregation',
    source: '003 Customer Data Protection',
    requirement:
      "The client's unique identifier travels in the access token (a session/principal tag) and every data access is conditioned on it matching the store's owner.",
  },
  {
    id: 'DP-ALWAYS-OFF',
    section: 'Access control and segregation',
    source: '003 Roles and Responsibilities; Customer Data Protection',
    requirement:
      'No standing administrative access to production data. Break-glass access is off by default, granted only by an approved, recorded, time-boxed change, and it expires by itself.',
  },
  {
    id: 'DP-KEY-ADMIN',
    section: 'Access control and segregation',
    source: '003 Customer Data Protection',
    requirement: 'Key administration and key use are separate; key material and key policies are reachable only by privileged roles.',
  },
  {
    id: 'CDM-3.4-AT-REST',
    section: 'Protection in transit and at rest',
    source: '000 §3.4, 003 Data At Rest',
    requirement:
      "All stores, logs, backups, topics and queues are encrypted; client data with customer-managed KMS keys (rotation on), never AWS-owned or S3-managed keys. Uploads that are not SSE-KMS with the client's key are refused.",
  },
  {
    id: 'CDM-3.4-IN-TRANSIT',
    section: 'Protection in transit and at rest',
    source: '000 §3.4, 003 Data in Transit',
    requirement: 'Requests without TLS are denied; TLS below 1.2 is denied.',
  },
  {
    id: 'DP-INTEGRITY',
    section: 'Protection in transit and at rest',
    source: '003 Customer Data Protection',
    requirement:
      'Data is protected from improper alteration or destruction: versioning, no public access, object ownership enforced, stateful resources retained on stack deletion, optional object lock for regulated data.',
  },
  {
    id: 'CDM-3.5-AUTHORIZED-COPY',
    section: 'Protection in transit and at rest',
    source: '000 §3.5',
    requirement:
      "Data can only be copied to approved destinations (its own replica and backup vaults); roles cannot write a client's data elsewhere.",
  },
  {
    id: 'BKP-3.1-FREQUENCY',
    section: 'Backup and recovery',
    source: '001 §3.1',
    requirement: 'critical: daily; important: weekly; non-essential: monthly. A client agreement may tighten, never loosen.',
  },
  {
    id: 'BKP-3.2-RETENTION',
    section: 'Backup and recovery',
    source: '001 §3.2',
    requirement: 'critical: 30 days; important: 90 days; non-essential: 180 days.',
  },
  {
    id: 'BKP-3.3-METHOD',
    section: 'Backup and recovery',
    source: '001 §3.3',
    requirement:
      'Incremental for daily/weekly, full for monthly; backups encrypted in transit and at rest (vault with a customer-managed key).',
  },
  {
    id: 'BKP-3.4-TESTING',
    section: 'Backup and recovery',
    source: '001 §3.4, 000 §3.6',
    requirement: 'Restores are tested at least quarterly, automatically, and the result is recorded.',
  },
  {
    id: 'BKP-3.5-OFFSITE',
    section: 'Backup and recovery',
    source: '001 §3.5, 000 §3.6',
    requirement: 'Every backup is copied to a vault in another region (optionally another account).',
  },
  {
    id: 'BKP-4.1-RPO',
    section: 'Backup and recovery',
    source: '001 §4.1',
    requirement:
      'RPO critical 48 h, important 7 d, non-essential 30 d: the longest gap between two scheduled backups must not exceed the RPO (a calendar "monthly" schedule can leave a 31-day gap).',
  },
  {
    id: 'BKP-4.2-RTO',
    section: 'Backup and recovery',
    source: '001 §4.2',
    requirement: 'RTO critical 48 h, important 72 h, non-essential 7 d: recorded per store, and restore tests are judged against it.',
  },
  {
    id: 'BKP-5-MONITOR',
    section: 'Backup and recovery',
    source: '001 §5, 003 Customer Data Protection',
    requirement: 'Failed, aborted or expired backup, copy and restore jobs alert people (an encrypted topic with subscriptions).',
  },
  {
    id: 'BKP-IMMUTABLE',
    section: 'Backup and recovery',
    source: '000 §3.6 (integrity), 003 Administrators and Operator Logs',
    requirement: 'Backup vaults are locked so that recovery points cannot be deleted early, even by administrators.',
  },
  {
    id: 'BKP-6-AUDIT',
    section: 'Backup and recovery',
    source: '001 §6',
    requirement: 'Backup compliance is continuously audited (e.g. AWS Backup Audit Manager controls) and reported.',
  },
  {
    id: 'CDM-3.7-RETENTION',
    section: 'Retention, disposal, sovereignty',
    source: '000 §3.7, 003 Data At Rest',
    requirement:
      "Every store and log has a retention schedule (lifecycle rules, non-current version expiry, log retention) taken from its classification or the client's agreement.",
  },
  {
    id: 'CDM-3.7-DISPOSAL',
    section: 'Retention, disposal, sovereignty',
    source: '000 §3.7, 003 Data Deletion',
    requirement:
      'Offboarding a client disposes of its data irrecoverably by cryptographic erasure (scheduled KMS key deletion) and leaves a record of the deletion.',
  },
  {
    id: 'CDM-3.8-SOVEREIGNTY',
    section: 'Retention, disposal, sovereignty',
    source: '000 §3.8',
    requirement:
      "A client's data (primary, replica, backup copies, logs of its data) stays in the regions its agreement allows; a configuration that would move it elsewhere does not synthesize.",
  },
  {
    id: 'DP-MULTI-REGION',
    section: 'Retention, disposal, sovereignty',
    source: '003 Customer Data Protection',
    requirement: "Client data is replicated to a second region for redundancy and disaster recovery, within the client's allowed regions.",
  },
  {
    id: 'DP-LOG-ALL-ACCESS',
    section: 'Logging and monitoring',
    source: '003 Roles and Responsibilities; Event Logs',
    requirement:
      'All access to production data is logged: API activity in all regions, data events (read and write) on every client store, and server access logs.',
  },
  {
    id: 'DP-LOG-INTEGRITY',
    section: 'Logging and monitoring',
    source: '003 Formatting, Storage; Administrators and Operator Logs',
    requirement:
      "Log files are validated (digests), encrypted, stored where administrators cannot delete or alter them (locked, retained), and copied in real time outside the operators' control. Met fully only when the log archive lives in an account of its own (a log archive account) that the provider's operators do not administer; a same-account archive is the weaker, single-account form.",
  },
  {
    id: 'DP-MONITOR',
    section: 'Logging and monitoring',
    source: '003 Customer Data Protection, SA Regular Monitoring',
    requirement:
      'Security-relevant events alert people: root use, unauthorized calls, policy changes, key deletion scheduling, trail changes, bucket policy changes.',
  },
  {
    id: 'CDM-5.1-AUDIT',
    section: 'Logging and monitoring',
    source: '000 §5.1, SA Audit Rights',
    requirement: 'The baseline produces audit evidence: which control is met by which resource and checked by which rule.',
  },
  {
    id: 'DP-THREAT-DETECTION',
    section: 'Detection and posture after deploy',
    source:
      '003 Roles and Responsibilities ("security monitoring enabled, including activity and file integrity monitoring, vulnerability scanning, and/or malware detection"), 003 Customer Data Protection ("automated monitoring for potential security incidents"), SA Implementing Technical Safeguards (intrusion detection)',
    requirement:
      'Every account and region that holds client data runs managed threat detection over its API activity and S3 data access, and scans new objects in every client bucket for malware; every finding alerts people.',
  },
  {
    id: 'DP-IDS-INDEPENDENT',
    section: 'Detection and posture after deploy',
    source:
      '003 Administrators and Operator Logs ("intrusion detection system managed outside of the control of system and network administrators")',
    requirement:
      'Detection is administered from a security account that the operators of client accounts cannot administer, and (in organization mode) cannot be disabled or narrowed from a client account.',
  },
  {
    id: 'DP-POSTURE',
    section: 'Detection and posture after deploy',
    source:
      '003 Roles and Responsibilities (vulnerability scanning), SA Regular Monitoring (continuous assessment, vulnerability scans), 000 §5.1 (assessment of technical controls)',
    requirement:
      'Deployed configuration is assessed continuously against the same frameworks the synth checks use (AWS Foundational Security Best Practices, CIS, NIST 800-53 R5, PCI DSS), and any external access to a client bucket or key is reported; failed checks alert people.',
  },
  {
    id: 'DP-CLASS-DISCOVERY',
    section: 'Detection and posture after deploy',
    source: '003 Roles and Responsibilities (same classification in one repository), 000 §3.1',
    requirement:
      'The content of regulated and confidential client stores is sampled for sensitive data, so a store holding data above its declared classification (e.g. PHI in a `confidential` bucket) is found and reported.',
  },
  {
    id: 'DP-MINIMAL-SERVICES',
    section: 'Detection and posture after deploy',
    source: '003 Roles and Responsibilities ("disable services that are not required")',
    requirement:
      "In organization mode, guardrails keep each client account to what the baseline needs: no regions outside the client's allowed regions, no disabling of the trail, detection or backups from inside the account, no client store reachable from outside the organization.",
  },
  {
    id: 'BKP-BLAST-RADIUS',
    section: 'Detection and posture after deploy',
    source: '000 §3.6 (integrity, offsite storage), 001 §3.5',
    requirement:
      "At least one copy of every critical or regulated backup lives outside the blast radius of the account it protects: a vault in another account, or a logically air-gapped vault, that the protected account's administrators cannot delete from.",
  },
  { id: 'ORG-TRAINING', section: 'Organisational (no template can enforce)', source: '001 §7', requirement: 'Training.' },
  { id: 'ORG-NDA', section: 'Organisational (no template can enforce)', source: '003 Confidentiality/NDA', requirement: 'Agreements.' },
  {
    id: 'ORG-PURPOSE',
    section: 'Organisational (no template can enforce)',
    source: '000 §3.5, SA Data Use Limitations',
    requirement: 'Processing only for agreed purposes.',
  },
  {
    id: 'ORG-MASKING',
    section: 'Organisational (no template can enforce)',
    source: '000 §3.5, 003 De-identification',
    requirement: 'Test data masking.',
  },
  {
    id: 'ORG-BREACH',
    section: 'Organisational (no template can enforce)',
    source: 'SA Breach Notification',
    requirement: 'Notification timelines (alerts from DP-MONITOR feed it).',
  },
  {
    id: 'ORG-ENFORCEMENT',
    section: 'Organisational (no template can enforce)',
    source: '000 §5.3, 001 §9',
    requirement: 'Disciplinary action.',
  },
];

/**
 * For each organisational control, the evidence the baseline can still
 * offer; no rule pretends to check these.
 */
export const ORGANISATIONAL_EVIDENCE: Readonly<Record<string, string>> = {
  'ORG-TRAINING': 'None from infrastructure; training records are kept outside the baseline.',
  'ORG-NDA': 'None from infrastructure; agreements are kept outside the baseline.',
  'ORG-PURPOSE':
    'Access is limited to per-client duty roles (CDM-3.2-LEAST-PRIV) and every data access is logged (DP-LOG-ALL-ACCESS), so processing can be reviewed against the agreed purposes.',
  'ORG-MASKING':
    'None from infrastructure; client data never leaves its client stores (CDM-3.5-AUTHORIZED-COPY), so test environments cannot read it without a duty role.',
  'ORG-BREACH': 'Security alarms and job-failure alerts (DP-MONITOR, BKP-5-MONITOR) page people, which starts the notification clock.',
  'ORG-ENFORCEMENT': 'None from infrastructure; the audit trail (DP-LOG-ALL-ACCESS) attributes every action to a principal.',
};

/** Whether a control is organisational (no template can enforce it). */
export function isOrganisational(control: Control): boolean {
  return control.id.startsWith('ORG-');
}
