export * from './errors';
export * from './load';
export * from './model';
export * from './names';
export * from './regions';
export * from './validate';
export * from './now';
