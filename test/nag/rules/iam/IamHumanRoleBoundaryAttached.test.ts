import * as iam from 'aws-cdk-lib/aws-iam';
import { packFindings } from '../../../util';
import { asClient, humanTrust } from './fixtures';

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
