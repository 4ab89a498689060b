import { runSimulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { clientScope, type ClientScope } from '../../lib/access';
import {
  analyseTrust,
  assumeSimulation,
  couldAllow,
  counter,
  CROSS_CLIENT_PROBES,
  dataSimulation,
  decide,
  decideData,
  fits,
  patternsRegExp,
  type ProofStack,
  proofStacksOf,
  proveTenantIsolation,
  readInventory,
  relevantTo,
  StringTerms,
} from '../../lib/isolation';
import { ClientNames } from '../../lib/model';
import { BREAK_GLASS, exampleWith, FIXED_NOW, synthBaseline } from '../util';

let base: ProofStack[];
let scopes: ClientScope[];
let example: ReturnType<typeof prove>;

beforeAll(() => {
  const config = exampleWith((r) => (r.clients[0].breakGlass = { ...BREAK_GLASS }));
  const { app } = synthBaseline(config);
  base = proofStacksOf(app.synth());
  scopes = config.clients.map((c) => clientScope(c, new ClientNames(config.provider, c)));
  example = prove();
});

/** Runs the proof on a copy of the example's templates, changed first. */
function prove(change: (stacks: ProofStack[]) => void = () => undefined) {
  const stacks = structuredClone(base);
  change(stacks);
  return proveTenantIsolation(stacks, scopes, { now: FIXED_NOW });
}

/** The resource of a stack whose logical id starts with a prefix. */
function resource(stacks: ProofStack[], stackName: string, prefix: string): any {
  const stack = stacks.find((s) => s.stackName === stackName) as ProofStack;
  const entry = Object.entries(stack.template.Resources ?? {}).find(([id]) => id.startsWith(prefix));
  if (entry === undefined) throw new Error(`no ${prefix} in ${stackName}`);
  return entry[1];
}

const statement = (doc: any, sid: string) => doc.Statement.find((s: any) => s.Sid === sid);
const lines = (result: ReturnType<typeof prove>) => result.findings.map((f) => `${f.rule} ${f.message}`);

describe('narrowing policies to the statements a request can match', () => {
  test('drops statements whose actions or resources cannot match, keeps NotAction, NotResource and policy variables', () => {
    const doc = {
      Statement: [
        { Sid: 'Get', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' },
        { Sid: 'OtherBucket', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' },
        { Sid: 'Kms', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
        { Sid: 'NotAction', Effect: 'Deny', NotAction: 'kms:*', Resource: '*' },
        { Sid: 'NotResource', Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::a/*' },
        { Sid: 'Variable', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::${aws:PrincipalTag/client-id}/*' },
      ],
    };
    const sids = (action: string, resource: string) => relevantTo(doc, action, resource).Statement.map((s) => s.Sid);
    expect(sids('s3:GetObject', 'arn:aws:s3:::a/x')).toEqual(['Get', 'NotAction', 'Variable']);
    expect(sids('s3:GetObject', 'arn:aws:s3:::b/x')).toEqual(['OtherBucket', 'NotAction', 'NotResource', 'Variable']);
    expect(sids('kms:Decrypt', 'arn:aws:kms:eu-west-1:111111111111:key/k')).toEqual(['Kms']);
    expect(sids('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111111111111:q')).toEqual(['NotAction']);
    expect(sids('kms:Encrypt', 'arn:aws:kms:eu-west-1:111111111111:key/k')).toEqual(['Get']); // none applies: one kept, never empty
    expect(relevantTo(doc, 'kms:Encrypt', 'arn:aws:kms:eu-west-1:111111111111:key/k')).toBe(
      relevantTo(doc, 'kms:Encrypt', 'arn:aws:kms:eu-west-1:111111111111:key/k'),
    );
  });

  test('changes no decision of the evaluator, and a layer judged unable to allow never allows: every principal against every store of the example', () => {
    const { principals, resources } = readInventory(base);
    const probes = [
      ['object', 's3:GetObject'],
      ['object', 's3:PutObject'],
      ['bucket', 's3:ListBucket'],
      ['bucket', 's3:PutBucketPolicy'],
      ['key', 'kms:Decrypt'],
      ['key', 'kms:PutKeyPolicy'],
    ] as const;
    const outcomes = new Map<string, number>();
    let narrowed = 0;
    let skipped = 0;
    for (const principal of principals) {
      for (const resource of resources.filter((r) => r.kind !== 'log-bucket')) {
        for (const [on, action] of probes) {
          if (!fits(on, action) || (on === 'key') !== (resource.kind === 'key')) continue;
          for (const layer of ['identity', 'resource', 'effective'] as const) {
            const request = { principal, resource, on, action, sessionTag: principal.tags['client-id'], now: FIXED_NOW };
            const simulation = dataSimulation(request, layer);
            const whole = {
              ...simulation,
              identityPolicies: simulation.identityPolicies.map((p) => ({
                ...p,
                policy:
                  [...principal.identity, ...(principal.boundary ? [principal.boundary] : [])].find((i) => i.name === p.name)?.document ??
                  p.policy,
              })),
              permissionBoundaryPolicies: simulation.permissionBoundaryPolicies?.map((p) => ({
                ...p,
                policy: principal.boundary!.document,
              })),
              resourcePolicy: layer === 'identity' ? simulation.resourcePolicy : resource.policy,
            };
            if (JSON.stringify(whole) !== JSON.stringify(simulation)) narrowed += 1;
            const decision = decide(simulation);
            if (!couldAllow(request, layer)) {
              skipped += 1;
              expect([principal.name, resource.name, action, layer, decision]).not.toEqual([
                principal.name,
                resource.name,
                action,
                layer,
                'Allowed',
              ]);
            }
            expect([principal.name, resource.name, action, layer, decision]).toEqual([
              principal.name,
              resource.name,
              action,
              layer,
              decide(whole),
            ]);
            outcomes.set(decision, (outcomes.get(decision) ?? 0) + 1);
          }
        }
      }
    }
    expect(narrowed).toBeGreaterThan(100);
    expect(skipped).toBeGreaterThan(100);
    expect([...outcomes.keys()].sort()).toEqual(['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']);
  });
});

describe('who drives a role', () => {
  /** A stack of roles, each trusting a service or other roles of the stack (by ARN). */
  const rolesOf = (trusts: Record<string, { Service?: string; AWS?: string }>): ProofStack[] => [
    {
      stackName: 'roles',
      account: '111111111111',
      region: 'eu-west-1',
      template: {
        Resources: Object.fromEntries(
          Object.entries(trusts).map(([name, principal]) => [
            name,
            {
              Type: 'AWS::IAM::Role',
              Properties: {
                RoleName: name,
                AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal }] },
              },
            },
          ]),
        ),
      },
    },
  ];
  const arn = (name: string) => `arn:aws:iam::111111111111:role/${name}`;
  const humans = (stacks: ProofStack[]) =>
    readInventory(stacks)
      .principals.map((p) => `${p.name} ${p.human ? 'human' : 'service'} ${p.kind}`)
      .sort();

  test('a role that only service roles assume, directly or in a chain, is driven by services', () => {
    expect(
      humans(
        rolesOf({ pipeline: { Service: 'codepipeline.amazonaws.com' }, action: { AWS: arn('pipeline') }, next: { AWS: arn('action') } }),
      ),
    ).toEqual(['action service service', 'next service service', 'pipeline service service']);
  });

  test('a role that people’s roles or the account may assume stays a role people drive', () => {
    expect(
      humans(
        rolesOf({
          people: { AWS: 'arn:aws:iam::111111111111:root' },
          chained: { AWS: arn('people') },
          stranger: { AWS: arn('elsewhere') },
        }),
      ),
    ).toEqual(['chained human role', 'people human role', 'stranger human role']);
  });
});

describe('tenant isolation proof (CDM-3.3-TENANT-ISOLATION)', () => {
  test('the example is proven: no finding, no cross-client access', () => {
    const { findings, matrix } = example;
    expect(findings).toEqual([]);
    expect(matrix.crossClientAccess).toEqual([]);
    expect(matrix.proof).toEqual(expect.objectContaining({ clients: 3, principals: 27, shapes: 4, findings: 0 }));
    expect(matrix.proof.simulations).toBeGreaterThan(1000);
  });

  test('the access matrix lists every principal, what it may do, and only on its own client', () => {
    const { matrix } = example;
    expect(matrix.principals.map((p) => `${p.principal} ${p.kind}`)).toEqual([
      'arn:aws:iam::111111111111:role/precision-acme-auditor auditor',
      'arn:aws:iam::111111111111:role/precision-acme-backup service',
      'arn:aws:iam::111111111111:role/precision-acme-break-glass break-glass',
      'arn:aws:iam::111111111111:role/precision-acme-data-AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2 service',
      'arn:aws:iam::111111111111:role/precision-acme-data-MalwareScanningbillingRoleA70F77DD service',
      'arn:aws:iam::111111111111:role/precision-acme-data-MalwareScanningrecordsRole4DA4BFFC service',
      'arn:aws:iam::111111111111:role/precision-acme-operator operator',
      'arn:aws:iam::111111111111:role/precision-acme-reader reader',
      'arn:aws:iam::111111111111:role/precision-acme-replica-MalwareScanningbillingRoleA70F77DD service',
      'arn:aws:iam::111111111111:role/precision-acme-replica-MalwareScanningrecordsRole4DA4BFFC service',
      'arn:aws:iam::111111111111:role/precision-acme-s3-replication service',
      'arn:aws:iam::111111111111:role/precision-audit-AuditTrailLogsRole4829C622 service',
      'arn:aws:iam::111111111111:role/precision-initech-backup service',
      'arn:aws:iam::111111111111:role/precision-initech-data-AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2 service',
      'arn:aws:iam::111111111111:role/precision-initech-data-MalwareScanningarchiveRole3274AEBE service',
      'arn:aws:iam::111111111111:role/precision-initech-operator operator',
      'arn:aws:iam::111111111111:role/precision-initech-replica-MalwareScanningarchiveRole3274AEBE service',
      'arn:aws:iam::111111111111:role/precision-initech-s3-replication service',
      'arn:aws:iam::222222222222:role/precision-globex-auditor auditor',
      'arn:aws:iam::222222222222:role/precision-globex-backup service',
      'arn:aws:iam::222222222222:role/precision-globex-data-AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2 service',
      'arn:aws:iam::222222222222:role/precision-globex-data-MalwareScanningcontractsRole3620DD09 service',
      'arn:aws:iam::222222222222:role/precision-globex-data-MalwareScanningcustomersRole2178743F service',
      'arn:aws:iam::222222222222:role/precision-globex-operator operator',
      'arn:aws:iam::222222222222:role/precision-globex-replica-MalwareScanningcontractsRole3620DD09 service',
      'arn:aws:iam::222222222222:role/precision-globex-replica-MalwareScanningcustomersRole2178743F service',
      'arn:aws:iam::222222222222:role/precision-globex-s3-replication service',
    ]);
    for (const p of matrix.principals.filter((x) => x.client !== null)) {
      expect(new Set(p.access.map((a) => a.client))).toEqual(new Set(p.access.length === 0 ? [] : [p.client]));
    }
    // GuardDuty Malware Protection's role for acme's records bucket reaches that one bucket (and its key) only.
    const scan = matrix.principals.find((p) => p.principal.endsWith('precision-acme-data-MalwareScanningrecordsRole4DA4BFFC'));
    const scanBuckets = new Set(scan?.access.filter((a) => a.resource.startsWith('arn:aws:s3:::')).map((a) => a.resource.split('/')[0]));
    expect([...scanBuckets]).toEqual(['arn:aws:s3:::precision-acme-records-111111111111-eu-west-1']);
    expect(
      scan?.access.filter((a) => a.resource.startsWith('arn:aws:kms:')).every((a) => a.resource.includes(':eu-west-1:111111111111:')),
    ).toBe(true);
    const operator = matrix.principals.find((p) => p.principal.endsWith('precision-acme-operator'));
    expect(operator).toEqual(
      expect.objectContaining({
        client: 'acme',
        assumableBy: ['arn:aws:iam::111111111111:role/acme-ops'],
        mfaRequired: true,
        sessionTag: 'acme',
        maxSessionSeconds: 3600,
        breakGlass: null,
      }),
    );
    expect(operator?.access.find((a) => a.resource === 'arn:aws:s3:::precision-acme-records-111111111111-eu-west-1/*')?.actions).toEqual([
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
    ]);
    expect(operator?.access.find((a) => a.resource === 'arn:aws:kms:eu-central-1:111111111111:alias/precision/acme/data')?.actions).toEqual(
      ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
    );
    const breakGlass = matrix.principals.find((p) => p.kind === 'break-glass');
    expect(breakGlass?.breakGlass).toEqual({ ticket: 'CHG-1234', approvedBy: 'jane@example.com', expires: '2026-11-24T00:00:00Z' });
    expect(breakGlass?.access.find((a) => a.type === 'object')?.actions).toContain('s3:DeleteObjectVersion');
    const auditor = matrix.principals.find((p) => p.principal.endsWith('precision-acme-auditor'));
    expect(auditor?.access.filter((a) => a.type === 'object')).toEqual([]);
  });

  test('the matrix is deterministic', () => {
    expect(JSON.stringify(prove().matrix)).toBe(JSON.stringify(example.matrix));
  });

  describe('leaks fail the proof, naming principal, action and resource', () => {
    test('a wildcard resource in a duty policy', () => {
      const result = prove((stacks) => {
        const policy = resource(stacks, 'precision-acme-data', 'AccessDutyoperatorPolicy');
        statement(policy.Properties.PolicyDocument, 'DataObjects').Resource.push('arn:aws:s3:::*');
      });
      expect(lines(result)).toEqual(
        expect.arrayContaining([
          "TenantLeak arn:aws:iam::111111111111:role/precision-acme-operator (client acme) is allowed by the identity layer alone s3:GetObject on client initech's object arn:aws:s3:::precision-initech-archive-111111111111-eu-central-1",
          expect.stringMatching(/^UnprovableWildcard a policy of client "acme" uses the wildcard pattern "arn:aws:s3:::\*"/),
        ]),
      );
      expect(result.matrix.crossClientAccess).toEqual([]); // the boundary and the bucket policies still hold
    });

    test('a key policy that lets the whole account use the key without the client tag', () => {
      const result = prove((stacks) => {
        const key = resource(stacks, 'precision-initech-data', 'DataKey');
        delete statement(key.Properties.KeyPolicy, 'KeyUseByClientPrincipalsOnly').Condition;
      });
      expect(lines(result)).toContain(
        "TenantLeak arn:aws:iam::111111111111:role/precision-acme-operator (client acme) is allowed by the resource layer alone kms:Decrypt on client initech's key arn:aws:kms:eu-central-1:111111111111:key/precision-initech-data-DataKey17AFBB84",
      );
    });

    test('a bucket policy without its client tag deny', () => {
      const result = prove((stacks) => {
        const policy = Object.values(stacks.find((s) => s.stackName === 'precision-initech-data')!.template.Resources!).find(
          (r) => r.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(r).includes('DenyDataAccessOutsideClient'),
        ) as any;
        const doc = policy.Properties.PolicyDocument;
        doc.Statement = doc.Statement.filter((s: any) => s.Sid !== 'DenyDataAccessOutsideClient');
      });
      expect(lines(result)).toContain(
        "TenantLeak arn:aws:iam::111111111111:role/precision-acme-operator (client acme) is allowed by the resource layer alone s3:GetObject on client initech's object arn:aws:s3:::precision-initech-archive-111111111111-eu-central-1",
      );
      // Another account's principals are still refused: S3 needs the bucket policy to admit them.
      expect(lines(result).filter((l) => l.includes('222222222222:role'))).toEqual([]);
    });

    test('a bucket policy that admits another client’s role', () => {
      const result = prove((stacks) => {
        const policy = Object.values(stacks.find((s) => s.stackName === 'precision-initech-data')!.template.Resources!).find(
          (r) => r.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(r).includes('DenyDataAccessOutsideClient'),
        ) as any;
        statement(policy.Properties.PolicyDocument, 'DenyDataAccessOutsideClient').Condition.ArnNotEquals = {
          'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/precision-acme-operator'],
        };
      });
      expect(lines(result)).toEqual(
        expect.arrayContaining([
          'ForeignReference a policy of client "initech" names "arn:aws:iam::111111111111:role/precision-acme-operator", which belongs to client "acme"',
          "TenantLeak arn:aws:iam::111111111111:role/precision-acme-operator (client acme) is allowed by the resource layer alone s3:PutObject on client initech's object arn:aws:s3:::precision-initech-archive-111111111111-eu-central-1",
        ]),
      );
    });

    test('a trust that lets a session pick its client tag makes every tag-based policy useless', () => {
      const result = prove((stacks) => {
        const role = resource(stacks, 'precision-acme-data', 'AccessDutyreaderRole');
        delete role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals;
      });
      expect(lines(result)).toEqual(
        expect.arrayContaining([
          'TrustWeak arn:aws:iam::111111111111:role/precision-acme-reader: its trust admits sessions without the client-id session tag (DP-ABAC)',
          "TrustWeak arn:aws:iam::111111111111:role/precision-acme-reader: its trust lets a session carry another client's id as its client-id tag (DP-ABAC)",
          "TenantLeak arn:aws:iam::111111111111:role/precision-acme-reader (client acme) is allowed by the resource layer alone s3:GetObject on client initech's object arn:aws:s3:::precision-initech-archive-111111111111-eu-central-1",
        ]),
      );
    });

    test('a trust without MFA', () => {
      const result = prove((stacks) => {
        delete resource(stacks, 'precision-globex-data', 'AccessDutyauditorRole').Properties.AssumeRolePolicyDocument.Statement[0].Condition
          .Bool;
      });
      expect(lines(result)).toEqual([
        'TrustWeak arn:aws:iam::222222222222:role/precision-globex-auditor: its trust admits sessions without MFA (CDM-3.2-MFA)',
      ]);
    });
  });

  describe('the proof cannot pass by denying everything', () => {
    test('a duty that cannot do its job fails it', () => {
      const result = prove((stacks) => {
        const policy = resource(stacks, 'precision-initech-data', 'AccessDutyoperatorPolicy');
        policy.Properties.PolicyDocument.Statement = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Sid !== 'UseKeys');
      });
      expect(lines(result)).toContain(
        "DutyBroken arn:aws:iam::111111111111:role/precision-initech-operator (operator) cannot kms:Decrypt on its own client's key arn:aws:kms:eu-central-1:111111111111:key/precision-initech-data-DataKey17AFBB84, which its duty needs",
      );
    });

    test('a boundary that denies everything fails every duty', () => {
      const result = prove((stacks) => {
        resource(stacks, 'precision-acme-data', 'AccessBoundary').Properties.PolicyDocument.Statement.push({
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
        });
      });
      expect(new Set(result.findings.filter((f) => f.rule === 'DutyBroken').map((f) => f.principal))).toEqual(
        new Set(
          ['precision-acme-auditor', 'precision-acme-break-glass', 'precision-acme-operator', 'precision-acme-reader'].map(
            (n) => `arn:aws:iam::111111111111:role/${n}`,
          ),
        ),
      );
    });

    test('a duty that can do more than its job fails it', () => {
      const result = prove((stacks) => {
        statement(resource(stacks, 'precision-acme-data', 'AccessDutyreaderPolicy').Properties.PolicyDocument, 'DataObjects').Action.push(
          's3:PutObject',
        );
      });
      expect(lines(result)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^ExcessPrivilege arn:aws:iam::111111111111:role\/precision-acme-reader \(reader\) can s3:PutObject on its own client's object/,
          ),
        ]),
      );
    });
  });

  describe('break-glass (DP-ALWAYS-OFF)', () => {
    const breakGlass = () => readInventory(base).principals.find((p) => p.kind === 'break-glass')!;

    test('usable before its expiry, refused at and after it, and through another region', () => {
      const role = breakGlass();
      expect(analyseTrust(role, FIXED_NOW)).toEqual({
        assumableBy: ['arn:aws:iam::111111111111:role/acme-ops'],
        usable: true,
        mfaRequired: true,
        sessionTagRequired: true,
        sessionTagPinned: true,
        strangersRefused: true,
        expiryEnforced: true,
        regionPinned: true,
      });
      expect(analyseTrust(role, new Date('2026-11-24T00:00:00Z')).usable).toBe(false);
    });

    test('a break-glass trust without its time condition fails the proof', () => {
      const result = prove((stacks) => {
        delete resource(stacks, 'precision-acme-data', 'AccessBreakGlassAccessRole').Properties.AssumeRolePolicyDocument.Statement[0]
          .Condition.DateLessThan;
      });
      expect(lines(result)).toEqual([
        'TrustWeak arn:aws:iam::111111111111:role/precision-acme-break-glass: break-glass trust still admits sessions at or after its expiry (DP-ALWAYS-OFF)',
      ]);
    });
  });

  test('the synchronous evaluation agrees with the validating one, and every request is valid', async () => {
    const { principals, resources } = readInventory(base);
    const acme = principals.filter((p) => p.clientId === 'acme');
    const targets = resources.filter((r) => r.kind !== 'log-bucket');
    const simulations = acme.flatMap((p) =>
      targets.flatMap((r) =>
        CROSS_CLIENT_PROBES.filter((probe) => (r.kind === 'key') === (probe.on === 'key') && fits(probe.on, probe.action)).flatMap(
          (probe) =>
            (['identity', 'boundary', 'resource', 'effective'] as const).map((layer) =>
              dataSimulation({ principal: p, resource: r, on: probe.on, action: probe.action, sessionTag: 'acme', now: FIXED_NOW }, layer),
            ),
        ),
      ),
    );
    simulations.push(
      ...acme.map((p) =>
        assumeSimulation({
          role: p,
          caller: 'arn:aws:iam::111111111111:role/acme-ops',
          action: 'sts:AssumeRole',
          mfa: true,
          sessionTag: 'acme',
          time: FIXED_NOW,
          region: 'eu-west-1',
        }),
      ),
    );
    expect(simulations.length).toBeGreaterThan(300);
    let allowed = 0;
    for (const simulation of simulations) {
      const validated = await runSimulation(simulation, {});
      if (validated.resultType === 'error')
        throw new Error(`${simulation.request.action} on ${simulation.request.resource.resource}: ${validated.errors.message}`);
      expect(`${simulation.request.action} ${simulation.request.resource.resource} ${decide(simulation)}`).toBe(
        `${simulation.request.action} ${simulation.request.resource.resource} ${validated.overallResult}`,
      );
      if (validated.overallResult === 'Allowed') allowed += 1;
    }
    expect(allowed).toBeGreaterThan(50); // both outcomes are exercised
  });
});

describe('equivalent simulations share one evaluation', () => {
  test('a value relates to a policy’s strings exactly when one case-insensitive RegExp of them all matches it (ASCII literals by their lowercase forms)', () => {
    // Letters whose case folding differs between toLowerCase and a RegExp's `i` flag (ſ, K, ß, İ), wildcards, separators.
    const char = fc.constantFrom('a', 'A', 'b', 'S', 's', 'k', 'K', 'ſ', '\u212a', 'ß', 'İ', 'i', '*', '?', ':', '/', '-', '.', '$', '\n');
    const text = fc.array(char, { maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 6 }), fc.array(text, { minLength: 1, maxLength: 8 }), (strings, values) => {
        const terms = new StringTerms(strings);
        const every = patternsRegExp(strings.filter((v) => !/^\*+$/.test(v)));
        for (const value of values) expect({ value, relates: terms.relates(value) }).toEqual({ value, relates: every.test(value) });
      }),
      { numRuns: 3000 },
    );
    const arn = new StringTerms(['arn:aws:iam::111111111111:role/Acme-Analyst', 'arn:aws:s3:::acme-*', 'acme']);
    expect(['ARN:AWS:IAM::111111111111:ROLE/acme-analyst', 'arn:aws:s3:::ACME-data/x', 'Acme'].map((v) => arn.relates(v))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['arn:aws:iam::111111111111:role/Acme-Analyst2', 'arn:aws:s3:::acm', 'acme\u212a'].map((v) => arn.relates(v))).toEqual([
      false,
      false,
      false,
    ]);
  });

  test('every cross-client and own-client request of the example: the shared decision is the evaluator’s own', () => {
    const { principals, resources } = readInventory(base);
    const shared = new Map();
    let asked = 0;
    for (const principal of principals) {
      for (const resource of resources.filter((r) => r.kind !== 'log-bucket')) {
        for (const probe of CROSS_CLIENT_PROBES) {
          if (!fits(probe.on, probe.action) || (probe.on === 'key') !== (resource.kind === 'key')) continue;
          for (const sessionTag of [principal.tags['client-id'], resource.tags['client-id'], undefined]) {
            for (const layer of probe.layers) {
              const simulation = dataSimulation(
                { principal, resource, on: probe.on, action: probe.action, sessionTag, now: FIXED_NOW },
                layer,
              );
              asked += 1;
              expect([principal.name, resource.name, probe.action, layer, sessionTag, decide(simulation, shared)]).toEqual([
                principal.name,
                resource.name,
                probe.action,
                layer,
                sessionTag,
                decide(simulation),
              ]);
            }
          }
        }
      }
    }
    expect(asked).toBeGreaterThan(5000);
    expect(shared.size).toBeLessThan(asked * 0.9); // sharing does happen (among the principals of a client, mostly)
  });

  test('every request of the example by every layer, from every account: decideData answers as the evaluator does alone', () => {
    const { principals, resources } = readInventory(base);
    // The principals as they are, and as if each were in another account (one the policies never name): the
    // resource layer shares decisions among principals of accounts that no policy names.
    const elsewhere = principals.map((p, i) => {
      const account = String(300000000000 + i);
      return { ...p, arn: p.arn.replace(`::${p.account}:`, `::${account}:`), account };
    });
    const accounts = new Set([...principals, ...elsewhere].map((p) => p.account));
    expect(accounts.size).toBeGreaterThan(principals.length);
    const shared = new Map();
    let asked = 0;
    const moved = { asked: 0, evaluated: 0 }; // the resource layer, for the principals moved to other accounts
    for (const principal of [...principals, ...elsewhere]) {
      for (const resource of resources) {
        for (const probe of CROSS_CLIENT_PROBES) {
          if (!fits(probe.on, probe.action) || (probe.on === 'key') !== (resource.kind === 'key')) continue;
          for (const sessionTag of [principal.tags['client-id'], resource.tags['client-id'], undefined]) {
            for (const layer of probe.layers) {
              const request = { principal, resource, on: probe.on, action: probe.action, sessionTag, now: FIXED_NOW };
              const alone = couldAllow(request, layer) ? decide(dataSimulation(request, layer)) : 'ImplicitlyDenied';
              const before = counter.simulations;
              asked += 1;
              expect([principal.arn, resource.arn, probe.action, layer, sessionTag, decideData(request, layer, shared)]).toEqual([
                principal.arn,
                resource.arn,
                probe.action,
                layer,
                sessionTag,
                alone,
              ]);
              if (layer === 'resource' && elsewhere.includes(principal)) {
                moved.asked += 1;
                moved.evaluated += counter.simulations - before;
              }
            }
          }
        }
      }
    }
    expect(asked).toBeGreaterThan(10000);
    expect(moved.evaluated).toBeLessThan(moved.asked / 4); // sharing does happen, across accounts too
  });

  test('an account a policy names, and the resource’s own account, are never shared with another', () => {
    const { resources } = readInventory(base);
    const bucket = resources.find((r) => r.kind === 'bucket') as (typeof resources)[number];
    const named = '444444444444';
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${named}:root` }, Action: 's3:GetObject', Resource: `${bucket.arn}/*` },
      ],
    };
    const store = { ...bucket, policy };
    const principalIn = (account: string) => ({
      arn: `arn:aws:iam::${account}:role/isolation-test`,
      account,
      region: bucket.region,
      name: 'isolation-test',
      kind: 'operator',
      human: true,
      clientId: undefined,
      tags: {},
      identity: [{ name: 'all', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
      unknownPolicies: [],
      trust: { Version: '2012-10-17', Statement: [] },
      maxSessionSeconds: 3600,
      location: { logicalId: 'X' },
    });
    const shared = new Map();
    const ask = (account: string, layer: 'resource' | 'effective') =>
      decideData(
        { principal: principalIn(account) as never, resource: store, on: 'object', action: 's3:GetObject', now: FIXED_NOW },
        layer,
        shared,
      );
    for (const layer of ['resource', 'effective'] as const) {
      // Asked first from an account the policy does not name, then from the one it names, then from the store's own.
      expect([ask('555555555555', layer), ask(named, layer), ask('666666666666', layer), ask(bucket.account, layer)]).toEqual([
        'ImplicitlyDenied',
        'Allowed',
        'ImplicitlyDenied',
        'Allowed',
      ]);
    }
  });

  test('the proof finds the same with and without sharing: the example, and a leak through a bucket policy', () => {
    const leaky = (stacks: ProofStack[]) => {
      const key = resource(stacks, 'precision-initech-data', 'DataKey');
      delete statement(key.Properties.KeyPolicy, 'KeyUseByClientPrincipalsOnly').Condition;
    };
    for (const change of [() => undefined, leaky]) {
      const stacks = structuredClone(base);
      change(stacks);
      const withSharing = proveTenantIsolation(stacks, scopes, { now: FIXED_NOW });
      const without = proveTenantIsolation(stacks, scopes, { now: FIXED_NOW, shareDecisions: false });
      expect(withSharing.findings).toEqual(without.findings);
      expect({ ...withSharing.matrix, proof: { ...withSharing.matrix.proof, simulations: 0 } }).toEqual({
        ...without.matrix,
        proof: { ...without.matrix.proof, simulations: 0 },
      });
      expect(withSharing.matrix.proof.simulations).toBeLessThan(without.matrix.proof.simulations);
    }
    const leak = proveTenantIsolation(
      (() => {
        const stacks = structuredClone(base);
        leaky(stacks);
        return stacks;
      })(),
      scopes,
      { now: FIXED_NOW },
    );
    expect(leak.findings.some((f) => f.rule === 'TenantLeak')).toBe(true);
  });
});
