export * from './alert-topic';
export * from './alert-topic-publishers';
export * from './key-use-alert';
