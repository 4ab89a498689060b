import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { BACKUP_ROLE_MANAGED_POLICIES } from '../../defaults';

/** Properties of a {@link BackupServiceRole}. */
export interface BackupServiceRoleProps {
  /** The role name (derived, see `names.ts`), so that key and bucket policies in both regions can name it. */
  readonly roleName: string;
  /** The owning client's id, for the description. */
  readonly clientId: string;
}

/**
 * The role AWS Backup assumes for one client's backups, copies and restore
 * tests (BKP-3.3-METHOD, BKP-3.4-TESTING). Only AWS Backup of the client's
 * own account may assume it; it carries the AWS managed policies S3 backup
 * and restore need, and reaches the client's keys only because their key
 * policies name it (together with the client's id tag it carries, like every
 * resource of the client's stack).
 */
export class BackupServiceRole extends iam.Role {
  constructor(scope: Construct, id: string, props: BackupServiceRoleProps) {
    super(scope, id, {
      roleName: props.roleName,
      description: `AWS Backup service role of client ${props.clientId}: backups, copies and restore tests of its S3 datasets`,
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
      }),
      managedPolicies: BACKUP_ROLE_MANAGED_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
  }
}
