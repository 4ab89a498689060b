export * from './errors';
export * from './names';
export * from './regions';
export * from './schema';
export * from './vocabulary';
