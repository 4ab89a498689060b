export { default as S3ClientAbacEnforced } from './S3ClientAbacEnforced';
export { default as S3ClientKeyEncryption } from './S3ClientKeyEncryption';
export { default as S3ClientKeyUploadsEnforced } from './S3ClientKeyUploadsEnforced';
export { default as S3SingleClassification } from './S3SingleClassification';
export { default as S3TlsEnforced } from './S3TlsEnforced';
export { default as S3DatasetReplicated } from './S3DatasetReplicated';
export { default as S3ReplicaEncryptedWithClientKey } from './S3ReplicaEncryptedWithClientKey';
export { default as S3ReplicationInAllowedRegions } from './S3ReplicationInAllowedRegions';
