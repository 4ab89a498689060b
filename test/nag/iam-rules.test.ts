import { type Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { clientScope, roleStatements } from '../../lib/access';
import { addBaselineStacks } from '../../lib/baseline';
import { BreakGlassRole, humanTrustPrincipal } from '../../lib/constructs/access';
import { exampleConfig, packFindings } from '../util';

const OPS = 'arn:aws:iam::111111111111:role/ops';
const config = exampleConfig();
const acme = clientScope(config.provider, config.clients[0]);

/** Client acme's data stack, in the same app as the test stack (the example's client stacks are compliant). */
function asClient(stack: Stack): Stack {
  return addBaselineStacks(stack.node.scope!, config).clients.acme.data;
}

/** A role trusted by `ops` with the given conditions. */
function role(stack: Stack, id: string, conditions: Record<string, Record<string, unknown>>, props: Partial<iam.RoleProps> = {}): iam.Role {
  return new iam.Role(stack, id, {
    assumedBy: new iam.PrincipalWithConditions(new iam.AccountPrincipal('111111111111'), conditions),
    ...props,
  });
}

const humanTrust = () => humanTrustPrincipal({ principals: [OPS], clientId: 'acme' });

describe('CDB-IamHumanRoleMfaRequired (CDM-3.2-MFA)', () => {
  const id = 'CDB-IamHumanRoleMfaRequired';
  test('compliant: the baseline trust; service roles are not in scope', () => {
    expect(
      packFindings(id, (stack) => {
        new iam.Role(stack, 'Human', { assumedBy: humanTrust() });
        new iam.Role(stack, 'Service', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      }),
    ).toEqual([]);
  });
  test('non-compliant: no MFA condition', () => {
    expect(packFindings(id, (stack) => role(stack, 'NoMfa', {}))).toEqual([`${id} Test/NoMfa/Resource`]);
  });
  test('non-compliant: BoolIfExists admits sessions without MFA information', () => {
    expect(packFindings(id, (stack) => role(stack, 'IfExists', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }))).toEqual([
      `${id} Test/IfExists/Resource`,
    ]);
  });
  test('compliant: a role only service roles of its stack assume, directly or in a chain (CodePipeline’s action roles), is not in scope', () => {
    expect(
      packFindings(id, (stack) => {
        const pipelineRole = new iam.Role(stack, 'PipelineRole', { assumedBy: new iam.ServicePrincipal('codepipeline.amazonaws.com') });
        const actionRole = new iam.Role(stack, 'ActionRole', { assumedBy: new iam.ArnPrincipal(pipelineRole.roleArn) });
        new iam.Role(stack, 'Chained', { assumedBy: new iam.ArnPrincipal(actionRole.roleArn) });
      }),
    ).toEqual([]);
  });
  test('non-compliant: a role assumed by a role that people assume is in scope and needs MFA itself', () => {
    expect(
      packFindings(id, (stack) => {
        const people = new iam.Role(stack, 'People', { assumedBy: new iam.AccountRootPrincipal() });
        new iam.Role(stack, 'Chained', { assumedBy: new iam.ArnPrincipal(people.roleArn) });
      }),
    ).toEqual([`${id} Test/People/Resource`, `${id} Test/Chained/Resource`]);
  });
});

describe('CDB-IamHumanRoleSessionTagRequired (DP-ABAC)', () => {
  const id = 'CDB-IamHumanRoleSessionTagRequired';
  test('compliant: AssumeRole and TagSession with the client’s tag', () => {
    expect(packFindings(id, (stack) => new iam.Role(asClient(stack), 'Human', { assumedBy: humanTrust() }))).toEqual([]);
  });
  test('not applicable outside client stacks', () => {
    expect(packFindings(id, (stack) => role(stack, 'Shared', {}))).toEqual([]);
  });
  test('non-compliant: no session tag required', () => {
    expect(packFindings(id, (stack) => role(asClient(stack), 'NoTag', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }))).toEqual([
      `${id} acme-data/NoTag/Resource`,
    ]);
  });
  test('non-compliant: another client’s tag', () => {
    expect(
      packFindings(
        id,
        (stack) => new iam.Role(asClient(stack), 'Other', { assumedBy: humanTrustPrincipal({ principals: [OPS], clientId: 'globex' }) }),
      ),
    ).toEqual([`${id} acme-data/Other/Resource`]);
  });
  test('non-compliant: the tag condition without sts:TagSession', () => {
    expect(
      packFindings(id, (stack) => role(asClient(stack), 'NoTagSession', { StringEquals: { 'aws:RequestTag/client-id': 'acme' } })),
    ).toEqual([`${id} acme-data/NoTagSession/Resource`]);
  });
});

