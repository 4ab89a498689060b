export * from './acknowledgement-checks';
export * from './acknowledgement-ledger';
export * from './acknowledgements';
export * from './finding-value';
export * from './client-data-baseline-checks';
export * from './stack-limits';
export * from './registry';
export * from './engine';
