/**
 * Deterministic names derived from the configuration. Stacks in different
 * regions refer to each other's resources by these names instead of by
 * CloudFormation exports (no `crossRegionReferences`), so every name that
 * crosses a stack boundary is computed here and only here.
 *
 * A client's names are the properties and methods of one {@link ClientNames},
 * derived once per client; names of the provider that depend on no client
 * (audit, log archive, backup audit, pipeline and guardrail names) are free
 * functions of the provider below it.
 */
import type { ClientConfig, ProviderConfig } from './schema';

/**
 * Every name derived for one client: stacks, keys, buckets, vaults, roles and
 * plans, in the client's account. Derive it once per client (a stack builds
 * it and passes it down to its constructs) and read the names from it; it is
 * the only place a client's names are computed.
 *
 * @example
 * const names = new ClientNames(config.provider, acme);
 * names.dataStack; // 'precision-acme-data'
 * names.datasetBucket('claims', 'eu-west-1'); // 'precision-acme-claims-111111111111-eu-west-1'
 */
export class ClientNames {
  /** The provider's name (`provider.name`), the first part of every name. */
  public readonly provider: string;
  /** The client's id (`clients[].id`). */
  public readonly clientId: string;
  /** The account the client's resources live in: `clients[].account`, else `provider.account`. */
  public readonly account: string;
  /** CloudFormation stack name of the client's primary data stack. */
  public readonly dataStack: string;
  /** CloudFormation stack name of the client's replica stack (replica region). */
  public readonly replicaStack: string;
  /** CloudFormation stack name of the client's copy vault stack in the backup account. */
  public readonly backupCopyStack: string;
  /** CloudFormation description of the client's primary data stack (its display name included: checked against the limits in `lib/config/validate.ts`). */
  public readonly dataStackDescription: string;
  /** CloudFormation description of the client's replica stack. */
  public readonly replicaStackDescription: string;
  /** CloudFormation description of the client's copy vault stack in the backup account. */
  public readonly backupCopyStackDescription: string;
  /** KMS alias of the client's data key (the same alias in every region). */
  public readonly keyAlias: string;
  /** Name of the client's backup vaults: the same name in the primary and the replica region, and in the backup account (BKP-3.5-OFFSITE). */
  public readonly backupVault: string;
  /** KMS alias of the key encrypting the client's backup vault (the same alias in every region). */
  public readonly backupKeyAlias: string;
  /** IAM name of the role AWS Backup assumes for the client's backups, copies and restore tests. */
  public readonly backupRole: string;
  /** ARN of the client's backup role; key and bucket policies in both regions name it. */
  public readonly backupRoleArn: string;
  /** Name of the client's restore testing plan (at most 50 characters; no hyphens, which AWS Backup refuses there). */
  public readonly restoreTestingPlan: string;
  /**
   * IAM role name of the client's S3 replication role: fixed and unique per
   * client, so the replica stack can name it in policies before it exists (aws-cdk #33355).
   */
  public readonly replicationRole: string;
  /** ARN of the client's S3 replication role (IAM is global: the same in every region). */
  public readonly replicationRoleArn: string;
  /** IAM role name of the client's break-glass role (DP-ALWAYS-OFF). */
  public readonly breakGlassRole: string;
  /** Name of the customer-managed permission boundary that confines the client's roles to its resources. */
  public readonly boundary: string;

  /**
   * Reads only the provider's name and account and the client's id, account
   * and display name, so that the semantic checks can derive names from the
   * parts of a configuration that passed the schema.
   *
   * @param provider `provider` of a configuration that passed `parseConfig` or `loadConfig`
   * @param client one of the `clients` of that configuration
   */
  constructor(provider: ProviderConfig, client: ClientConfig) {
    const prefix = `${provider.name}-${client.id}`;
    this.provider = provider.name;
    this.clientId = client.id;
    this.account = client.account ?? provider.account;
    this.dataStack = `${prefix}-data`;
    this.replicaStack = `${prefix}-replica`;
    this.backupCopyStack = `${prefix}-backup-copy`;
    this.dataStackDescription = `Data stores of client ${client.id} (${client.name}) - client-data-baseline`;
    this.replicaStackDescription = `Replica data stores of client ${client.id} (${client.name}) - client-data-baseline`;
    this.backupCopyStackDescription = `Backup copies of client ${client.id} (${client.name}) out of its account - client-data-baseline`;
    this.keyAlias = `alias/${provider.name}/${client.id}/data`;
    this.backupVault = `${prefix}-backup`;
    this.backupKeyAlias = `alias/${provider.name}/${client.id}/backup`;
    this.backupRole = `${prefix}-backup`;
    this.backupRoleArn = this.roleArn(this.backupRole);
    this.restoreTestingPlan = `${provider.name}_${client.id}_restore`.replace(/-/g, '_');
    this.replicationRole = `${prefix}-s3-replication`;
    this.replicationRoleArn = this.roleArn(this.replicationRole);
    this.breakGlassRole = `${prefix}-break-glass`;
    this.boundary = `${prefix}-boundary`;
  }

