import { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { boundaryStatements, clientScope, roleStatements } from '../../lib/access';
import { type BaselineConfig, ClientNames } from '../../lib/model';
import { parseConfig } from '../../lib/config';
import { AccessPolicy } from '../../lib/constructs/access';
import { BREAK_GLASS, exampleRaw, exampleWith, plainApp, synthBaseline } from '../util';

/** Statements as CloudFormation renders them (CDK writes one-element lists as a single value). */
const rendered = (statements: readonly object[]) =>
  statements.map((st) => Object.fromEntries(Object.entries(st).map(([k, v]) => [k, Array.isArray(v) && v.length === 1 ? v[0] : v])));

/** The roles people assume (duty and break-glass roles carry a `duty` tag); service roles are tested with their steps. */
const roles = (t: Template) =>
  Object.fromEntries(
    Object.entries(t.findResources('AWS::IAM::Role')).filter(([, r]) =>
      (r.Properties.Tags ?? []).some((tag: { Key: string }) => tag.Key === 'duty'),
    ),
  );
const roleNamed = (t: Template, name: string) => Object.values(roles(t)).find((r) => r.Properties.RoleName === name);

describe('duty roles (CDM-3.2-LEAST-PRIV, CDM-3.2-MFA, DP-ABAC)', () => {
  let config: BaselineConfig;
  let acme: Template;
  let globex: Template;
  beforeAll(() => {
    config = exampleWith(() => undefined);
    const { stacks, template } = synthBaseline(config);
    acme = template(stacks.clients.acme.data);
    globex = template(stacks.clients.globex.data);
  });

  test('one role per duty that has principals; none for a duty nobody holds; none in the replica stack', () => {
    expect(
      Object.values(roles(acme))
        .map((r) => r.Properties.RoleName)
        .sort(),
    ).toEqual(['precision-acme-auditor', 'precision-acme-operator', 'precision-acme-reader']);
    expect(
      Object.values(roles(globex))
        .map((r) => r.Properties.RoleName)
        .sort(),
    ).toEqual(['precision-globex-auditor', 'precision-globex-operator']);
  });

  test('the trust admits only the configured principals, with MFA and the client session tag', () => {
    expect(roleNamed(acme, 'precision-acme-operator')?.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            StringEquals: { 'aws:RequestTag/client-id': 'acme' },
            ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/acme-ops'] },
          },
        },
      ],
    });
    // A principal of another account: that account, and the principal by ARN.
    expect(roleNamed(globex, 'precision-globex-auditor')?.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Condition: {
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          StringEquals: { 'aws:RequestTag/client-id': 'globex' },
          ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/compliance-auditor'] },
        },
      }),
    ]);
  });

  test('one-hour sessions, the client boundary, its own customer-managed policy, client and duty tags', () => {
    const operator = roleNamed(acme, 'precision-acme-operator')?.Properties;
    expect(operator.MaxSessionDuration).toBe(3600);
    expect(operator.PermissionsBoundary).toEqual({ Ref: expect.stringMatching(/^AccessBoundary/) });
    expect(operator.ManagedPolicyArns).toEqual([{ Ref: expect.stringMatching(/^AccessDutyoperatorPolicy/) }]);
    expect(operator.Policies).toBeUndefined();
    expect(operator.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'client-id', Value: 'acme' },
        { Key: 'duty', Value: 'operator' },
      ]),
    );
  });

  test('the operator reads and writes objects of both regions, uses both keys, and nothing else', () => {
    const scope = clientScope(config.clients[0], new ClientNames(config.provider, config.clients[0]));
    acme.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'precision-acme-operator-access',
      PolicyDocument: { Version: '2012-10-17', Statement: rendered(roleStatements('operator', scope)) },
    });
    expect(roleStatements('operator', scope)).toEqual([
      {
        Sid: 'DataBuckets',
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads', 's3:ListBucketVersions'],
        Resource: [
          'arn:aws:s3:::precision-acme-billing-111111111111-eu-central-1',
          'arn:aws:s3:::precision-acme-billing-111111111111-eu-west-1',
          'arn:aws:s3:::precision-acme-records-111111111111-eu-central-1',
          'arn:aws:s3:::precision-acme-records-111111111111-eu-west-1',
        ],
      },
      {
        Sid: 'DataObjects',
        Effect: 'Allow',
        Action: [
          's3:AbortMultipartUpload',
          's3:DeleteObject',
          's3:GetObject',
          's3:GetObjectAttributes',
          's3:GetObjectTagging',
          's3:GetObjectVersion',
          's3:GetObjectVersionAttributes',
          's3:GetObjectVersionTagging',
          's3:ListMultipartUploadParts',
          's3:PutObject',
          's3:PutObjectTagging',
          's3:RestoreObject',
        ],
        Resource: [
          'arn:aws:s3:::precision-acme-billing-111111111111-eu-central-1/*',
          'arn:aws:s3:::precision-acme-billing-111111111111-eu-west-1/*',
          'arn:aws:s3:::precision-acme-records-111111111111-eu-central-1/*',
          'arn:aws:s3:::precision-acme-records-111111111111-eu-west-1/*',
        ],
      },
      {
        Sid: 'UseKeys',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
        Resource: ['arn:aws:kms:eu-central-1:111111111111:key/*', 'arn:aws:kms:eu-west-1:111111111111:key/*'],
        Condition: {
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/precision/acme/data' },
          StringEquals: { 'aws:ResourceTag/client-id': 'acme' },
        },
      },
    ]);
  });

  test('the reader only reads; the auditor reads configuration and logs, no object content', () => {
    const scope = clientScope(config.clients[0], new ClientNames(config.provider, config.clients[0]));
    const reader = roleStatements('reader', scope);
    expect(reader.map((s) => [s.Sid, s.Action])).toEqual([
      ['DataBuckets', ['s3:ListBucket', 's3:ListBucketMultipartUploads', 's3:ListBucketVersions']],
      [
        'DataObjects',
        [
          's3:GetObject',
          's3:GetObjectAttributes',
          's3:GetObjectTagging',
          's3:GetObjectVersion',
          's3:GetObjectVersionAttributes',
          's3:GetObjectVersionTagging',
          's3:ListMultipartUploadParts',
        ],
      ],
      ['UseKeys', ['kms:Decrypt', 'kms:DescribeKey']],
    ]);
    const auditor = roleStatements('auditor', scope);
    expect(auditor.map((s) => s.Sid)).toEqual(['AuditBucketConfiguration', 'ReadAccessLogBuckets', 'ReadAccessLogObjects', 'AuditKeys']);
    expect(
      auditor.flatMap((s) => s.Action).filter((a) => /^s3:(Get|Put|Delete)Object|^kms:(Decrypt|Encrypt|GenerateDataKey)/.test(a)),
    ).toEqual(['s3:GetObject']);
    expect(auditor[2].Resource).toEqual([
      'arn:aws:s3:::precision-acme-111111111111-eu-central-1-s3logs/*',
      'arn:aws:s3:::precision-acme-111111111111-eu-west-1-s3logs/*',
    ]);
    expect(auditor[3].Action).toEqual(['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags']);
    // No wildcard actions, no wildcard resources on data actions anywhere.
    for (const s of [...reader, ...auditor, ...roleStatements('operator', scope), ...roleStatements('break-glass', scope)]) {
      expect(s.Action.filter((a) => a.includes('*'))).toEqual([]);
      expect(s.Resource.filter((r) => r === '*' || r.startsWith('arn:aws:s3:::*'))).toEqual([]);
    }
  });

  test('the boundary is the union of the duties on the client’s own resources', () => {
    const scope = clientScope(config.clients[0], new ClientNames(config.provider, config.clients[0]));
    acme.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'precision-acme-boundary',
      PolicyDocument: { Version: '2012-10-17', Statement: rendered(boundaryStatements(scope)) },
    });
    const boundary = boundaryStatements(scope);
    expect(boundary.map((s) => s.Sid)).toEqual([
      'ClientDataBuckets',
      'ClientDataObjects',
      'ReadAccessLogBuckets',
      'ReadAccessLogObjects',
      'ClientKeys',
    ]);
    expect(boundary[1].Action).toContain('s3:DeleteObjectVersion'); // break-glass only
    expect(boundary[4].Condition).toEqual({
      'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/precision/acme/data' },
      StringEquals: { 'aws:ResourceTag/client-id': 'acme' },
    });
    // The boundary and the three duty policies, beside the replication role's policy.
    expect(
      Object.keys(
        acme.findResources('AWS::IAM::ManagedPolicy', {
          Properties: {
            ManagedPolicyName: Match.stringLikeRegexp('^precision-acme-(boundary|operator-access|reader-access|auditor-access)$'),
          },
        }),
      ),
    ).toHaveLength(4);
  });

  test('break-glass is off by default: no role, no alerting rule', () => {
    expect(roleNamed(acme, 'precision-acme-break-glass')).toBeUndefined();
    expect(JSON.stringify(acme.findResources('AWS::Events::Rule'))).not.toContain('AssumeRole');
  });
});

