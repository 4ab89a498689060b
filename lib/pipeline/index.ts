export * from './pipeline-stack';
export * from './stages';
