export * from './client-scope';
export * from './client-data-store';
export * from './client-replica-store';
