/**
 * Everything the project defines, for its own app, tests, scripts and bench.
 * Not the package's API: consumers import the named exports of `./index`.
 */
export * from './app';
export * from './backup';
export * from './baseline';
export * from './config';
export * from './model';
export * from './constructs';
export * from './aws-limits';
export * from './defaults';
export * from './nag';
export * from './report';
export * from './stacks';
export * from './access';
export * from './isolation';
export * from './offboarding';
export * from './pipeline';
export * from './detection';
export * from './policy-checks';
export * from './progress';
