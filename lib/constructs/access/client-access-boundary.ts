import type { Construct } from 'constructs';
import { boundaryStatements, type ClientScope } from '../../access';
import { AccessPolicy } from './access-policy';

/** Properties of a {@link ClientAccessBoundary}. */
export interface ClientAccessBoundaryProps {
  /** The client's resources. */
  readonly scope: ClientScope;
  /** The customer-managed policy's name (see `ClientNames.boundary`). */
  readonly managedPolicyName: string;
}

/**
 * The permission boundary of every role the baseline gives a client's people
 * (CDM-3.2-LEAST-PRIV, CDM-3.3-TENANT-ISOLATION): a customer-managed policy
 * allowing only the union of the duties' actions on that client's own
 * buckets and keys, in both of its regions. Whatever a role's own policy
 * says, it cannot reach beyond this.
 */
export class ClientAccessBoundary extends AccessPolicy {
  constructor(scope: Construct, id: string, props: ClientAccessBoundaryProps) {
    super(scope, id, {
      clientId: props.scope.clientId,
      managedPolicyName: props.managedPolicyName,
      description: `Permission boundary: only client ${props.scope.clientId}'s own data stores and keys`,
      statements: boundaryStatements(props.scope),
    });
  }
}
