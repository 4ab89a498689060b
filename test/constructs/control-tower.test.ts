/**
 * What the Control Tower proactive controls ask of the templates and the
 * baseline meets (CT.KMS.PR.3, CT.CLOUDWATCH.PR.3), and what the isolation
 * proof makes of the new key statement.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { dataSimulation, decide, type ProofPrincipal, proofStacksOf, readInventory } from '../../lib/isolation';
import { exampleConfig, FIXED_NOW, synthBaseline } from '../util';

const config = exampleConfig();
const { app, stacks } = synthBaseline(config);
const templates = new Map(
  app.node
    .findAll()
    .filter((c): c is Stack => Stack.isStack(c))
    .map((s) => [s.stackName, Template.fromStack(s)]),
);
const LOOKUP_LOG_GROUP = 'AWS679f53fac002430cb0da5b7982bd2287LogGroup449FB7C2';
const LOOKUP_FUNCTION = 'AWS679f53fac002430cb0da5b7982bd22872D164C4C';

describe('CT.KMS.PR.3: grants only for AWS services', () => {
  test('every key of every stack has the deny, exactly as the control asks', () => {
    let keys = 0;
    for (const [name, template] of templates) {
      const all = template.findResources('AWS::KMS::Key');
      keys += Object.keys(all).length;
      for (const [id, key] of Object.entries(all)) {
        const statements = (key.Properties.KeyPolicy.Statement as { Sid?: string }[]).filter((s) => s.Sid === 'GrantsForAwsServicesOnly');
        expect({ key: `${name}/${id}`, statements }).toEqual({
          key: `${name}/${id}`,
          statements: [
            {
              Sid: 'GrantsForAwsServicesOnly',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 'kms:CreateGrant',
              Resource: '*',
              Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
            },
          ],
        });
      }
    }
    // 3 in each client data and replica stack (18), 2 in the audit stack, the alert key of each of the 4 detection stacks.
    expect(keys).toBe(24);
  });

  test('the keys keep their logical ids (a changed id would replace a key)', () => {
    const data = templates.get('precision-acme-data') as Template;
    expect(Object.keys(data.findResources('AWS::KMS::Key')).sort()).toEqual([
      'AlertsKey9E1197AF',
      'BackupVaultKeyA286A54F',
      'DataKey17AFBB84',
    ]);
  });

  test('the proof judges a grant as made through an AWS service, so the deny proves nothing on its own', () => {
    // Own-client principals that a key policy lets create grants for AWS resources (AWS Backup's role) keep that
    // right under the deny, and without the service's context the deny would refuse them: the proof's requests
    // carry kms:GrantIsForAWSResource = true, an attacker's best choice, so only the other statements decide.
    const { principals, resources } = readInventory(proofStacksOf(app.synth()));
    const backupRole = principals.find((p) => p.clientId === 'acme' && p.name === 'precision-acme-backup') as ProofPrincipal;
    const keys = resources.filter((r) => r.kind === 'key' && r.clientId === 'acme');
    const judge = (serviceContext: boolean) =>
      keys.map((key) => {
        const simulation = dataSimulation(
          { principal: backupRole, resource: key, on: 'key', action: 'kms:CreateGrant', sessionTag: 'acme', now: FIXED_NOW },
          'resource',
        );
        if (!serviceContext) delete (simulation.request.contextVariables as Record<string, unknown>)['kms:GrantIsForAWSResource'];
        return `${key.name} ${decide(simulation)}`;
      });
    expect(judge(true)).toEqual(['precision-acme-replica-ReplicaKey4DE8F013 Allowed', 'precision-acme-data-DataKey17AFBB84 Allowed']);
    expect(judge(false)).toEqual([
      'precision-acme-replica-ReplicaKey4DE8F013 ExplicitlyDenied',
      'precision-acme-data-DataKey17AFBB84 ExplicitlyDenied',
    ]);
  });
});

describe('CT.CLOUDWATCH.PR.3: the replica-key lookup’s log group is encrypted', () => {
  test.each(config.clients.map((c) => c.id))('%s: with the alert key, in place (same logical id, name and retention)', (client) => {
    const template = templates.get(`precision-${client}-data`) as Template;
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: LOOKUP_FUNCTION }]] },
        KmsKeyId: { 'Fn::GetAtt': ['AlertsKey9E1197AF', 'Arn'] },
        RetentionInDays: 731,
      },
      DeletionPolicy: 'Retain',
    });
    expect(Object.keys(template.findResources('AWS::Logs::LogGroup'))).toEqual([LOOKUP_LOG_GROUP]);
    const region = (stacks.clients[client].data as Stack).region;
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'LookupLogsUseKey',
            Effect: 'Allow',
            Principal: { Service: `logs.${region}.amazonaws.com` },
            Action: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
            Resource: '*',
            Condition: {
              ArnEquals: {
                'kms:EncryptionContext:aws:logs:arn': {
                  'Fn::Join': [
                    '',
                    [
                      `arn:aws:logs:${region}:${(stacks.clients[client].data as Stack).account}:log-group:/aws/lambda/`,
                      { Ref: LOOKUP_FUNCTION },
                    ],
                  ],
                },
              },
            },
          },
        ]),
      },
    });
  });

  test('only the data stacks have the lookup, and only its log group is new to a key', () => {
    const withStatement = [...templates].filter(([, t]) =>
      Object.values(t.findResources('AWS::KMS::Key')).some((k) => JSON.stringify(k).includes('LookupLogsUseKey')),
    );
    expect(withStatement.map(([name]) => name).sort()).toEqual(['precision-acme-data', 'precision-globex-data', 'precision-initech-data']);
  });
});
