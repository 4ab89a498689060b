import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { clientFindings, clientStore, acmeFindings as findings, packFindings } from '../../../util';

describe('CDB-KmsKeyUseClientScoped', () => {
  const rule = 'CDB-KmsKeyUseClientScoped';
  const useStatement = (conditions?: Record<string, Record<string, string>>) =>
    new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['kms:Decrypt'], resources: ['*'], conditions });
  test('compliant: ClientKey in a client stack', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('compliant: a service principal may use a client-stack key', () => {
    expect(
      clientFindings(rule, (s) => {
        new kms.Key(s, 'Svc', {
          policy: new iam.PolicyDocument({
            statements: [
              new iam.PolicyStatement({
                principals: [new iam.ServicePrincipal('events.amazonaws.com')],
                actions: ['kms:Decrypt'],
                resources: ['*'],
              }),
            ],
          }),
        });
      }),
    ).toEqual([]);
  });
  test('not applicable: a key outside client stacks', () => {
    expect(packFindings(rule, (s) => new kms.Key(s, 'Shared'))).toEqual([]);
  });
  test('non-compliant 1: the default policy lets the whole account use a client key', () => {
    expect(
      clientFindings(rule, (s) => {
        new kms.Key(s, 'Default');
      }),
    ).toEqual([`${rule} Test/Default/Resource`]);
  });
  test('non-compliant 2: the session tag names another client', () => {
    expect(
      clientFindings(rule, (s) => {
        new kms.Key(s, 'Other', {
          policy: new iam.PolicyDocument({ statements: [useStatement({ StringEquals: { 'aws:PrincipalTag/client-id': 'globex' } })] }),
        });
      }),
    ).toEqual([`${rule} Test/Other/Resource`]);
  });
});

describe('CDB-KmsKeyUseClientScoped and service roles (DP-ABAC)', () => {
  test('compliant: the replication role is named by an exact aws:PrincipalArn', () => {
    expect(findings('KmsKeyUseClientScoped')).toEqual([]);
  });

  test('non-compliant: a wildcard aws:PrincipalArn lets any role of the account use the key', () => {
    expect(
      findings('KmsKeyUseClientScoped', ({ data }) =>
        data.key.addToResourcePolicy(
          new iam.PolicyStatement({
            sid: 'AnyRole',
            principals: [new iam.AccountPrincipal('111111111111')],
            actions: ['kms:Decrypt'],
            resources: ['*'],
            conditions: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/*' } },
          }),
        ),
      ),
    ).toEqual(['acme-data/Default/DataKey/Resource']);
  });
});
