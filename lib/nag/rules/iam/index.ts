export { default as IamBreakGlassTimeBoxed } from './IamBreakGlassTimeBoxed';
export { default as IamHumanRoleBoundaryAttached } from './IamHumanRoleBoundaryAttached';
export { default as IamHumanRoleMfaRequired } from './IamHumanRoleMfaRequired';
export { default as IamHumanRoleSessionTagRequired } from './IamHumanRoleSessionTagRequired';
export { default as IamHumanRoleShortSession } from './IamHumanRoleShortSession';
export { default as IamNoCrossClientResource } from './IamNoCrossClientResource';
export { default as IamNoStandingAdminAccess } from './IamNoStandingAdminAccess';
export { default as IamReplicationRoleScoped } from './IamReplicationRoleScoped';
