export * from './scope';
export * from './statements';
export * from './patterns';
export * from './actions';
