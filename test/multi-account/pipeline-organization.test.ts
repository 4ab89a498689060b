import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { parse } from 'yaml';
import { parseConfig, PipelineStack, securityStackName, sharedPrerequisites, shardContents } from '../../lib/internal';
import { FIXED_NOW, plainApp } from '../util';

type Action = { Name: string; RunOrder: number; Configuration?: { StackName?: string } };

describe('pipeline mode in organization mode: every account’s stacks, in order', () => {
  const raw = parse(readFileSync(join(__dirname, '..', '..', 'config', 'organization.example.yaml'), 'utf8'));
  raw.provider.pipeline = {
    connectionArn: 'arn:aws:codestar-connections:eu-west-1:111111111111:connection/0a1b2c3d-example',
    repository: 'o/r',
  };
  const config = parseConfig(raw, 'organization.example.yaml', { now: FIXED_NOW });
  const stack = new PipelineStack(plainApp(), 'pipeline', { config, configPath: 'config/organization.example.yaml' });
  const stages: { Name: string; Actions: Action[] }[] = (
    Object.values(Template.fromStack(stack).findResources('AWS::CodePipeline::Pipeline'))[0] as any
  ).Properties.Stages;
  const deploys = (name: string) =>
    (stages.find((s) => s.Name === name)?.Actions ?? [])
      .filter((a) => a.Name.endsWith('.Deploy'))
      .map((a) => [a.Configuration?.StackName as string, a.RunOrder] as const);
  const runOrder = (name: string, stackName: string) => deploys(name).find(([n]) => n === stackName)?.[1] ?? NaN;

  test('stages: the shared stacks, the replicas with the copy vaults, the primaries, the guardrails last; each within 50 actions', () => {
    expect(stages.map((s) => s.Name)).toEqual([
      'Source',
      'Build',
      'UpdatePipeline',
      'Assets',
      'Shared',
      'replicas',
      'primaries',
      'Guardrails',
    ]);
    for (const s of stages) expect(s.Actions.length).toBeLessThanOrEqual(50);
    expect(deploys('Guardrails').map(([n]) => n)).toEqual(['precision-organization-guardrails']);
    expect(
      deploys('replicas')
        .map(([n]) => n)
        .sort(),
    ).toEqual(['acme-backup-copy', 'acme-replica', 'globex-backup-copy', 'globex-replica', 'initech-replica'].map((n) => `precision-${n}`));
  });

  test('the log archive before the audit stack, each designation before its security stack, the home one after all', () => {
    const shared = deploys('Shared').map(([n]) => n);
    for (const name of [
      'precision-log-archive',
      'precision-audit',
      ...['eu-central-1', 'eu-west-1', 'us-east-1', 'us-west-2'].flatMap((r) => [
        `precision-detection-delegation-${r}`,
        `precision-security-${r}`,
      ]),
    ])
      expect(shared).toContain(name);
    expect(runOrder('Shared', 'precision-audit')).toBeGreaterThan(runOrder('Shared', 'precision-log-archive'));
    for (const r of ['eu-central-1', 'us-east-1', 'us-west-2'])
      expect(runOrder('Shared', `precision-security-${r}`)).toBeGreaterThan(runOrder('Shared', `precision-detection-delegation-${r}`));
    const home = runOrder('Shared', 'precision-security-eu-west-1');
    for (const r of ['eu-central-1', 'eu-west-1', 'us-east-1', 'us-west-2'])
      expect(home).toBeGreaterThan(runOrder('Shared', `precision-detection-delegation-${r}`));
    // Detection stacks deliver to the configuration history bucket of the log archive: same stage, after it, or a later stage.
    for (const [, order] of deploys('Shared').filter(([n]) => n.startsWith('precision-detection-') && !n.includes('delegation')))
      expect(order).toBeGreaterThan(runOrder('Shared', 'precision-log-archive'));
    // log archive, audit, 4 designations, 4 security stacks, 6 detection and 3 backup audit stacks
    expect(stack.sharedStages.map((s) => s.node.children.length)).toEqual([19]);
  });

  test('with the security account, a pipeline deploying detection stacks of its own waits for the audit and home security stacks', () => {
    const sharded = parseConfig({ ...raw, provider: { ...raw.provider, pipeline: { ...raw.provider.pipeline, shards: 3 } } }, 'sharded', {
      now: FIXED_NOW,
    });
    const contents = shardContents(sharded);
    const others = contents.filter((c) => !c.audit && c.detectionAccounts.length > 0);
    expect(others.length).toBeGreaterThan(0);
    for (const c of others) {
      expect(sharedPrerequisites(sharded, c).map((p) => [p.stackName, p.account, p.region])).toEqual([
        [`${raw.provider.name}-audit`, raw.provider.account, raw.provider.homeRegion],
        [securityStackName(sharded.provider, raw.provider.homeRegion), raw.provider.accounts.security, raw.provider.homeRegion],
      ]);
    }
    expect(sharedPrerequisites(sharded, contents[0])).toEqual([]);
  });
});
