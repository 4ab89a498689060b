/** Readers shared by the backup rules: plans, selections and their tags, resolved. */
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBackupPlan, type CfnBackupSelection } from 'aws-cdk-lib/aws-backup';
import { nearestMetadata, REPLICA_METADATA, TAG_KEYS } from '../../../model';
import { asArray, logicalIdOf, referencedId, resolve, resourcesInStack, tagsOf } from '../helpers';

/** A resolved backup plan rule (L1 property names). */
export interface PlanRule {
  readonly ruleName?: string;
  readonly scheduleExpression?: string;
  readonly startWindowMinutes?: number;
  readonly enableContinuousBackup?: boolean;
  readonly lifecycle?: { deleteAfterDays?: number; moveToColdStorageAfterDays?: number };
  readonly copyActions?: {
    destinationBackupVaultArn?: unknown;
    lifecycle?: { deleteAfterDays?: number; moveToColdStorageAfterDays?: number };
  }[];
}

/** The resolved rules of a backup plan. */
export function planRules(plan: CfnBackupPlan): PlanRule[] {
  return asArray(resolve<{ backupPlanRule?: PlanRule[] }>(plan, plan.backupPlan).backupPlanRule);
}

/** The tier a plan is tagged with. */
export function planTier(plan: CfnBackupPlan): string | undefined {
  return tagsOf(plan)[TAG_KEYS.tier];
}

/** A selection's `StringEquals` tag conditions as key/value pairs. */
export function selectionTagConditions(selection: CfnBackupSelection): Record<string, string> {
  // `conditions` is untyped in the L1, so it keeps CloudFormation's names.
  const body = resolve<{ conditions?: { StringEquals?: { ConditionKey: string; ConditionValue: string }[] } }>(
    selection,
    selection.backupSelection,
  );
  return Object.fromEntries(asArray(body.conditions?.StringEquals).map((c) => [c.ConditionKey, c.ConditionValue]));
}

/** The resources a selection names. */
export function selectionResources(selection: CfnBackupSelection): unknown[] {
  return asArray(resolve<{ resources?: unknown[] }>(selection, selection.backupSelection).resources);
}

/** The plan of the node's stack a selection belongs to. */
export function selectionPlan(selection: CfnBackupSelection): CfnBackupPlan | undefined {
  const id = referencedId(selection, selection.backupPlanId);
  return resourcesInStack(selection, CfnBackupPlan).find((plan) => logicalIdOf(plan) === id);
}

/** Whether the node is in a replica stack or store, whose buckets are copies of backed-up sources. */
export function isReplicaStack(node: CfnResource): boolean {
  return nearestMetadata(node, REPLICA_METADATA) !== undefined;
}

/** The region in a backup vault ARN, or `undefined` when the ARN is not a literal. */
export function vaultArnRegion(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  return /^arn:aws[\w-]*:backup:([a-z0-9-]+):\d{12}:backup-vault:[\w-]+$/.exec(arn)?.[1];
}
