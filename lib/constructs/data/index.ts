export * from './client-key';
export * from './key-administration';
export * from './client-data-bucket';
export * from './access-log-bucket';
export * from './client-replica-bucket';