describe('break-glass (DP-ALWAYS-OFF)', () => {
  let acme: Template;
  let globex: Template;
  beforeAll(() => {
    const config = exampleWith((r) => (r.clients[0].breakGlass = { ...BREAK_GLASS }));
    const { stacks, template } = synthBaseline(config);
    acme = template(stacks.clients.acme.data);
    globex = template(stacks.clients.globex.data);
  });

  test('the role stops admitting anyone at its expiry, only through the primary region, with MFA and the session tag', () => {
    const role = roleNamed(acme, 'precision-acme-break-glass')?.Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Condition: {
          DateLessThan: { 'aws:CurrentTime': '2026-11-24T00:00:00Z' },
          StringEquals: { 'aws:RequestedRegion': 'eu-west-1', 'aws:RequestTag/client-id': 'acme' },
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/acme-ops'] },
        },
      },
    ]);
    expect(role.MaxSessionDuration).toBe(3600);
    expect(role.PermissionsBoundary).toEqual({ Ref: expect.stringMatching(/^AccessBoundary/) });
    expect(role.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'duty', Value: 'break-glass' },
        { Key: 'break-glass-ticket', Value: 'CHG-1234' },
        { Key: 'break-glass-approved-by', Value: 'jane@example.com' },
        { Key: 'break-glass-expires', Value: '2026-11-24T00:00:00Z' },
      ]),
    );
  });

  test('every assumption alerts the client’s alert topic', () => {
    acme.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      EventPattern: {
        source: ['aws.sts'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['sts.amazonaws.com'],
          eventName: ['AssumeRole'],
          requestParameters: { roleArn: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessBreakGlassAccessRole'), 'Arn'] }] },
        },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^AlertsTopic') } })],
    });
  });

  test('only the approved client gets one', () => {
    expect(roleNamed(globex, 'precision-globex-break-glass')).toBeUndefined();
  });

  test('a provider approval gives every client its own break-glass role, confined to it', () => {
    const config = exampleWith((r) => (r.provider.breakGlass = { ...BREAK_GLASS, principals: ['arn:aws:iam::111111111111:role/oncall'] }));
    const { stacks, template } = synthBaseline(config);
    for (const id of ['acme', 'globex', 'initech']) {
      const role = roleNamed(template(stacks.clients[id].data), `precision-${id}-break-glass`)?.Properties;
      expect(role.AssumeRolePolicyDocument.Statement[0].Condition.ArnEquals).toEqual({
        'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/oncall'],
      });
      expect(role.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['aws:RequestTag/client-id']).toBe(id);
    }
  });
});

