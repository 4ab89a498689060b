export * from './organization-guardrail';
