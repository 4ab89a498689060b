/** Shared setup of the IAM rule tests: human and break-glass roles, in the example's client stacks or a test stack. */
import { type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { clientScope } from '../../../../lib/access';
import { addBaselineStacks } from '../../../../lib/baseline';
import { humanTrustPrincipal } from '../../../../lib/constructs/access';
import { ClientNames } from '../../../../lib/model';
import { exampleConfig } from '../../../util';

export const OPS = 'arn:aws:iam::111111111111:role/ops';
export const config = exampleConfig();
export const acme = clientScope(config.clients[0], new ClientNames(config.provider, config.clients[0]));

/** Client acme's data stack, in the same app as the test stack (the example's client stacks are compliant). */
export function asClient(stack: Stack): Stack {
  return addBaselineStacks(stack.node.scope!, config).clients.acme.data;
}

/** A role trusted by `ops` with the given conditions. */
export function role(
  stack: Stack,
  id: string,
  conditions: Record<string, Record<string, unknown>>,
  props: Partial<iam.RoleProps> = {},
): iam.Role {
  return new iam.Role(stack, id, {
    assumedBy: new iam.PrincipalWithConditions(new iam.AccountPrincipal('111111111111'), conditions),
    ...props,
  });
}

export const humanTrust = () => humanTrustPrincipal({ principals: [OPS], clientId: 'acme' });

/** A role people assume: trusted by an IAM role, with MFA. */
export function humanRole(scope: Construct, id: string, props: Partial<iam.RoleProps> = {}) {
  return new iam.Role(scope, id, {
    assumedBy: new iam.ArnPrincipal('arn:aws:iam::111111111111:role/ops').withConditions({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    }),
    ...props,
  });
}
