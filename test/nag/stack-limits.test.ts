import { type App, CfnMapping, CfnOutput, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ACCOUNT_LIMITS, type AccountLimit, STACK_LIMITS, StackLimitsChecks } from '../../lib/nag/stack-limits';
import { applyPolicyChecks } from '../../lib/internal';
import { accountLimitReport, plainApp } from '../util';

describe('StackLimitsChecks (stack-level CloudFormation limits)', () => {
  /** Synthesizes one stack and runs the plugin on its template. */
  function check(build: (stack: Stack) => void) {
    const app: App = plainApp();
    const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
    build(stack);
    const assembly = app.synth();
    const artifact = assembly.getStackByName(stack.stackName);
    const report = new StackLimitsChecks().validate({
      templatePaths: [artifact.templateFullPath],
      stackTemplates: [
        { stackConstructPath: 'Test', templatePath: artifact.templateFullPath, accountId: '111111111111', region: 'eu-west-1' },
      ],
      appConstruct: app,
    });
    return report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`);
  }
  const handles = (n: number) => (stack: Stack) => {
    for (let i = 0; i < n; i += 1) new CfnResource(stack, `H${i}`, { type: 'AWS::CloudFormation::WaitConditionHandle' });
  };

  test('the limits are listed once each', () => {
    expect(STACK_LIMITS.map((l) => l.ruleName)).toEqual([
      'CDB-StackResourceCount',
      'CDB-StackOutputCount',
      'CDB-StackParameterCount',
      'CDB-StackMappingCount',
      'CDB-StackTemplateSize',
    ]);
  });

  test('a stack at the limits passes', () => {
    expect(
      check((stack) => {
        handles(500)(stack);
        for (let i = 0; i < 200; i += 1) new CfnOutput(stack, `O${i}`, { value: 'v' });
        for (let i = 0; i < 200; i += 1) new CfnMapping(stack, `M${i}`, { mapping: { a: { b: 'c' } } });
      }),
    ).toEqual([]);
  });

  test('501 resources fails, naming the stack, the count and the limit, also when aws-cdk-lib’s own check is raised', () => {
    expect(() => check(handles(501))).toThrow(/Number of resources in stack 'Test': 501 is greater than allowed maximum of 500/);
    expect(
      check((stack) => {
        stack.node.setContext('@aws-cdk/core:stackResourceLimit', 1000);
        handles(501)(stack);
      }),
    ).toEqual(['CDB-StackResourceCount[501 resources, limit 500] Test']);
  });

  test('201 outputs, parameters or mappings fail', () => {
    expect(
      check((stack) => {
        for (let i = 0; i < 201; i += 1) new CfnOutput(stack, `O${i}`, { value: 'v' });
      }),
    ).toEqual(['CDB-StackOutputCount[201 outputs, limit 200] Test']);
    expect(
      check((stack) => {
        for (let i = 0; i < 200; i += 1) new CfnParameter(stack, `P${i}`); // and BootstrapVersion
      }),
    ).toEqual(['CDB-StackParameterCount[201 parameters, limit 200] Test']);
    expect(
      check((stack) => {
        for (let i = 0; i < 201; i += 1) new CfnMapping(stack, `M${i}`, { mapping: { a: { b: 'c' } } });
      }),
    ).toEqual(['CDB-StackMappingCount[201 mappings, limit 200] Test']);
  });

  test('a template over 1 MB fails', () => {
    const findings = check((stack) => {
      for (let i = 0; i < 3; i += 1)
        new CfnResource(stack, `Big${i}`, { type: 'AWS::CloudFormation::WaitConditionHandle' }).addMetadata(
          'padding',
          'x'.repeat(400 * 1024),
        );
    });
    expect(findings).toEqual([expect.stringMatching(/^CDB-StackTemplateSize\[\d+ bytes, limit 1048576\] Test$/)]);
  });

  test('registered by applyPolicyChecks: an over-limit stack fails the synth', () => {
    const app = plainApp();
    const stack = new Stack(app, 'Huge', { env: { account: '111111111111', region: 'eu-west-1' } });
    for (let i = 0; i < 201; i += 1) new CfnOutput(stack, `O${i}`, { value: 'v' });
    applyPolicyChecks(app);
    expect(() => app.synth()).toThrow(
      /CDB-StackOutputCount: the template of stack Huge has 201 outputs; CloudFormation refuses more than 200 at deploy time/,
    );
  });
});

describe('StackLimitsChecks (account quotas)', () => {
  /** Synthesizes stacks (account, region, buckets each) and runs the plugin with the given account limits. */
  function check(stacks: readonly [string, string, string, number][], limits: readonly AccountLimit[]) {
    const app = plainApp();
    for (const [id, account, region, buckets] of stacks) {
      const stack = new Stack(app, id, { env: { account, region } });
      for (let i = 0; i < buckets; i += 1) new s3.CfnBucket(stack, `B${i}`);
    }
    const report = accountLimitReport(app, limits);
    return report.violations.map((v) => `${v.ruleName}: ${v.description} ${v.violatingResources.map((r) => r.constructPath).join(',')}`);
  }
  const [stacksLimit, bucketsLimit] = ACCOUNT_LIMITS;

  test('the quotas are the AWS defaults', () => {
    expect(ACCOUNT_LIMITS.map((l) => `${l.ruleName} ${l.limit}${l.perRegion ? ' per region' : ''}`)).toEqual([
      'CDB-AccountStackCount 2000 per region',
      'CDB-AccountBucketCount 10000',
      'CDB-AccountRoleCount 1000',
      'CDB-AccountManagedPolicyCount 1500',
      'CDB-AccountGuardDutyDetectorCount 1 per region',
      'CDB-AccountSecurityHubCount 1 per region',
      'CDB-AccountConfigRecorderCount 1 per region',
      'CDB-AccountConfigDeliveryChannelCount 1 per region',
      'CDB-AccountMacieSessionCount 1 per region',
      'CDB-AccountAccessAnalyzerCount 1 per region',
      'CDB-AccountMalwareProtectedBucketCount 25 per region',
    ]);
  });

  test('stacks are counted per account and region', () => {
    const stacks: [string, string, string, number][] = [
      ['A1', '111111111111', 'eu-west-1', 0],
      ['A2', '111111111111', 'eu-west-1', 0],
      ['A3', '111111111111', 'eu-west-1', 0],
      ['B1', '111111111111', 'us-east-1', 0],
      ['C1', '222222222222', 'eu-west-1', 0],
    ];
    expect(check(stacks, [{ ...stacksLimit, limit: 3 }])).toEqual([]);
    expect(check(stacks, [{ ...stacksLimit, limit: 2 }])).toEqual([
      'CDB-AccountStackCount[3 stacks, limit 2]: [CDM-3.3-SEGREGATE] CDB-AccountStackCount: the stacks of account 111111111111 in eu-west-1 would create 3 stacks; the default quota is 2. A1,A2,A3',
    ]);
  });

  test('buckets are counted per account over every region', () => {
    const stacks: [string, string, string, number][] = [
      ['A1', '111111111111', 'eu-west-1', 2],
      ['B1', '111111111111', 'us-east-1', 2],
      ['C1', '222222222222', 'eu-west-1', 3],
    ];
    expect(check(stacks, [{ ...bucketsLimit, limit: 4 }])).toEqual([]);
    expect(check(stacks, [{ ...bucketsLimit, limit: 3 }])).toEqual([
      'CDB-AccountBucketCount[4 S3 buckets, limit 3]: [CDM-3.3-SEGREGATE] CDB-AccountBucketCount: the stacks of account 111111111111 would create 4 S3 buckets; the default quota is 3. A1,B1',
    ]);
  });
});
