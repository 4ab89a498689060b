export * from './artifact-store';
export * from './client-data-guard';
export * from './pipeline-stack';
export * from './stages';
export * from './generated-wildcards';
