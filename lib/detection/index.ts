export * from './checks';
export * from './environments';
export * from './findings';
export * from './names';
export * from './recording';
export * from './settings';
export * from './standards';
export * from './malware';
