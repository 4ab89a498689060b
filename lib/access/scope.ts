/**
 * What a client's roles may ever reach, derived from the configuration alone
 * (names are deterministic, so both regions are known in either stack):
 * its dataset buckets and log buckets in the primary and replica regions, and
 * its data keys there (CDM-3.2-LEAST-PRIV, CDM-3.3-TENANT-ISOLATION).
 */
import type { ClientNames } from '../model/names';
import type { BreakGlassConfig, ClientConfig, ProviderConfig } from '../model/schema';
import type { Duty } from '../model';

/** A client's resources, by name. */
export interface ClientScope {
  /** The client's id: the value of the `client-id` tag its sessions carry. */
  readonly clientId: string;
  /** The account its resources and roles live in. */
  readonly account: string;
  /** Regions holding its data: primary first, then replica. */
  readonly regions: readonly string[];
  /** Dataset bucket names in every region of `regions`. */
  readonly dataBucketNames: readonly string[];
  /** Server access log bucket names in every region of `regions`. */
  readonly logBucketNames: readonly string[];
  /** The alias its data keys carry in every region. */
  readonly keyAlias: string;
}

/**
 * The scope of a client.
 *
 * @param names the client's names (`new ClientNames(provider, client)`)
 */
export function clientScope(client: ClientConfig, names: ClientNames): ClientScope {
  const regions = [client.regions.primary, client.regions.replica];
  return {
    clientId: client.id,
    account: names.account,
    regions,
    dataBucketNames: regions.flatMap((region) => client.datasets.map((d) => names.datasetBucket(d.name, region))),
    logBucketNames: regions.map((region) => names.accessLogBucket(region)),
    keyAlias: names.keyAlias,
  };
}

/** Who may assume a client's duty role (empty: the role is not created). */
export function dutyPrincipals(client: ClientConfig, duty: Duty): readonly string[] {
  const access = client.access;
  return duty === 'operator' ? access.operators : duty === 'reader' ? access.readers : access.auditors;
}

/** A client's effective break-glass approval and who may use it, or `undefined` when off. */
export interface EffectiveBreakGlass {
  /** The approval (the client's own, else the provider's). */
  readonly approval: BreakGlassConfig;
  /** Where the approval comes from. */
  readonly source: 'client' | 'provider';
  /** Who may assume the role: the approval's principals, else the client's operators. */
  readonly principals: readonly string[];
}

/** The break-glass access in force for a client, if any (DP-ALWAYS-OFF). */
export function effectiveBreakGlass(provider: ProviderConfig, client: ClientConfig): EffectiveBreakGlass | undefined {
  const approval = client.breakGlass ?? provider.breakGlass;
  if (approval === undefined) return undefined;
  return {
    approval,
    source: client.breakGlass !== undefined ? 'client' : 'provider',
    principals: approval.principals ?? client.access.operators,
  };
}
