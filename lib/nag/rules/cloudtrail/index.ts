export { default as CloudTrailArchiveLocked } from './CloudTrailArchiveLocked';
export { default as CloudTrailArchiveRetained } from './CloudTrailArchiveRetained';
export { default as CloudTrailClientDataEvents } from './CloudTrailClientDataEvents';
export { default as CloudTrailEncryptedWithCmk } from './CloudTrailEncryptedWithCmk';
export { default as CloudTrailLogFileValidation } from './CloudTrailLogFileValidation';
export { default as CloudTrailMultiRegion } from './CloudTrailMultiRegion';
export { default as CloudTrailToEncryptedLogGroup } from './CloudTrailToEncryptedLogGroup';
export { default as CloudTrailArchiveInOwnAccount } from './CloudTrailArchiveInOwnAccount';