describe('CDB-IamHumanRoleBoundaryAttached (CDM-3.2-LEAST-PRIV)', () => {
  const id = 'CDB-IamHumanRoleBoundaryAttached';
  test('compliant: a boundary; service roles are not in scope', () => {
    expect(
      packFindings(id, (stack) => {
        const boundary = new iam.ManagedPolicy(asClient(stack), 'Boundary', {
          statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })],
        });
        new iam.Role(stack, 'Human', { assumedBy: humanTrust(), permissionsBoundary: boundary });
        new iam.Role(stack, 'Service', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      }),
    ).toEqual([]);
  });
  test('non-compliant: no boundary', () => {
    expect(packFindings(id, (stack) => new iam.Role(asClient(stack), 'Unbounded', { assumedBy: humanTrust() }))).toEqual([
      `${id} acme-data/Unbounded/Resource`,
    ]);
  });
});

describe('CDB-IamNoCrossClientResource (CDM-3.3-TENANT-ISOLATION)', () => {
  const id = 'CDB-IamNoCrossClientResource';
  /** A managed policy in an acme stack of an app that also holds the example's client stacks. */
  const policy = (statements: object[]) =>
    packFindings(id, (stack) => {
      new iam.ManagedPolicy(asClient(stack), 'Policy', {
        document: iam.PolicyDocument.fromJson({ Version: '2012-10-17', Statement: statements }),
      });
    }).filter((f) => f.includes(' acme-data/Policy/'));
  test('compliant: the client’s own duty policy', () => {
    expect(policy(roleStatements('operator', acme))).toEqual([]);
  });
  test.each<[string, object]>([
    [
      'another client’s bucket',
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::precision-globex-customers-222222222222-us-east-1/*' },
    ],
    ['a wildcard that matches another client’s buckets', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::precision-*' }],
    ['a wildcard resource on data actions', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    [
      'any key without the client’s alias or tag condition',
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*' },
    ],
    [
      'another client’s alias',
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
        Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/precision/initech/data' } },
      },
    ],
    [
      'another client’s tag',
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::b/*',
        Condition: { StringEquals: { 'aws:PrincipalTag/client-id': 'globex' } },
      },
    ],
  ])('non-compliant: %s', (_name, statement) => {
    expect(policy([statement])).toEqual([`${id} acme-data/Policy/Resource`]);
  });
});

describe('CDB-IamBreakGlassTimeBoxed (DP-ALWAYS-OFF)', () => {
  const id = 'CDB-IamBreakGlassTimeBoxed';
  const breakGlass = (stack: Stack, expires = '2026-11-24T00:00:00Z') =>
    new BreakGlassRole(stack, 'BreakGlass', {
      scope: acme,
      roleName: 'precision-acme-break-glass',
      policyName: 'precision-acme-break-glass-access',
      principals: [OPS],
      boundary: new iam.ManagedPolicy(stack, 'Boundary', {
        statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })],
      }),
      approvedBy: 'jane@example.com',
      ticket: 'CHG-1234',
      expires,
      region: 'eu-west-1',
      alertTopic: new sns.Topic(stack, 'Alerts'),
    });
  test('compliant: the baseline’s break-glass role; other roles are not in scope', () => {
    expect(
      packFindings(id, (stack) => {
        breakGlass(stack);
        role(stack, 'Other', {});
      }),
    ).toEqual([]);
  });
  test('non-compliant: no time condition', () => {
    expect(
      packFindings(id, (stack) => {
        const r = role(stack, 'Forever', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
        Tags.of(r).add('duty', 'break-glass');
        Tags.of(r).add('break-glass-expires', '2026-11-24T00:00:00Z');
        Tags.of(r).add('break-glass-ticket', 'CHG-1');
        Tags.of(r).add('break-glass-approved-by', 'jane@example.com');
      }),
    ).toEqual([`${id} Test/Forever/Resource`]);
  });
  test('non-compliant: a time condition other than the recorded expiry', () => {
    expect(
      packFindings(id, (stack) => {
        const r = breakGlass(stack);
        Tags.of(r.role).add('break-glass-expires', '2026-12-24T00:00:00Z');
      }),
    ).toEqual([`${id} Test/BreakGlass/Access/Role/Resource`]);
  });
  test('non-compliant: no recorded ticket or approver', () => {
    expect(
      packFindings(id, (stack) => {
        const r = role(stack, 'Unrecorded', { DateLessThan: { 'aws:CurrentTime': '2026-11-24T00:00:00Z' } });
        Tags.of(r).add('duty', 'break-glass');
        Tags.of(r).add('break-glass-expires', '2026-11-24T00:00:00Z');
      }),
    ).toEqual([`${id} Test/Unrecorded/Resource`]);
  });
});
