export * from './erasure';
export * from './metadata';