  /** S3 bucket name of a client dataset in a region (primary or replica): `<provider>-<client>-<dataset>-<account>-<region>`. */
  public datasetBucket(dataset: string, region: string): string {
    return `${this.provider}-${this.clientId}-${dataset}-${this.account}-${region}`;
  }

  /** ARN of a client dataset bucket in a region (S3 bucket ARNs carry no region or account). */
  public datasetBucketArn(dataset: string, region: string): string {
    return `arn:aws:s3:::${this.datasetBucket(dataset, region)}`;
  }

  /** S3 bucket name of the client's server access log bucket in a region. */
  public accessLogBucket(region: string): string {
    return `${this.provider}-${this.clientId}-${this.account}-${region}-s3logs`;
  }

  /** ARN of the client's backup vault in a region; copy actions name the replica region's by it. */
  public backupVaultArn(region: string): string {
    return `arn:aws:backup:${region}:${this.account}:backup-vault:${this.backupVault}`;
  }

  /**
   * ARN of the client's copy vault in the backup account; the client's plans copy into it by this ARN.
   *
   * @param region the region of the account copy (`accountCopyRegion` in `lib/backup`)
   */
  public backupCopyVaultArn(backupAccount: string, region: string): string {
    return `arn:aws:backup:${region}:${backupAccount}:backup-vault:${this.backupVault}`;
  }

  /** Name of the client's backup plan for a tier (at most 50 characters: the tier without its hyphen). */
  public backupPlan(tier: string): string {
    return `${this.provider}-${this.clientId}-${tier.replace(/-/g, '')}`;
  }

  /** IAM role name of the client's duty role, e.g. `precision-acme-operator` (CDM-3.2-LEAST-PRIV). */
  public dutyRole(duty: string): string {
    return `${this.provider}-${this.clientId}-${duty}`;
  }

  /** Name of the customer-managed permissions policy of the client's duty (or `break-glass`) role. */
  public dutyPolicy(duty: string): string {
    return `${this.provider}-${this.clientId}-${duty}-access`;
  }

  /** ARN of an IAM role of the client's account. */
  public roleArn(roleName: string): string {
    return `arn:aws:iam::${this.account}:role/${roleName}`;
  }

  /** The ARN prefix of every KMS key of the client's account in a region; a key ARN is this plus the key id. */
  public kmsKeyArnPrefix(region: string): string {
    return `arn:aws:kms:${region}:${this.account}:key/`;
  }
}

/** S3 bucket naming rules (general purpose buckets). */
export const BUCKET_NAME_RULES = {
  maxLength: 63,
  pattern: /^[a-z0-9][a-z0-9-]*[a-z0-9]$/,
} as const;

/** CloudFormation stack name of the provider's audit stack (home region, provider account). */
export function auditStackName(provider: ProviderConfig): string {
  return `${provider.name}-audit`;
}

/**
 * Name of the provider's CloudTrail trail. Fixed, so that its ARN is built
 * from it: the trail's own `Arn` attribute in the bucket and key policies
 * makes a dependency cycle (aws-cdk #31400).
 */
export function auditTrailName(provider: ProviderConfig): string {
  return `${provider.name}-audit`;
}

/** ARN of the provider's trail (all known regions are in the `aws` partition). */
export function auditTrailArn(provider: ProviderConfig): string {
  return `arn:aws:cloudtrail:${provider.homeRegion}:${provider.account}:trail/${auditTrailName(provider)}`;
}

/** CloudWatch Logs group that receives the trail's events. */
export function auditLogGroupName(provider: ProviderConfig): string {
  return `/${provider.name}/audit/cloudtrail`;
}

/** ARN of the trail's log group, as KMS's `aws:logs:arn` encryption context names it. */
export function auditLogGroupArn(provider: ProviderConfig): string {
  return `arn:aws:logs:${provider.homeRegion}:${provider.account}:log-group:${auditLogGroupName(provider)}`;
}

/** KMS alias of the audit key (trail, log group, log archive). */
export function auditKeyAlias(provider: ProviderConfig): string {
  return `alias/${provider.name}/audit`;
}

/**
 * The log archive bucket. It starts with the account id, a digit, and a
 * provider name starts with a letter: so it never falls under
 * {@link clientBucketArnPrefix}, and the trail does not log its own delivery.
 */
