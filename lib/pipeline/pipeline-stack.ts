import { Stack, type StackProps, type Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as pipelines from 'aws-cdk-lib/pipelines';
import type { Construct, IConstruct } from 'constructs';
import { type BaselineConfig, MANAGED_BY, pipelineAccessLogBucketName, pipelineAccount, pipelineName, TAG_KEYS } from '../model';
import { acknowledgeFindings } from '../nag';
import { PIPELINE_FINDINGS } from './acknowledgements';
import { hardenArtifactStore, isArtifactStore } from './artifact-store';
import { denyClientData } from './client-data-guard';
import { ReviewApprovalStep } from './approval-step';
import { DiffStep } from './diff-step';
import { sharedPrerequisites } from './prerequisites';
import { chunk, chunkByWeight, STACKS_PER_STAGE, stageName } from './rollout';
import { shardContents, shardCount, type ShardContents } from './shards';
import { type ClientPart, ClientsStage, clientStackCount, SharedStage, sharedItems } from './stages';

/** Properties of a {@link PipelineStack}. */
export interface PipelineStackProps extends StackProps {
  /** The validated configuration; `provider.pipeline` names the source. */
  readonly config: BaselineConfig;
  /** The configuration file's path in the repository, passed to the synth step. */
  readonly configPath: string;
  /**
   * Which of the configuration's pipelines this is (0-based, below
   * `provider.pipeline.shards`). Pipeline 0 keeps the unsharded names
   * (`<provider>-pipeline`, `<provider>-baseline`); pipeline k adds `-k`.
   *
   * @default 0
   */
  readonly shard?: number;
  /**
   * What the pipeline deploys.
   *
   * @default - its shard of the configuration ({@link shardContents})
   */
  readonly contents?: ShardContents;
}

/** The pipeline's stages, in deployment order (more than one of a kind are numbered: `replicas-2`, ...). */
export const PIPELINE_WAVES = { shared: 'Shared', replicas: 'replicas', primaries: 'primaries', guardrails: 'Guardrails' } as const;

/** The id of the approval that comes before the first wave deploying client stacks. */
export const CLIENT_APPROVAL_ID = 'ApproveClientChanges';

/** The comment of the approval before the first client wave: where the diff is, and what to check. */
export const CLIENT_APPROVAL_COMMENT =
  'Review what this run changes before any client stack deploys: the Diff action (first wave) ran cdk diff of every stage against the deployed stacks, IAM statement and security group changes included; its output artifact holds one file a stage (diff/<stage>.txt) and the review link opens its CodeBuild run. Approve only if every change is expected. Each stage that widens IAM permissions also stops at its ConfirmPermissions action.';

/** App roots whose pipelines' acknowledgements are registered (once per app, however many pipelines). */
const ACKNOWLEDGED = new WeakSet<IConstruct>();

/**
 * The commands of the pipeline's synth step: a clean install, the type check,
 * lint, the tests, and the synth with every policy check on (a finding fails
 * the pipeline before anything deploys).
 */
export function synthCommands(configPath: string): string[] {
  return ['npm ci', 'npx tsc --noEmit', 'npm run lint', 'npx jest', `npx cdk synth --quiet -c pipeline=true -c config=${configPath}`];
}

/**
 * The provider's deployment pipeline (CDK Pipelines), in the provider
 * account and home region: source from the configured CodeStar connection,
 * a synth step that runs the tests and every policy check, then the baseline
 * in stages of at most {@link STACKS_PER_STAGE} stacks, one after the other,
 * each stack deploying in its own account and region:
 *
 * 1. `Shared` (`Shared-2`, ...): with the first pipeline, the log archive
 *    (log archive account), the audit stack (home region), the guardrails,
 *    the Security Hub designations and the security account's stacks, and
 *    every detection stack; then the backup audit stacks of its accounts and
 *    primary regions ({@link sharedItems}), so activity is recorded and
 *    watched from the start;
 * 2. `replicas` (`replicas-2`, ...): the replica stacks of the pipeline's
 *    clients, with their copy vault stacks in the backup account, in
 *    batches in configuration order;
 * 3. `primaries` (`primaries-2`, ...): their data stacks. They come after the
 *    replicas because S3 refuses a replication rule whose destination bucket
 *    does not exist, and the data stack reads the replica key's ARN when it
 *    deploys;
 * 4. `Guardrails` (first pipeline, organization mode): the SCPs and the RCP,
 *    last, so that a mistake in them cannot block the clients' rollout.
 *
 * Before anything deploys, a `Diff` step (first stage) computes `cdk diff` of
 * every stage and publishes it as an artifact ({@link DiffStep}); a manual
 * approval linking it ({@link CLIENT_APPROVAL_ID}) comes before the first
 * client stage; and every stage stops for confirmation when it widens IAM
 * permissions or security group rules (CDK Pipelines'
 * `ConfirmPermissionsBroadening`). Each stage stays within CodePipeline's 50
 * actions (see `rollout.ts`); a configuration too large for one pipeline's
 * 50 stages or one template's 1 MB is sharded over several
 * (`provider.pipeline.shards`, {@link addPipelineStacks}).
 *
 * Clients in accounts of their own get their stacks there
 * (CDM-3.3-SEGREGATE), each stack in the client's regions
 * (CDM-3.8-SOVEREIGNTY). The pipeline's own artifact stores (one per region)
 * are hardened to the baseline's defaults ({@link hardenArtifactStore}) and
 * its roles kept away from client data ({@link denyClientData}); the stores
 * are encrypted with rotating customer-managed keys that the other accounts'
 * deployment roles may use (`crossAccountKeys`), in every configuration.
 */
export class PipelineStack extends Stack {
  /** The pipeline. */
  public readonly pipeline: pipelines.CodePipeline;
  /** Which of the configuration's pipelines this is (0-based). */
  public readonly shard: number;
  /** The first stage of shared stacks, when the pipeline deploys any. */
  public readonly shared?: SharedStage;
  /** Every stage of shared stacks, in order. */
  public readonly sharedStages: readonly SharedStage[];
  /** The stages of the clients' replica stacks (`replicas`, `replicas-2`, ...), in order. */
  public readonly replicaStages: readonly ClientsStage[];
  /** The stages of the clients' data stacks (`primaries`, `primaries-2`, ...), in order. */
  public readonly primaryStages: readonly ClientsStage[];
  /** The stage of the organization guardrails (first pipeline, `provider.guardrails`), after every client stage. */
  public readonly guardrailsStage?: SharedStage;
  /** The step that computes the diff of every stage, when the pipeline deploys anything. */
  public readonly diff?: DiffStep;
  /** The approval before the first wave deploying client stacks, when the pipeline deploys any. */
  public readonly approval?: pipelines.ManualApprovalStep;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    const { config } = props;
    const { provider } = config;
    const source = provider.pipeline;
    if (source === undefined) {
      throw new Error(
        'pipeline mode needs provider.pipeline: { connectionArn, repository, branch } in the configuration (received nothing)',
      );
    }
    const shard = props.shard ?? 0;
    const shards = shardCount(config);
    if (!Number.isInteger(shard) || shard < 0 || shard >= shards) {
      throw new Error(
        `PipelineStack: shard must be a whole number from 0 to ${shards - 1} (provider.pipeline.shards is ${shards}; received ${shard})`,
      );
    }
    const suffix = shard === 0 ? '' : `-${shard}`;
    super(scope, id, {
      ...props,
      env: { account: pipelineAccount(provider), region: provider.homeRegion },
      stackName: `${provider.name}-pipeline${suffix}`,
      description: 'Deployment pipeline of the baseline - client-data-baseline',
      terminationProtection: true,
      tags: { ...props.tags, [TAG_KEYS.managedBy]: MANAGED_BY },
    });
    this.shard = shard;
    // What CDK Pipelines generates for the pipelines, their support stacks (children of the app) included.
    if (!ACKNOWLEDGED.has(this.node.root)) {
      ACKNOWLEDGED.add(this.node.root);
      acknowledgeFindings(this.node.root, PIPELINE_FINDINGS);
    }
    const input = pipelines.CodePipelineSource.connection(source.repository, source.branch, { connectionArn: source.connectionArn });
    const synth = new pipelines.ShellStep('Synth', { input, commands: synthCommands(props.configPath) });
    this.pipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      pipelineName: pipelineName(provider, shard),
      // Artifacts encrypted with rotating customer-managed keys, which the other accounts' deployment roles may use.
      crossAccountKeys: true,
      enableKeyRotation: true,
      // The actions run as the pipeline's role (cross-account ones as the target's CDK deploy role): no role per action.
      usePipelineRoleForActions: true,
      synth,
    });
    const contents = props.contents ?? shardContents(config)[shard];

    // The stages first (the diff step lists them all), at most STACKS_PER_STAGE stacks each.
    const shared = sharedItems(config, contents);
    this.sharedStages = chunk(shared, STACKS_PER_STAGE).map(
      (items, i) =>
        new SharedStage(this, stageName(PIPELINE_WAVES.shared, i), {
          config,
          env: { account: provider.account, region: provider.homeRegion },
          items,
        }),
    );
    this.shared = this.sharedStages[0];
    // Batches of the pipeline's clients in configuration order: adding a client extends the last batch or opens one.
    const clientStages = (part: ClientPart): ClientsStage[] =>
      chunkByWeight(contents.clients, STACKS_PER_STAGE, (client) => clientStackCount(config, client, part)).map(
        (clients, i) =>
          new ClientsStage(this, stageName(part === 'replica' ? PIPELINE_WAVES.replicas : PIPELINE_WAVES.primaries, i), {
            config,
            part,
            clients,
          }),
      );
    const replicas = clientStages('replica');
    const primaries = clientStages('data');
    this.replicaStages = replicas;
    this.primaryStages = primaries;
    // The organization guardrails last (first pipeline): a mistake in them cannot block the rollout of the clients.
    this.guardrailsStage =
      contents.audit && provider.guardrails === true
        ? new SharedStage(this, PIPELINE_WAVES.guardrails, {
            config,
            env: { account: provider.account, region: provider.homeRegion },
            items: [{ kind: 'guardrails' }],
          })
        : undefined;

    // Review: the diff of every stage first, the approval before the first client stage.
    const all: Stage[] = [...this.sharedStages, ...replicas, ...primaries, ...(this.guardrailsStage ? [this.guardrailsStage] : [])];
    if (all.length > 0)
      this.diff = new DiffStep('Diff', { input: synth, stages: all, prerequisites: sharedPrerequisites(config, contents) });
    if (replicas.length > 0 && this.diff !== undefined) {
      // Waits for the diff, whose run it links (in the same stage when the pipeline deploys no shared stacks).
      this.approval = new ReviewApprovalStep(CLIENT_APPROVAL_ID, { comment: CLIENT_APPROVAL_COMMENT, reviewUrl: this.diff.runLink });
    }
    // One wave a stage, in order, each stopping for confirmation when it widens IAM permissions.
    all.forEach((stage, i) => {
      const review = [...(i === 0 && this.diff ? [this.diff] : []), ...(stage === replicas[0] && this.approval ? [this.approval] : [])];
      const confirm = new pipelines.ConfirmPermissionsBroadening('ConfirmPermissions', { stage });
      for (const step of review) confirm.addStepDependency(step); // the diff and the approval come first
      this.pipeline.addStage(stage, { pre: [...review, confirm] });
    });

    // Build now, so that the generated stores and roles can be brought to the baseline's defaults.
    this.pipeline.buildPipeline();
    const codePipeline = this.pipeline.pipeline;
    const ownStore = codePipeline.artifactBucket;
    const stores = [ownStore, ...Object.values(codePipeline.crossRegionSupport).map((support) => support.replicationBucket)].filter(
      (bucket): bucket is s3.Bucket => bucket instanceof s3.Bucket,
    );
    // A cross-region store is shared by every pipeline of the account: hardened once, by the first pipeline that uses it.
    for (const bucket of stores.filter((b) => !isArtifactStore(b))) {
      const region = Stack.of(bucket).region;
      hardenArtifactStore(bucket, { accessLogBucketName: pipelineAccessLogBucketName(provider, region, bucket === ownStore ? shard : 0) });
    }
    const artifactBucketArns = stores.map((b) => b.bucketArn);
    for (const role of this.node.findAll().filter((c): c is iam.Role => c instanceof iam.Role && Stack.of(c) === this)) {
      denyClientData(role, { artifactBucketArns });
    }
  }
}

/**
 * The deployment pipelines of a configuration, one stack per shard
 * (`provider.pipeline.shards`, see {@link shardOf}): `pipeline` for shard 0,
 * `pipeline-<k>` for the others, each deploying its clients' stacks and its
 * share of the backup audit stacks (the audit stack goes with shard 0).
 */
export function addPipelineStacks(scope: Construct, props: Omit<PipelineStackProps, 'shard' | 'contents'>): PipelineStack[] {
  return shardContents(props.config).map(
    (contents, shard) => new PipelineStack(scope, shard === 0 ? 'pipeline' : `pipeline-${shard}`, { ...props, shard, contents }),
  );
}
