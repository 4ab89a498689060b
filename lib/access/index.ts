export * from './scope';
export * from './statements';
