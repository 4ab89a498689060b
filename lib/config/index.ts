export * from './load';
export * from './validate';