export function logArchiveBucketName(provider: ProviderConfig): string {
  return `${logArchiveAccount(provider)}-${provider.name}-audit-${provider.homeRegion}`;
}

/**
 * The account the log archive lives in: `provider.accounts.logArchive` when
 * set (DP-LOG-INTEGRITY's full form), otherwise the provider's own account.
 */
export function logArchiveAccount(provider: ProviderConfig): string {
  return provider.accounts?.logArchive ?? provider.account;
}

/** Whether the log archive lives in an account of its own (a log archive account). */
export function hasLogArchiveAccount(provider: ProviderConfig): boolean {
  return provider.accounts?.logArchive !== undefined;
}

/** CloudFormation stack name of the log archive stack (log archive account, home region). */
export function logArchiveStackName(provider: ProviderConfig): string {
  return `${provider.name}-log-archive`;
}

/**
 * ARN of the alias of the log archive's key (log archive account, home
 * region). A key id is random; the trail in another account names the key by
 * this alias ARN, which KMS accepts across accounts.
 */
export function logArchiveKeyAliasArn(provider: ProviderConfig): string {
  return `arn:aws:kms:${provider.homeRegion}:${logArchiveAccount(provider)}:${auditKeyAlias(provider)}`;
}

/** Server access log bucket of the log archive. */
export function logArchiveAccessLogBucketName(provider: ProviderConfig): string {
  return `${logArchiveBucketName(provider)}-s3logs`;
}

/**
 * The ARN prefix every client bucket (datasets, primary and replica, and the
 * clients' access log buckets) starts with: bucket names derived above all
 * begin with `<provider>-`, and S3 ARNs carry neither account nor region.
 * One `StartsWith` condition on it selects every client bucket's data events,
 * however many clients there are (DP-LOG-ALL-ACCESS).
 */
export function clientBucketArnPrefix(provider: ProviderConfig): string {
  return `arn:aws:s3:::${provider.name}-`;
}

/** Backup Audit Manager objects allow letters, digits and underscores only. */
function auditObjectName(...parts: string[]): string {
  return parts.join('_').replace(/-/g, '_');
}

/** CloudFormation stack name of the shared backup audit stack of one account and region (BKP-6-AUDIT). */
export function backupAuditStackName(provider: ProviderConfig, account: string, region: string): string {
  return `${provider.name}-backup-audit-${account}-${region}`;
}

/** Name of the Backup Audit Manager framework of one account and region. */
export function backupFrameworkName(provider: ProviderConfig, region: string): string {
  return auditObjectName(provider.name, 'backup_policy', region);
}

/** Name of a Backup Audit Manager report plan of one account and region, e.g. `precision_restore_jobs_eu_west_1`. */
export function backupReportPlanName(provider: ProviderConfig, report: string, region: string): string {
  return auditObjectName(provider.name, report, region);
}

/** The account the deployment pipelines run in (`provider.pipeline.account`, default the provider's). */
export function pipelineAccount(provider: ProviderConfig): string {
  return provider.pipeline?.account ?? provider.account;
}

/** Name of one of the deployment pipelines: `<provider>-baseline` for the first (shard 0), `<provider>-baseline-<k>` for the others. */
export function pipelineName(provider: ProviderConfig, shard: number): string {
  return `${provider.name}-baseline${shard === 0 ? '' : `-${shard}`}`;
}

/**
 * Server access log bucket of the pipeline's artifact store in one region. Like
 * the log archive's, it starts with the account id, so it never falls under
 * {@link clientBucketArnPrefix}. The first pipeline's (shard 0) and the
 * cross-region stores (shared by every pipeline of the account) carry no
 * shard number.
 */
export function pipelineAccessLogBucketName(provider: ProviderConfig, region: string, shard = 0): string {
  return `${pipelineAccount(provider)}-${provider.name}-pipeline-${shard === 0 ? '' : `${shard}-`}${region}-s3logs`;
}

/** CloudFormation stack name of the organization's guardrails (management account or delegated policy administrator). */
export function guardrailsStackName(provider: ProviderConfig): string {
  return `${provider.name}-organization-guardrails`;
}

/** Name of the service control policy holding one client account to its clients' allowed regions. */
export function regionGuardrailName(provider: ProviderConfig, account: string): string {
  return `${provider.name}-regions-${account}`;
}

/** Name of the service control policy that keeps the trail, detection and backups on in every client account. */
export function protectionGuardrailName(provider: ProviderConfig): string {
  return `${provider.name}-protect-baseline`;
}

/** Name of the resource control policy that closes client buckets and keys to the world outside the organization. */
export function perimeterGuardrailName(provider: ProviderConfig): string {
  return `${provider.name}-data-perimeter`;
}
