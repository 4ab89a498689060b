import { Stack, type StackProps } from 'aws-cdk-lib';
import * as pipelines from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import { type BaselineConfig, clientAccount } from '../config';
import { MANAGED_BY, TAG_KEYS } from '../defaults';
import { ClientsStage, clientGroups, SharedStage } from './stages';

/** Properties of a {@link PipelineStack}. */
export interface PipelineStackProps extends StackProps {
  /** The validated configuration; `provider.pipeline` names the source. */
  readonly config: BaselineConfig;
  /** The configuration file's path in the repository, passed to the synth step. */
  readonly configPath: string;
}

/** The pipeline's waves, in deployment order. */
export const PIPELINE_WAVES = { shared: 'shared', clients: 'clients' } as const;

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
 * in waves. Wave `shared` deploys the audit stack (home region) first; wave
 * `clients` deploys one stage per account and primary region, each holding
 * its clients' replica stacks (first) and data stacks and the backup audit
 * stack of that account and region, in parallel across stages
 * (CDM-3.3-SEGREGATE: clients in accounts of their own get their stacks
 * there; CDM-3.8-SOVEREIGNTY: each stack in the client's regions). With more
 * than one account, the artifact bucket gets a KMS key that the other
 * accounts' deployment roles can use (`crossAccountKeys`).
 */
export class PipelineStack extends Stack {
  /** The pipeline. */
  public readonly pipeline: pipelines.CodePipeline;
  /** The stage of the shared stacks. */
  public readonly shared: SharedStage;
  /** The client stages by `<account>/<region>`. */
  public readonly clientStages: Readonly<Record<string, ClientsStage>>;

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
    const accounts = new Set([provider.account, ...config.clients.map((c) => clientAccount(provider, c))]);
    const input = pipelines.CodePipelineSource.connection(source.repository, source.branch, { connectionArn: source.connectionArn });
    this.pipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      pipelineName: `${provider.name}-baseline`,
      crossAccountKeys: accounts.size > 1,
      enableKeyRotation: accounts.size > 1,
      synth: new pipelines.ShellStep('Synth', { input, commands: synthCommands(props.configPath) }),
    });
    this.shared = new SharedStage(this, 'Shared', { config, env: { account: provider.account, region: provider.homeRegion } });
    this.pipeline.addWave(PIPELINE_WAVES.shared).addStage(this.shared);
    const clientsWave = this.pipeline.addWave(PIPELINE_WAVES.clients);
    const stages: Record<string, ClientsStage> = {};
    for (const { account, region } of clientGroups(config)) {
      stages[`${account}/${region}`] = new ClientsStage(this, `Clients-${account}-${region}`, {
        config,
        account,
        region,
        env: { account, region },
      });
      clientsWave.addStage(stages[`${account}/${region}`]);
    }
    this.clientStages = stages;
  }
}
