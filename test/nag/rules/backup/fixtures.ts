/** Shared setup of the backup rule tests: acme's datasets and backups in a client stack, plain plans to break. */
import { Duration, type Stack, Tags } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { effectiveTier, parseConfig, RESIDENCY_METADATA, type Tier, tierRules } from '../../../../lib/internal';
import { ClientBackup } from '../../../../lib/constructs/backup';
import { AlertTopic } from '../../../../lib/constructs/alerts';
import { exampleRaw } from '../../../util';

export const ACCOUNT = '111111111111';
export const COPY_VAULT = `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:precision-acme-backup`;
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/precision-acme-backup`;
export const acme = parseConfig(exampleRaw()).clients[0];

/** A client stack: tagged with the client's id and its allowed regions recorded. */
export function clientStack(stack: Stack, allowed = ['eu-central-1', 'eu-west-1']): void {
  Tags.of(stack).add('client-id', 'acme');
  stack.node.addMetadata(RESIDENCY_METADATA, allowed);
}

/** The baseline's backups of acme for some tiers. */
export function clientBackup(stack: Stack, tiers: Tier[] = ['critical']): ClientBackup {
  const terms = tiers.map((t) => effectiveTier(acme, t));
  const retentions = terms.flatMap((t) => tierRules(t).map((r) => r.retentionDays));
  const [min, max] = [Math.min(...retentions), Math.max(...retentions)];
  return new ClientBackup(stack, 'Backup', {
    clientId: 'acme',
    tiers: terms,
    lock: { mode: 'governance', minRetentionDays: min, maxRetentionDays: max > min ? max : undefined },
    names: {
      vault: 'precision-acme-backup',
      plans: Object.fromEntries(tiers.map((t) => [t, `precision-acme-${t}`])),
      vaultKeyAlias: 'alias/precision/acme/backup',
      role: 'precision-acme-backup',
      restoreTestingPlan: 'precision_acme_restore',
    },
    copyVaultArn: COPY_VAULT,
    copyRegion: 'eu-central-1',
    alertTopic: new AlertTopic(stack, 'Alerts', { emails: ['secops@example.com'] }).topic,
  });
}

/** A plain L2 plan tagged with a tier, for the cases the baseline's constructs refuse to build. */
export function taggedPlan(stack: Stack, tier: string, rule: backup.BackupPlanRuleProps): backup.BackupPlan {
  const vault = backup.BackupVault.fromBackupVaultArn(stack, `Vault${tier}`, `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-vault:v`);
  const plan = new backup.BackupPlan(stack, `Plan-${tier}`, { backupVault: vault, backupPlanRules: [new backup.BackupPlanRule(rule)] });
  Tags.of(plan).add('tier', tier);
  return plan;
}

export const copyTo = (stack: Stack, arn: string, days: number) => [
  {
    destinationBackupVault: backup.BackupVault.fromBackupVaultArn(stack, `Copy${arn.length}${days}`, arn),
    deleteAfter: Duration.days(days),
  },
];
