export * from './checks';
export * from './global-services';
export * from './policies';
export * from './protected-actions';
