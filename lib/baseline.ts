import type { Construct } from 'constructs';
import { accountCopyTiers } from './backup/blast-radius';
import { type BaselineConfig, type ClientConfig, ClientNames, ConfigError } from './model';
import { detectionEnvironments, detectionSettings, featureEnabled, securityRegions } from './detection';
import {
  AuditStack,
  BackupAuditStack,
  BackupCopyStack,
  ClientDataStack,
  ClientReplicaStack,
  DetectionDelegationStack,
  DetectionStack,
  LogArchiveStack,
  OrganizationGuardrailsStack,
  SecurityStack,
} from './stacks';

/** The stacks of one client. */
export interface ClientStacks {
  /** Primary data stores. */
  readonly data: ClientDataStack;
  /** Disaster-recovery replicas, deployed before `data`. */
  readonly replica: ClientReplicaStack;
  /** The copy vault in the backup account (BKP-BLAST-RADIUS), deployed before `data`; only with `provider.accounts.backup`. */
  readonly backupCopy?: BackupCopyStack;
}

/** Everything the baseline builds for a configuration. */
export interface BaselineStacks {
  /** Per client id. */
  readonly clients: Readonly<Record<string, ClientStacks>>;
  /** The provider's audit trail, log archive and security alarms (home region). */
  readonly audit: AuditStack;
  /** Backup audit frameworks, one per account and primary region with clients (`<account>/<region>`). */
  readonly backupAudits: Readonly<Record<string, BackupAuditStack>>;
  /** Detection after deploy, one per account and region with client data (`<account>/<region>`). */
  readonly detection: Readonly<Record<string, DetectionStack>>;
  /** The locked archive in the log archive account, deployed before `audit`; only with `provider.accounts.logArchive`. */
  readonly logArchive?: LogArchiveStack;
  /** The organization's SCPs and RCP (organization mode, `provider.guardrails`). */
  readonly guardrails?: OrganizationGuardrailsStack;
  /** Detection administered from the security account, by region; only with `provider.accounts.security`. */
  readonly security?: SecurityStacks;
}

/** The stacks of the security-account form of detection (DP-IDS-INDEPENDENT). */
export interface SecurityStacks {
  /** The security account's stacks by region (every region with client data, and the home region). */
  readonly administration: Readonly<Record<string, SecurityStack>>;
  /** The management account's Security Hub designations by region, deployed before them (posture on). */
  readonly delegation: Readonly<Record<string, DetectionDelegationStack>>;
}

/** Options of {@link addBaselineStacks}. */
export interface BaselineOptions {
  /**
   * Build only these clients' stacks (plus every shared stack, which still
   * sees the whole configuration): selective synth, `-c clients=acme,globex`.
   *
   * @default - every client
   */
  readonly onlyClients?: readonly string[];
}

/**
 * Adds the baseline's stacks for a validated configuration to an app.
 * Construct ids derive from client ids, never from positions in the file, so
 * reordering clients changes nothing.
 *
 * @param scope an `App` (a pipeline builds the same stacks in its stages, see `lib/pipeline`)
 * @param config a configuration that passed `parseConfig`/`loadConfig`
 * @param options which clients to build
 * @throws ConfigError when `onlyClients` names a client the configuration does not have
 */
export function addBaselineStacks(scope: Construct, config: BaselineConfig, options: BaselineOptions = {}): BaselineStacks {
  const ids = selectClients(config, options.onlyClients);
  const selected = config.clients.filter((c) => ids.has(c.id));
  const clients: Record<string, ClientStacks> = {};
  for (const client of selected) {
    const names = new ClientNames(config.provider, client); // derived once, for all the client's stacks
    const replica = addReplicaStack(scope, config, client, names);
    const data = addDataStack(scope, config, client, names);
    data.addStackDependency(replica, 'the data stack replicates into the replica buckets, which must exist first');
    const backupCopy = addBackupCopyStack(scope, config, client, names);
    if (backupCopy !== undefined) data.addStackDependency(backupCopy, 'the data stack copies backups into the backup account vault');
    clients[client.id] = { data, replica, backupCopy };
  }
  const logArchive = addLogArchiveStack(scope, config);
  const audit = addAuditStack(scope, config);
  const detection = addDetectionStacks(scope, config, selected, logArchive ?? audit);
  if (logArchive !== undefined) {
    audit.addStackDependency(logArchive, 'CloudTrail checks the archive bucket and key policies when the trail is created');
  }
  const guardrails = addGuardrailsStack(scope, config);
  const security = addSecurityStacks(scope, config);
  return { clients, audit, backupAudits: addBackupAuditStacks(scope, config, selected), detection, logArchive, guardrails, security };
}

