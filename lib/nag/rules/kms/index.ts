export { default as KmsKeyAdminSeparated } from './KmsKeyAdminSeparated';
export { default as KmsKeyUseClientScoped } from './KmsKeyUseClientScoped';
