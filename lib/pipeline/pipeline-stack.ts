import { Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as pipelines from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import { type BaselineConfig, pipelineAccessLogBucketName, MANAGED_BY, TAG_KEYS } from '../model';
import { acknowledgeFindings } from '../nag';
import { PIPELINE_FINDINGS } from './acknowledgements';
import { hardenArtifactStore } from './artifact-store';
import { denyClientData } from './client-data-guard';
import { type ClientPart, ClientsStage, clientGroups, SharedStage } from './stages';

/** Properties of a {@link PipelineStack}. */
export interface PipelineStackProps extends StackProps {
  /** The validated configuration; `provider.pipeline` names the source. */
  readonly config: BaselineConfig;
  /** The configuration file's path in the repository, passed to the synth step. */
  readonly configPath: string;
}

/** The pipeline's waves, in deployment order. */
export const PIPELINE_WAVES = { shared: 'shared', replicas: 'replicas', primaries: 'primaries' } as const;

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
 * in three waves, each a stage per account and region deployed in parallel:
 *
 * 1. `shared`: the audit stack (home region) and the backup audit stack of
 *    every account and primary region, so activity is recorded from the start;
 * 2. `replicas`: the clients' replica stacks, one stage per account and
 *    replica region;
 * 3. `primaries`: the clients' data stacks, one stage per account and primary
 *    region. They come after the replicas because S3 refuses a replication
 *    rule whose destination bucket does not exist, and the data stack reads
 *    the replica key's ARN when it deploys.
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
  /** The stage of the shared stacks. */
  public readonly shared: SharedStage;
  /** The replica stages by `<account>/<replica region>`. */
  public readonly replicaStages: Readonly<Record<string, ClientsStage>>;
  /** The primary stages by `<account>/<primary region>`. */
  public readonly primaryStages: Readonly<Record<string, ClientsStage>>;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    const { config } = props;
    const { provider } = config;
    const source = provider.pipeline;
    if (source === undefined) {
      throw new Error(
        'pipeline mode needs provider.pipeline: { connectionArn, repository, branch } in the configuration (received nothing)',
      );
    }
    super(scope, id, {
      ...props,
      env: { account: provider.account, region: provider.homeRegion },
      stackName: `${provider.name}-pipeline`,
      description: 'Deployment pipeline of the baseline - client-data-baseline',
      terminationProtection: true,
      tags: { ...props.tags, [TAG_KEYS.managedBy]: MANAGED_BY },
    });
    // What CDK Pipelines generates for the pipeline, its support stacks (children of the app) included.
    acknowledgeFindings(this.node.root, PIPELINE_FINDINGS);
    const input = pipelines.CodePipelineSource.connection(source.repository, source.branch, { connectionArn: source.connectionArn });
    this.pipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      pipelineName: `${provider.name}-baseline`,
      // Artifacts encrypted with rotating customer-managed keys, which the other accounts' deployment roles may use.
      crossAccountKeys: true,
      enableKeyRotation: true,
      synth: new pipelines.ShellStep('Synth', { input, commands: synthCommands(props.configPath) }),
    });
    this.shared = new SharedStage(this, 'Shared', { config, env: { account: provider.account, region: provider.homeRegion } });
    this.pipeline.addWave(PIPELINE_WAVES.shared).addStage(this.shared);
    const wave = (name: string, part: ClientPart): Record<string, ClientsStage> => {
      const stages: Record<string, ClientsStage> = {};
      const pipelineWave = this.pipeline.addWave(name);
      for (const { account, region } of clientGroups(config, part)) {
        const stage = new ClientsStage(this, `${part === 'replica' ? 'Replicas' : 'Primaries'}-${account}-${region}`, {
          config,
          part,
          account,
          region,
          env: { account, region },
        });
        pipelineWave.addStage(stage);
        stages[`${account}/${region}`] = stage;
      }
      return stages;
    };
    this.replicaStages = wave(PIPELINE_WAVES.replicas, 'replica');
    this.primaryStages = wave(PIPELINE_WAVES.primaries, 'data');

    // Build now, so that the generated stores and roles can be brought to the baseline's defaults.
    this.pipeline.buildPipeline();
    const codePipeline = this.pipeline.pipeline;
    const stores = [
      codePipeline.artifactBucket,
      ...Object.values(codePipeline.crossRegionSupport).map((support) => support.replicationBucket),
    ].filter((bucket): bucket is s3.Bucket => bucket instanceof s3.Bucket);
    for (const bucket of stores) {
      hardenArtifactStore(bucket, { accessLogBucketName: pipelineAccessLogBucketName(provider, Stack.of(bucket).region) });
    }
    const artifactBucketArns = stores.map((b) => b.bucketArn);
    for (const role of this.node.findAll().filter((c): c is iam.Role => c instanceof iam.Role && Stack.of(c) === this)) {
      denyClientData(role, { artifactBucketArns });
    }
  }
}
