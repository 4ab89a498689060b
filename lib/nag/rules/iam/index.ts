export { default as IamReplicationRoleScoped } from './IamReplicationRoleScoped';
