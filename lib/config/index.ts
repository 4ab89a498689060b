export * from './context';
export * from './load';
export * from './validate';
