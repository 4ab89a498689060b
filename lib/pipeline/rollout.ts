/**
 * How a pipeline's deployments are laid out in CodePipeline stages so that
 * none crosses CodePipeline's structure limits (`AWS_LIMITS`): CDK Pipelines
 * turns each stage into one CodePipeline stage and splits it at 50 graph
 * leaves, but a `ConfirmPermissionsBroadening` step is one leaf and two
 * actions, so a split stage can still hold 51. The rollout therefore sizes
 * its stages in actions itself (at most {@link STACKS_PER_STAGE} stacks, one
 * permission check, the diff and the approval), and CDK Pipelines never has
 * to split one.
 */
import { AWS_LIMITS } from '../aws-limits';

/** Actions a stack adds to its CodePipeline stage: CDK Pipelines' change set (Prepare) and its execution (Deploy). */
export const ACTIONS_PER_STACK = 2;

/** Actions of a `ConfirmPermissionsBroadening` step: its CodeBuild check and its manual approval. */
export const CONFIRM_ACTIONS = 2;

/** Actions the first waves carry besides their stages: the diff step (first wave) and the approval (first client wave). */
export const REVIEW_ACTIONS = 2;

/**
 * Most stacks in one pipeline stage (a CDK `Stage`): with the stage's
 * permission check, the diff and the approval, it stays within
 * CodePipeline's 50 actions a stage. 23.
 */
export const STACKS_PER_STAGE = Math.floor((AWS_LIMITS.codePipelineActionsPerStage - CONFIRM_ACTIONS - REVIEW_ACTIONS) / ACTIONS_PER_STACK);

/** Splits a list into chunks of at most `size`, in order (the last one shorter). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk: size must be a whole number of at least 1 (received ${size})`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Splits a list into chunks of at most `size` in total weight, in order:
 * an item opens a new chunk when it does not fit the current one (an item
 * heavier than `size` has a chunk of its own).
 */
export function chunkByWeight<T>(items: readonly T[], size: number, weight: (item: T) => number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunkByWeight: size must be a whole number of at least 1 (received ${size})`);
  const chunks: T[][] = [];
  let total = 0;
  for (const item of items) {
    const w = weight(item);
    if (chunks.length === 0 || total + w > size) {
      chunks.push([]);
      total = 0;
    }
    chunks[chunks.length - 1].push(item);
    total += w;
  }
  return chunks;
}

/** The name of the i-th (0-based) stage of a kind: `replicas`, `replicas-2`, ... */
export function stageName(kind: string, index: number): string {
  return index === 0 ? kind : `${kind}-${index + 1}`;
}
