export { default as BackupCopyCrossRegion } from './BackupCopyCrossRegion';
export { default as BackupDatasetSelected } from './BackupDatasetSelected';
export { default as BackupJobFailuresAlerted } from './BackupJobFailuresAlerted';
export { default as BackupPlanMeetsTier } from './BackupPlanMeetsTier';
export { default as BackupRestoreTested } from './BackupRestoreTested';
export { default as BackupVaultCmkEncrypted } from './BackupVaultCmkEncrypted';
export { default as BackupVaultLocked } from './BackupVaultLocked';
