import * as kms from 'aws-cdk-lib/aws-kms';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ClientKey } from '../../../../lib/constructs/data';
import { clientFindings } from '../../../util';

describe('CDB-KmsKeyAdminSeparated', () => {
  const rule = 'CDB-KmsKeyAdminSeparated';
  test('compliant: ClientKey', () => {
    expect(clientFindings(rule, (s) => new ClientKey(s, 'Key', { clientId: 'acme', alias: 'alias/k' }))).toEqual([]);
  });
  test('non-compliant 1: the default key policy (root kms:*) mixes administration and use', () => {
    expect(clientFindings(rule, (s) => new kms.Key(s, 'Default', { enableKeyRotation: true }))).toEqual([`${rule} Test/Default/Resource`]);
  });
  test('non-compliant 2: nobody can update the key policy', () => {
    const findings = clientFindings(
      rule,
      (s) =>
        new kms.Key(s, 'Unmanageable', {
          policy: new iam.PolicyDocument({
            statements: [
              new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['kms:Decrypt'], resources: ['*'] }),
            ],
          }),
        }),
    );
    expect(findings).toEqual([`${rule} Test/Unmanageable/Resource`]);
  });
});
