export * from './client-data-stack';
