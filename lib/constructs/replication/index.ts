export * from './dataset-replication';
export * from './replication-role';
export * from './replica-key-arn';
export * from './replication-failure-alarm';
