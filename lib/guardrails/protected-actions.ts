/**
 * What no one inside a client account may do in organization mode
 * (DP-MINIMAL-SERVICES, DP-IDS-INDEPENDENT, DP-LOG-INTEGRITY, BKP-IMMUTABLE):
 * stop or narrow the trail, switch off or leave detection, delete backups or
 * their vaults, leave the organization. Grouped by what they protect, so the
 * report and the proof can name the group.
 */
export const PROTECTED_ACTIONS = {
  trail: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors'],
  detection: [
    'guardduty:DeleteDetector',
    'guardduty:DisassociateFromAdministratorAccount',
    'guardduty:DisassociateFromMasterAccount',
    'guardduty:StopMonitoringMembers',
    'securityhub:DisableSecurityHub',
    'securityhub:DisassociateFromAdministratorAccount',
    'securityhub:DisassociateFromMasterAccount',
    'config:DeleteConfigurationRecorder',
    'config:StopConfigurationRecorder',
    'config:DeleteDeliveryChannel',
    'access-analyzer:DeleteAnalyzer',
    'macie2:DisableMacie',
    'macie2:DisassociateFromAdministratorAccount',
    'macie2:DisassociateFromMasterAccount',
  ],
  backup: [
    'backup:DeleteBackupVault',
    'backup:DeleteRecoveryPoint',
    'backup:UpdateRecoveryPointLifecycle',
    'backup:DeleteBackupVaultLockConfiguration',
    'backup:DeleteBackupVaultAccessPolicy',
  ],
  organization: ['organizations:LeaveOrganization'],
} as const;

/** Every protected action, in one list. */
export const ALL_PROTECTED_ACTIONS: readonly string[] = Object.values(PROTECTED_ACTIONS).flat();