/** Adds the log archive stack (`log-archive`, log archive account, home region) when `provider.accounts.logArchive` is set. */
export function addLogArchiveStack(scope: Construct, config: BaselineConfig): LogArchiveStack | undefined {
  if (config.provider.accounts?.logArchive === undefined) return undefined;
  return new LogArchiveStack(scope, 'log-archive', { config });
}

/**
 * Adds a client's copy vault stack in the backup account (`<client>-backup-copy`)
 * when `provider.accounts.backup` is set and the client has critical or regulated datasets.
 *
 * @param names the client's names, when derived already (default: derived from `config.provider` and `client`)
 */
export function addBackupCopyStack(
  scope: Construct,
  config: BaselineConfig,
  client: ClientConfig,
  names = new ClientNames(config.provider, client),
): BackupCopyStack | undefined {
  const { accounts, organizationId } = config.provider;
  if (accounts?.backup === undefined || organizationId === undefined || accountCopyTiers(client).length === 0) return undefined;
  return new BackupCopyStack(scope, `${client.id}-backup-copy`, {
    provider: config.provider,
    client,
    names,
    backupAccount: accounts.backup,
    organizationId,
  });
}

/** Adds the organization guardrails stack (`organization-guardrails`) in organization mode only (`provider.guardrails`). */
export function addGuardrailsStack(scope: Construct, config: BaselineConfig): OrganizationGuardrailsStack | undefined {
  if (config.provider.guardrails !== true) return undefined;
  return new OrganizationGuardrailsStack(scope, 'organization-guardrails', { config });
}

/**
 * Adds the security-account form of detection when `provider.accounts.security`
 * is set (DP-IDS-INDEPENDENT): in each region of `securityRegions`, the
 * management account's Security Hub designation
 * (`detection-delegation-<region>`, posture on) and the security account's
 * stack (`security-<region>`) after it; the home region's, which aggregates
 * every region, after every designation.
 *
 * @param only build only these regions' designations and security stacks (a pipeline stage's share; the home region's stack still aggregates every region)
 */
export function addSecurityStacks(
  scope: Construct,
  config: BaselineConfig,
  only?: { readonly delegation: ReadonlySet<string>; readonly administration: ReadonlySet<string> },
): SecurityStacks | undefined {
  const { provider } = config;
  if (detectionSettings(provider).securityAccount === undefined) return undefined;
  const regions = securityRegions(config);
  const delegation: Record<string, DetectionDelegationStack> = {};
  const administration: Record<string, SecurityStack> = {};
  for (const region of regions) {
    if (featureEnabled(provider, 'posture') && (only === undefined || only.delegation.has(region))) {
      delegation[region] = new DetectionDelegationStack(scope, `detection-delegation-${region}`, { provider, region });
    }
    if (only === undefined || only.administration.has(region)) {
      administration[region] = new SecurityStack(scope, `security-${region}`, { provider, region, regions });
    }
  }
  for (const [region, stack] of Object.entries(administration)) {
    for (const [from, designation] of Object.entries(delegation)) {
      if (from === region || region === provider.homeRegion) {
        stack.addStackDependency(designation, 'designating the security account enables Security Hub there, in each region it aggregates');
      }
    }
  }
  return { administration, delegation };
}

/**
 * The configuration restricted to the clients whose stacks were built (what
 * a selective synth reports). Looks client ids up as own keys only: an id may
 * name an `Object.prototype` member, e.g. `constructor`.
 */
export function builtConfig(config: BaselineConfig, built: BaselineStacks): BaselineConfig {
  return { ...config, clients: config.clients.filter((c) => Object.hasOwn(built.clients, c.id)) };
}

/**
 * Adds a client's disaster-recovery replica stack (`<client>-replica`, in its replica region).
 *
 * @param names the client's names, when derived already (default: derived from `config.provider` and `client`)
 */
export function addReplicaStack(
  scope: Construct,
  config: BaselineConfig,
  client: ClientConfig,
  names = new ClientNames(config.provider, client),
): ClientReplicaStack {
  return new ClientReplicaStack(scope, `${client.id}-replica`, { provider: config.provider, client, names });
}

/**
 * Adds a client's primary data stack (`<client>-data`, in its primary region).
 *
 * @param names the client's names, when derived already (default: derived from `config.provider` and `client`)
 */
