import * as iam from 'aws-cdk-lib/aws-iam';
import { humanTrustPrincipal } from '../../../../lib/constructs/access';
import { packFindings } from '../../../util';
import { asClient, humanTrust, OPS, role } from './fixtures';

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
