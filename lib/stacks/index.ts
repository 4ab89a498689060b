export * from './client-data-stack';
export * from './client-replica-stack';
export * from './client-stack';
export * from './client-stack-props';
export * from './audit-stack';
export * from './backup-audit-stack';
export * from './detection-stack';
