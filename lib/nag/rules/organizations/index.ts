export { default as OrganizationGuardrailsAttached } from './OrganizationGuardrailsAttached';
