/**
 * The baseline's vocabulary: tag keys, classifications, tiers, duties, lock
 * modes and metadata keys that constructs write and rules read. Names, not
 * defaults: changing one changes what deployed resources are called.
 */
/** Tag keys the baseline writes and the policy pack reads (CDM-3.1-CLASSIFY, DP-ABAC). */
export const TAG_KEYS = {
  /** The owning client's id, on every client resource; also the ABAC principal tag. */
  clientId: 'client-id',
  /** The dataset a store holds. */
  dataset: 'dataset',
  /** The one classification of the data in a store (DP-CLASS-SEPARATE). */
  classification: 'classification',
  /** The backup tier of a store (BKP-2-TIERS). */
  tier: 'tier',
  /** Marks resources created by this baseline. */
  managedBy: 'managed-by',
  /** A store's recovery point objective in hours (BKP-4.1-RPO). */
  rpoHours: 'rpo-hours',
  /** A store's recovery time objective in hours, which restore tests are judged against (BKP-4.2-RTO). */
  rtoHours: 'rto-hours',
} as const;

/** Value of the `managed-by` tag. */
export const MANAGED_BY = 'client-data-baseline';

/** Classifications, lowest first; `confidential` is the floor (CDM-3.1-CLASSIFY). */
export const CLASSIFICATIONS = ['confidential', 'pii', 'phi', 'pci', 'cui'] as const;

export type Classification = (typeof CLASSIFICATIONS)[number];

/** Classifications that carry regulatory obligations and raise the controls. */
export const REGULATED_CLASSIFICATIONS: readonly Classification[] = ['pii', 'phi', 'pci', 'cui'];

/** Backup tiers from the Customer Data Backup Policy §2 (BKP-2-TIERS). */
export const TIERS = ['critical', 'important', 'non-essential'] as const;

export type Tier = (typeof TIERS)[number];

/**
 * Stack metadata key under which every per-client stack records the regions
 * its client's agreement allows (CDM-3.8-SOVEREIGNTY); rules read it.
 */
export const RESIDENCY_METADATA = 'cdb:allowed-regions';

/** Metadata key under which a client's scope (a `ClientDataStore` or `ClientReplicaStore`) records the client's id. */
export const CLIENT_METADATA = 'cdb:client-id';

/**
 * Stack metadata key with which a client's replica stack names the region it
 * replicates from; backup rules skip its buckets (they are copies, their
 * source is backed up) (BKP-3.5-OFFSITE).
 */
export const REPLICA_METADATA = 'cdb:replica-of';

/** Object Lock modes of the log archive; `compliance` only on explicit opt-in (DP-LOG-INTEGRITY). */
export const LOCK_MODES = ['governance', 'compliance'] as const;

export type LockMode = (typeof LOCK_MODES)[number];

/** CloudWatch namespace of the security metrics the audit trail's metric filters emit (DP-MONITOR). */
export const SECURITY_METRIC_NAMESPACE = 'ClientDataBaseline/Audit';

/**
 * Duties a client's people can hold, each a role of its own (CDM-3.2-LEAST-PRIV):
 * `operator` reads and writes objects, `reader` reads them, `auditor` reads
 * configuration and logs but no object content.
 */
export const DUTIES = ['operator', 'reader', 'auditor'] as const;

export type Duty = (typeof DUTIES)[number];

/** Tag keys on the roles people assume (CDM-3.2-REVIEW, DP-ALWAYS-OFF); `client-id` is in TAG_KEYS. */
export const ACCESS_TAG_KEYS = {
  /** The duty of a role (`operator`, `reader`, `auditor`, `break-glass`). */
  duty: 'duty',
  /** The change that approved a break-glass role. */
  ticket: 'break-glass-ticket',
  /** Who approved it. */
  approvedBy: 'break-glass-approved-by',
  /** When it stops working. */
  expires: 'break-glass-expires',
} as const;

/** Condition keys the trust policies of people's roles use (CDM-3.2-MFA, DP-ABAC, DP-ALWAYS-OFF). */
export const TRUST_CONDITION_KEYS = {
  mfa: 'aws:MultiFactorAuthPresent',
  principalArn: 'aws:PrincipalArn',
  sessionTag: `aws:RequestTag/${TAG_KEYS.clientId}`,
  currentTime: 'aws:CurrentTime',
  requestedRegion: 'aws:RequestedRegion',
} as const;

/**
 * Stack metadata keys of the organization layout (a small blast radius), which
 * the rules read: the log archive account a trail's stack delivers to
 * (DP-LOG-INTEGRITY), the backup account a client's data stack copies to
 * (BKP-BLAST-RADIUS), and the organization whose guardrails cover a client
 * stack's account (DP-MINIMAL-SERVICES).
 */
export const ORGANIZATION_METADATA = {
  logArchiveAccount: 'cdb:log-archive-account',
  backupAccount: 'cdb:backup-account',
  guardrails: 'cdb:guardrails',
} as const;
