export * from './acknowledgements';
export * from './finding-value';
export * from './client-data-baseline-checks';
export * from './stack-limits';
export * from './registry';
export * from './engine';
