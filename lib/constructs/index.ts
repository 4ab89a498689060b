export * from './access-log-bucket';
export * from './client-data-bucket';
export * from './client-key';
export * from './alert-topic';
