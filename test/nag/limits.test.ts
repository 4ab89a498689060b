import { type App, CfnMapping, CfnOutput, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AWS_LIMITS, deployedShape, iamPolicyChars, policyBytes, REFERENCE_LENGTH, applyPolicyChecks } from '../../lib/internal';
import { ACCOUNT_LIMITS, type AccountLimit, STACK_LIMITS, StackLimitsChecks } from '../../lib/nag/stack-limits';
import { packFindings, plainApp } from '../util';

/** A statement of about `bytes` bytes (a long list of distinct ARNs). */
function bigStatement(sid: string, bytes: number, resourcePrefix = 'arn:aws:s3:::bucket'): iam.PolicyStatement {
  const count = Math.ceil(bytes / 25);
  return new iam.PolicyStatement({
    sid,
    actions: ['s3:GetObject'],
    principals: [new iam.AccountPrincipal('111111111111')],
    resources: Array.from({ length: count }, (_, i) => `${resourcePrefix}-${String(i).padStart(6, '0')}/*`),
  });
}

describe('policy size measurement', () => {
  test('references count as the longest ARN they could deploy as; joins are rendered', () => {
    expect(deployedShape({ Ref: 'X' })).toBe('x'.repeat(REFERENCE_LENGTH));
    expect(deployedShape({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b']] })).toBe(
      `arn:${'x'.repeat(REFERENCE_LENGTH)}:s3:::b`,
    );
    expect(policyBytes({ a: 'é' })).toBe(10);
    expect(iamPolicyChars({ a: 'b c' })).toBe(10); // {"a":"bc"}
  });
});

describe('deploy-time limit rules', () => {
  test('S3BucketPolicySize: a normal policy passes, one over 20 KB fails with its size and the limit', () => {
    expect(
      packFindings('CDB-S3BucketPolicySize', (stack) => {
        new s3.Bucket(stack, 'Small', { enforceSSL: true });
      }),
    ).toEqual([]);
    const findings = packFindings('CDB-S3BucketPolicySize', (stack) => {
      const bucket = new s3.Bucket(stack, 'Big');
      bucket.addToResourcePolicy(bigStatement('Big', AWS_LIMITS.s3BucketPolicyBytes));
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^CDB-S3BucketPolicySize\[\d+ bytes, limit 20480\] Test\/Big\/Policy\/Resource$/);
    expect(Number(/\[(\d+) bytes/.exec(findings[0])![1])).toBeGreaterThan(20480);
  });

  test('KmsKeyPolicySize: a normal key passes, a key policy over 32 KB fails', () => {
    expect(packFindings('CDB-KmsKeyPolicySize', (stack) => void new kms.Key(stack, 'Small'))).toEqual([]);
    const findings = packFindings('CDB-KmsKeyPolicySize', (stack) => {
      const key = new kms.Key(stack, 'Big');
      key.addToResourcePolicy(bigStatement('Big', AWS_LIMITS.kmsKeyPolicyBytes, 'arn:aws:kms:eu-west-1:111111111111:key/k'));
    });
    expect(findings).toEqual([expect.stringMatching(/^CDB-KmsKeyPolicySize\[\d+ bytes, limit 32768\] Test\/Big\/Resource$/)]);
  });

  test('IamManagedPolicySize: 6,144 characters without whitespace', () => {
    expect(
      packFindings('CDB-IamManagedPolicySize', (stack) => {
        new iam.ManagedPolicy(stack, 'Small', {
          statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })],
        });
      }),
    ).toEqual([]);
    const findings = packFindings('CDB-IamManagedPolicySize', (stack) => {
      const statement = bigStatement('Big', AWS_LIMITS.iamManagedPolicyChars);
      new iam.ManagedPolicy(stack, 'Big', {
        statements: [new iam.PolicyStatement({ actions: statement.actions, resources: statement.resources })],
      });
    });
    expect(findings).toEqual([expect.stringMatching(/^CDB-IamManagedPolicySize\[\d+ characters, limit 6144\] Test\/Big\/Resource$/)]);
  });

  test('IamTrustPolicySize: a trust policy over 2,048 characters fails', () => {
    expect(
      packFindings('CDB-IamTrustPolicySize', (stack) => void new iam.Role(stack, 'Small', { assumedBy: new iam.AccountRootPrincipal() })),
    ).toEqual([]);
    const findings = packFindings('CDB-IamTrustPolicySize', (stack) => {
      const principals = Array.from({ length: 60 }, (_, i) => new iam.ArnPrincipal(`arn:aws:iam::111111111111:role/operator-${i}`));
      new iam.Role(stack, 'Big', { assumedBy: new iam.CompositePrincipal(...principals) });
    });
    expect(findings).toEqual([expect.stringMatching(/^CDB-IamTrustPolicySize\[\d+ characters, limit 2048\] Test\/Big\/Resource$/)]);
  });

  test('IamRoleInlinePoliciesSize: the role’s own and attached inline policies count together', () => {
    const half = () => {
      const s = bigStatement('Half', AWS_LIMITS.iamRoleInlinePoliciesChars / 2);
      return new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: s.actions, resources: s.resources })] });
    };
    expect(
      packFindings('CDB-IamRoleInlinePoliciesSize', (stack) => {
        new iam.Role(stack, 'Small', { assumedBy: new iam.AccountRootPrincipal(), inlinePolicies: { one: half() } });
      }),
    ).toEqual([]);
    const findings = packFindings('CDB-IamRoleInlinePoliciesSize', (stack) => {
      const role = new iam.Role(stack, 'Big', { assumedBy: new iam.AccountRootPrincipal(), inlinePolicies: { one: half() } });
      new iam.Policy(stack, 'Attached', { document: half(), roles: [role] });
    });
    expect(findings).toEqual([expect.stringMatching(/^CDB-IamRoleInlinePoliciesSize\[\d+ characters, limit 10240\] Test\/Big\/Resource$/)]);
  });

  test('IamRoleManagedPolicyCount: more than 10 managed policies on a role fails', () => {
    const build = (n: number) => (stack: Stack) => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
      for (let i = 0; i < n; i += 1) {
        new iam.ManagedPolicy(stack, `P${i}`, {
          roles: [role],
          statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::b${i}/*`] })],
        });
      }
    };
    expect(packFindings('CDB-IamRoleManagedPolicyCount', build(10))).toEqual([]);
    expect(packFindings('CDB-IamRoleManagedPolicyCount', build(11))).toEqual([
      'CDB-IamRoleManagedPolicyCount[11 managed policies, limit 10] Test/Role/Resource',
    ]);
  });

  test('SnsTopicPolicySize: a topic policy over 30 KB fails', () => {
    expect(packFindings('CDB-SnsTopicPolicySize', (stack) => void new sns.Topic(stack, 'Small', { enforceSSL: true }))).toEqual([]);
    const findings = packFindings('CDB-SnsTopicPolicySize', (stack) => {
      const topic = new sns.Topic(stack, 'Big');
      const s = bigStatement('Big', AWS_LIMITS.snsTopicPolicyBytes, 'arn:aws:sns:eu-west-1:111111111111:t');
      topic.addToResourcePolicy(
        new iam.PolicyStatement({
          actions: ['sns:Publish'],
          principals: s.principals,
          resources: [topic.topicArn],
          conditions: { ArnLike: { 'aws:SourceArn': s.resources } },
        }),
      );
    });
    expect(findings).toEqual([expect.stringMatching(/^CDB-SnsTopicPolicySize\[\d+ bytes, limit 30720\] Test\/Big\/Policy\/Resource$/)]);
  });

  describe('CloudTrailSelectorLimits', () => {
    const trail = (props: Partial<cloudtrail.CfnTrailProps>) => (stack: Stack) =>
      void new cloudtrail.CfnTrail(stack, 'Trail', { isLogging: true, s3BucketName: 'logs', ...props });
    const dataResources = (n: number) => [{ type: 'AWS::S3::Object', values: Array.from({ length: n }, (_, i) => `arn:aws:s3:::b${i}/`) }];
    const rule = 'CDB-CloudTrailSelectorLimits';

    test('within the limits passes', () => {
      expect(packFindings(rule, trail({ eventSelectors: [{ dataResources: dataResources(250) }] }))).toEqual([]);
      expect(
        packFindings(
          rule,
          trail({
            advancedEventSelectors: [
              {
                fieldSelectors: [
                  { field: 'eventCategory', equalTo: ['Data'] },
                  { field: 'resources.ARN', startsWith: Array.from({ length: 499 }, (_, i) => `arn:aws:s3:::b${i}/`) },
                ],
              },
            ],
          }),
        ),
      ).toEqual([]);
    });

    test('more than 5 selectors or 250 data resources fails', () => {
      expect(packFindings(rule, trail({ eventSelectors: Array.from({ length: 6 }, () => ({ readWriteType: 'All' })) }))).toEqual([
        `${rule}[6 event selectors, limit 5] Test/Trail`,
      ]);
      expect(packFindings(rule, trail({ eventSelectors: [{ dataResources: dataResources(251) }] }))).toEqual([
        `${rule}[251 data resources, limit 250] Test/Trail`,
      ]);
    });

    test('more than 500 advanced selector values, or both kinds, fails', () => {
      const values = Array.from({ length: 500 }, (_, i) => `arn:aws:s3:::b${i}/`);
      expect(
        packFindings(
          rule,
          trail({
            advancedEventSelectors: [
              {
                fieldSelectors: [
                  { field: 'eventCategory', equalTo: ['Data'] },
                  { field: 'resources.ARN', startsWith: values },
                ],
              },
            ],
          }),
        ),
      ).toEqual([`${rule}[501 advanced selector values, limit 500] Test/Trail`]);
      expect(
        packFindings(
          rule,
          trail({
            eventSelectors: [{ readWriteType: 'All' }],
            advancedEventSelectors: [{ fieldSelectors: [{ field: 'eventCategory', equalTo: ['Data'] }] }],
          }),
        ),
      ).toEqual([`${rule}[both basic and advanced event selectors] Test/Trail`]);
    });
  });
});

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
    const assembly = app.synth();
    const stackTemplates = assembly.stacks.map((s) => ({
      stackConstructPath: s.hierarchicalId,
      templatePath: s.templateFullPath,
      accountId: s.environment.account,
      region: s.environment.region,
    }));
    const report = new StackLimitsChecks([], limits).validate({
      templatePaths: stackTemplates.map((s) => s.templatePath),
      stackTemplates,
      appConstruct: app,
    });
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