describe('IAM limits are checked at synth', () => {
  test('a trust policy over IAM’s 2,048 characters fails the synth with its size', () => {
    const config = exampleWith(
      (r) => (r.clients[2].access.operators = Array.from({ length: 40 }, (_, i) => `arn:aws:iam::111111111111:role/initech-operator-${i}`)),
    );
    const { app } = synthBaseline(config);
    expect(() => app.synth()).toThrow(
      /the trust policy of precision-initech-operator would be \d+ characters; IAM allows 2048: list fewer principals \(received 40\)/,
    );
  });

  test('a managed policy over IAM’s 6,144 characters fails the synth with its size', () => {
    const app = plainApp();
    const stack = new Stack(app, 'Big', { env: { account: '111111111111', region: 'eu-west-1' } });
    new AccessPolicy(stack, 'Policy', {
      clientId: 'acme',
      managedPolicyName: 'precision-acme-boundary',
      description: 'too big',
      statements: [
        {
          Sid: 'TooManyBuckets',
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: Array.from({ length: 120 }, (_, n) => `arn:aws:s3:::precision-acme-dataset-${n}-111111111111-eu-west-1/*`),
        },
      ],
    });
    expect(() => app.synth()).toThrow(/policy precision-acme-boundary of client "acme" would be \d+ characters; IAM allows 6144/);
  });

  test('a client with more datasets than its boundary can name is refused in the configuration', () => {
    const raw = exampleRaw() as any;
    raw.clients[0].datasets = Array.from({ length: 13 }, (_, i) => ({ name: `dataset-${i}`, tier: 'critical' }));
    expect(() => parseConfig(raw)).toThrow(/clients\[0\]\.datasets: at most 12 datasets per client/);
  });
});
