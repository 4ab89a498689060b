export * from './replication';
export * from './data';
export * from './alerts';
export * from './access';
export * from './backup';
export * from './audit';
export * from './guardrails';
export * from './store';
