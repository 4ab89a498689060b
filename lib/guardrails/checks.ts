/**
 * Configuration checks of organization mode and of the baseline's own
 * accounts (`provider.accounts`, `provider.guardrails`): each problem names
 * the field, the value received and what is allowed.
 */
import { type BaselineConfig, ClientNames, type ConfigIssue } from '../model';

/** The keys of `provider.accounts` this domain knows. */
const ACCOUNT_ROLES = ['security', 'logArchive', 'backup'] as const;

/**
 * - `guardrails` and `accounts` need `organizationId` (SCPs, RCPs and
 *   cross-account backup copies work within one organization only);
 * - an account of `accounts` is never a client's account nor the provider's
 *   (a log archive or backup vault in an account it protects is no separation);
 * - in organization mode every client has an account of its own, not the
 *   provider's (SCPs do not apply to the management account, and the
 *   provider's account runs the trail in the home region), and the clients of
 *   one account share their allowed regions (one region guardrail per account);
 * - the pipelines' account (`provider.pipeline.account`), when not the
 *   provider's, is neither a client's account nor one of `accounts`: it may
 *   deploy into all of them;
 * - `clients[].backup.accountCopyRegion` needs `accounts.backup` and lies in
 *   the client's allowed regions other than its primary (CDM-3.8-SOVEREIGNTY,
 *   BKP-3.5-OFFSITE).
 */
export function organizationIssues(config: BaselineConfig): ConfigIssue[] {
  const { provider } = config;
  const issues: ConfigIssue[] = [];
  const needsOrg = (path: string, received: unknown, what: string) => {
    if (provider.organizationId === undefined) {
      issues.push({
        path,
        message: `${what} needs provider.organizationId (the organization's id, e.g. "o-a1b2c3d4e5": aws organizations describe-organization)`,
        received,
      });
    }
  };
  if (provider.guardrails === true) needsOrg('provider.guardrails', provider.guardrails, 'organization guardrails (SCPs and an RCP)');
  const accounts = provider.accounts ?? {};
  const clientAccounts = new Map<string, string>();
  config.clients.forEach((client, i) => {
    const account = new ClientNames(provider, client).account;
    if (!clientAccounts.has(account)) clientAccounts.set(account, `clients[${i}] ("${client.id}")`);
  });
  for (const role of ACCOUNT_ROLES) {
    const account = accounts[role];
    if (account === undefined) continue;
    needsOrg(`provider.accounts.${role}`, account, `an account of the organization (provider.accounts.${role})`);
    const owner = account === provider.account ? 'provider.account' : clientAccounts.get(account);
    if (owner !== undefined) {
      issues.push({
        path: `provider.accounts.${role}`,
        message: `the ${role} account must be apart from every account it protects, but it is the account of ${owner}; allowed: a 12-digit account of the organization that is neither provider.account nor any client's account`,
        received: account,
      });
    }
  }
  const pipelineAccount = provider.pipeline?.account;
  if (pipelineAccount !== undefined && pipelineAccount !== provider.account) {
    const owner =
      clientAccounts.get(pipelineAccount) ??
      ACCOUNT_ROLES.filter((role) => accounts[role] === pipelineAccount).map((role) => `provider.accounts.${role}`)[0];
    if (owner !== undefined) {
      issues.push({
        path: 'provider.pipeline.account',
        message: `the pipelines' account deploys into every other account and must hold nothing it deploys to, but it is the account of ${owner}; allowed: provider.account (${provider.account}) or a 12-digit deployment account that is neither a client's account nor one of provider.accounts`,
        received: pipelineAccount,
      });
    }
  }
  if (provider.guardrails === true) {
    const regionsOf = new Map<string, { index: number; allowed: string }>();
    config.clients.forEach((client, i) => {
      const account = new ClientNames(provider, client).account;
      if (account === provider.account) {
        issues.push({
          path: `clients[${i}].account`,
          message: `client "${client.id}": in organization mode (provider.guardrails) every client needs an account of its own: SCPs do not apply to the management account, and provider.account runs the trail and the guardrails; allowed: a 12-digit account other than provider.account (${provider.account})`,
          received: client.account,
        });
      }
      const allowed = [...client.regions.allowed].sort().join(', ');
      const first = regionsOf.get(account);
      if (first === undefined) regionsOf.set(account, { index: i, allowed });
      else if (first.allowed !== allowed) {
        issues.push({
          path: `clients[${i}].regions.allowed`,
          message: `client "${client.id}": shares account ${account} with clients[${first.index}], whose allowed regions differ; in organization mode one account has one region guardrail; allowed: [${first.allowed}], or an account of its own`,
          received: client.regions.allowed,
        });
      }
    });
  }
  config.clients.forEach((client, i) => {
    const region = client.backup.accountCopyRegion;
    if (region === undefined) return;
    const path = `clients[${i}].backup.accountCopyRegion`;
    if (accounts.backup === undefined) {
      issues.push({
        path,
        message: `client "${client.id}": a copy region in the backup account needs provider.accounts.backup`,
        received: region,
      });
    }
    if (region === client.regions.primary) {
      issues.push({
        path,
        message: `client "${client.id}": the backup account's copy must be in another region than the primary (BKP-3.5-OFFSITE); allowed: ${client.regions.allowed.filter((r) => r !== client.regions.primary).join(', ')}`,
        received: region,
      });
    } else if (!client.regions.allowed.includes(region)) {
      issues.push({
        path,
        message: `client "${client.id}": the backup account's copy is outside the client's allowed regions (allowed: [${client.regions.allowed.join(', ')}])`,
        received: region,
      });
    }
  });
  return issues;
}
