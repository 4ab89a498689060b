import * as iam from 'aws-cdk-lib/aws-iam';
import { packFindings } from '../../../util';
import { humanTrust, role } from './fixtures';

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
