export * from './scope';
export * from './statements';
export * from './patterns';
