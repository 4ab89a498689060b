export * from './app';
export * from './baseline';
export * from './config';
export * from './constructs';
export * from './defaults';
export * from './nag';
export * from './stacks';
export * from './backup';
