export * from './checks';
export * from './effective';
export * from './schedule';
export * from './tiers';
export * from './blast-radius';
