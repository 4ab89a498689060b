import { DefaultStackSynthesizer, Stack, type Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pipelines from 'aws-cdk-lib/pipelines';
import projectPackage from '../../package.json';
import type { StackPrerequisite } from './prerequisites';

/** Properties of a {@link DiffStep}. */
export interface DiffStepProps {
  /** The cloud assembly to compare with what is deployed (the synth step). */
  readonly input: pipelines.IFileSetProducer;
  /** The stages to diff, in pipeline order. */
  readonly stages: readonly Stage[];
  /**
   * Version of the AWS CDK CLI that computes the diff.
   *
   * @default - the project's pinned `aws-cdk` devDependency
   */
  readonly cliVersion?: string;
  /**
   * Stacks of another pipeline that must be deployed before this pipeline
   * deploys anything: the step waits for each first ({@link awaitCommand}).
   *
   * @default - none
   */
  readonly prerequisites?: readonly StackPrerequisite[];
}

/** How long the diff step waits for a prerequisite stack: attempts, and seconds between them (30 minutes). */
export const PREREQUISITE_WAIT = { attempts: 60, intervalSeconds: 30 } as const;

/**
 * The command that waits until a stack of another pipeline is deployed
 * (`CREATE_COMPLETE`, `UPDATE_COMPLETE` or `UPDATE_ROLLBACK_COMPLETE`), read
 * through its account's CDK lookup role, and fails the step, saying which
 * stack is missing and why it is needed, when it is not after
 * {@link PREREQUISITE_WAIT}. On a first rollout every pipeline starts at
 * once: this keeps the order across pipelines that stack dependencies keep
 * within one.
 */
export function awaitCommand(prerequisite: StackPrerequisite): string {
  const { stackName, account, region, reason, pipeline } = prerequisite;
  const { attempts, intervalSeconds } = PREREQUISITE_WAIT;
  const credentials = `$(aws sts assume-role --role-arn ${lookupRoleArn(account, region)} --role-session-name await-${stackName} --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text | awk '{print "AWS_ACCESS_KEY_ID="$1, "AWS_SECRET_ACCESS_KEY="$2, "AWS_SESSION_TOKEN="$3}')`;
  const status = `s=$(env ${credentials} aws cloudformation describe-stacks --region ${region} --stack-name ${stackName} --query 'Stacks[0].StackStatus' --output text 2>/dev/null)`;
  const missing = `echo "${stackName} (${account}/${region}) is not deployed (status: \${s:-none}) after ${(attempts * intervalSeconds) / 60} minutes: ${reason}. Run pipeline ${pipeline} first, then retry this one."`;
  return `for i in $(seq 1 ${attempts}); do ${status}; case "$s" in CREATE_COMPLETE|UPDATE_COMPLETE|UPDATE_ROLLBACK_COMPLETE) break;; esac; if [ "$i" = ${attempts} ]; then ${missing}; exit 1; fi; sleep ${intervalSeconds}; done`;
}

/** Where the diff files are written, and published from as the step's output artifact. */
export const DIFF_DIRECTORY = 'diff';

/** The exported variable holding the console link of the step's CodeBuild run. */
export const DIFF_LINK_VARIABLE = 'DIFF_LINK';

/** ARN of CDK's bootstrap lookup role (default qualifier) in one account and region: read-only, it may read deployed templates. */
export function lookupRoleArn(account: string, region: string): string {
  const qualifier = DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  return `arn:aws:iam::${account}:role/cdk-${qualifier}-lookup-role-${account}-${region}`;
}

/** The `<account>/<region>` environments of the stacks of some stages, sorted. */
export function stageEnvironments(stages: readonly Stage[]): { readonly account: string; readonly region: string }[] {
  const envs = new Map<string, { account: string; region: string }>();
  for (const stage of stages) {
    for (const stack of stage.node.children.filter((c): c is Stack => Stack.isStack(c))) {
      envs.set(`${stack.account}/${stack.region}`, { account: stack.account, region: stack.region });
    }
  }
  return [...envs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, env]) => env);
}

/**
 * The commands of the diff step: `cdk diff` of each stage's stacks against
 * what is deployed (resources, and the IAM statement, IAM policy and security
 * group changes that the diff lists apart), read through each target
 * account's CDK lookup role (`--no-change-set`: no change set is created, so
 * the step needs read access only), one file a stage in `diff/`; then the
 * link to the run, exported for the approval. A diff that cannot be computed
 * fails the step and stops the pipeline.
 */
export function diffCommands(stages: readonly Stage[], cliVersion: string): string[] {
  return [
    `mkdir -p ${DIFF_DIRECTORY}`,
    ...stages.map((stage) => {
      const file = `${DIFF_DIRECTORY}/${stage.node.id}.txt`;
      return `npx --yes aws-cdk@${cliVersion} diff --app . --no-change-set '${stage.node.path}/*' > ${file} 2>&1 || { cat ${file}; exit 1; }`;
    }),
    `cat ${DIFF_DIRECTORY}/*.txt`,
    `export ${DIFF_LINK_VARIABLE}="https://$AWS_REGION.console.aws.amazon.com/codesuite/codebuild/projects/\${CODEBUILD_BUILD_ID%%:*}/build/$CODEBUILD_BUILD_ID/?region=$AWS_REGION"`,
  ];
}

/**
 * A step after synth that computes what every stage of the pipeline would
 * change (`cdk diff`, see {@link diffCommands}) and publishes it as its
 * output artifact (`diff/<stage>.txt`), so that whoever approves the
 * rollout sees it first; before it, it waits for the stacks of another
 * pipeline that this one needs ({@link awaitCommand}). Its role may assume
 * only the lookup role of each account and region the stages deploy to and
 * the prerequisites are in; like every pipeline role, it is
 * kept off client data (`denyClientData`).
 */
export class DiffStep extends pipelines.CodeBuildStep {
  constructor(id: string, props: DiffStepProps) {
    const cliVersion = props.cliVersion ?? projectPackage.devDependencies['aws-cdk'];
    const prerequisites = props.prerequisites ?? [];
    super(id, {
      input: props.input,
      commands: [...prerequisites.map(awaitCommand), ...diffCommands(props.stages, cliVersion)],
      primaryOutputDirectory: DIFF_DIRECTORY,
      rolePolicyStatements: [
        new iam.PolicyStatement({
          sid: 'ReadDeployedTemplates',
          actions: ['sts:AssumeRole'],
          resources: [
            ...new Set([...stageEnvironments(props.stages), ...prerequisites].map(({ account, region }) => lookupRoleArn(account, region))),
          ],
        }),
      ],
    });
  }

  /** The console link of the step's CodeBuild run (a CodePipeline variable), for the approval. */
  public get runLink(): string {
    return this.exportedVariable(DIFF_LINK_VARIABLE);
  }
}
