export * from './load';
export * from './validate';
export * from './now';