export function addDataStack(
  scope: Construct,
  config: BaselineConfig,
  client: ClientConfig,
  names = new ClientNames(config.provider, client),
): ClientDataStack {
  return new ClientDataStack(scope, `${client.id}-data`, { provider: config.provider, client, names });
}

/** Adds the provider's audit stack (`audit`, home region). */
export function addAuditStack(scope: Construct, config: BaselineConfig): AuditStack {
  return new AuditStack(scope, 'audit', { config });
}

/**
 * Adds one backup audit stack per account and primary region of the given
 * clients (`backup-audit-<account>-<region>`).
 *
 * @returns the stacks by `<account>/<region>`
 */
export function addBackupAuditStacks(
  scope: Construct,
  config: BaselineConfig,
  clients: readonly ClientConfig[],
): Record<string, BackupAuditStack> {
  const stacks: Record<string, BackupAuditStack> = {};
  for (const client of clients) {
    const [account, region] = [new ClientNames(config.provider, client).account, client.regions.primary];
    stacks[`${account}/${region}`] ??= new BackupAuditStack(scope, `backup-audit-${account}-${region}`, {
      provider: config.provider,
      account,
      region,
    });
  }
  return stacks;
}

/**
 * Adds one detection stack per account and region holding the given
 * clients' data (primary, replica and backup copy regions):
 * `detection-<account>-<region>`. Which region records an account's global
 * types is decided over the whole configuration, so selective synth builds
 * the same stacks. With posture on, each deploys after the stack of the
 * configuration history bucket (`history`: the log archive stack when the
 * log archive has an account of its own, else the audit stack) and after
 * its account's stack that creates Config's service-linked role, when that
 * stack is built beside it.
 *
 * @param only build only these `<account>/<region>` (a pipeline stage's share)
 * @returns the stacks by `<account>/<region>`
 */
export function addDetectionStacks(
  scope: Construct,
  config: BaselineConfig,
  clients: readonly ClientConfig[],
  history?: AuditStack | LogArchiveStack,
  only?: ReadonlySet<string>,
): Record<string, DetectionStack> {
  const wanted = new Set(clients.map((c) => c.id));
  const stacks: Record<string, DetectionStack> = {};
  const environments = detectionEnvironments(config).filter(
    (e) => e.clients.some((c) => wanted.has(c.id)) && (only === undefined || only.has(`${e.account}/${e.region}`)),
  );
  const globalStack = new Map<string, DetectionStack>();
  for (const { account, region, recordsGlobalTypes } of [...environments].sort(
    (a, b) => Number(b.recordsGlobalTypes) - Number(a.recordsGlobalTypes),
  )) {
    const stack = new DetectionStack(scope, `detection-${account}-${region}`, {
      provider: config.provider,
      account,
      region,
      recordsGlobalTypes,
    });
    stacks[`${account}/${region}`] = stack;
    if (recordsGlobalTypes) globalStack.set(account, stack);
    if (!featureEnabled(config.provider, 'posture')) continue;
    if (history !== undefined)
      stack.addStackDependency(history, `Config delivers to the configuration history bucket of the ${history.node.id} stack`);
    const global = globalStack.get(account);
    if (global !== undefined && global !== stack)
      stack.addStackDependency(global, "the account's Config service-linked role is created there");
  }
  return Object.fromEntries(Object.entries(stacks).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The ids of the clients to build: all of them, or the named ones. Every
 * unknown name is reported at once, with the ids that exist.
 *
 * @param names client ids, e.g. from `-c clients=acme,globex`
 * @throws ConfigError listing every unknown or duplicate name
 */
export function selectClients(config: BaselineConfig, names?: readonly string[]): ReadonlySet<string> {
  const known = new Set(config.clients.map((c) => c.id));
  if (names === undefined) return known;
  const sample = [...known].slice(0, 5).join(', ') + (known.size > 5 ? `, ... (${known.size} clients)` : '');
  const issues = names.flatMap((name, i) => {
    if (!known.has(name)) {
      return [{ path: `context.clients[${i}]`, message: `no client with this id in the configuration (known: ${sample})`, received: name }];
    }
    return [];
  });
  if (names.length === 0) issues.push({ path: 'context.clients', message: 'name at least one client id, comma-separated', received: '' });
  if (issues.length > 0) throw new ConfigError('-c clients', issues);
  return new Set(names);
}

/** Parses the `clients` context value (`acme,globex`) into ids; `undefined` when absent. */
export function parseClientsContext(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return list.map((s) => s.trim()).filter((s) => s !== '');
}
