export * from './access-policy';
export * from './access-role';
export * from './break-glass-role';
export * from './client-access-boundary';
export * from './client-access';
export * from './human-trust';
