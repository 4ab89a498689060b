export * from './errors';
export * from './names';
export * from './regions';
export * from './schema';
export * from './scope-metadata';
export * from './vocabulary';
export * from './iam-arn';
export * from './text';
