export * from './audit-key';
export * from './audit-trail';
export * from './log-archive-bucket';
export * from './security-alarms';
export * from './security-events';
export * from './archive-account-lock';
