import { parse } from 'node:path';
import { type CfnResource, Stack } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { CfnPolicy } from 'aws-cdk-lib/aws-organizations';
import type { IConstruct } from 'constructs';
import { NagRuleCompliance } from 'cdk-nag';
import { ALL_PROTECTED_ACTIONS } from '../../../guardrails/protected-actions';
import { ORGANIZATION_METADATA, TAG_KEYS } from '../../../model';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import {
  asArray,
  resolve,
  resourcesInStack,
  type Statement,
  stackAllowedRegions,
  stackClientId,
  statementCovers,
  tagsOf,
} from '../helpers';

interface AttachedPolicy {
  readonly type: string;
  readonly statements: readonly Statement[];
}

/** The app's Organizations policies by target account, indexed once per app. */
const ATTACHED = new WeakMap<IConstruct, ReadonlyMap<string, readonly AttachedPolicy[]>>();

function attachedTo(node: CfnResource, account: string): readonly AttachedPolicy[] {
  const root = node.node.root;
  let index = ATTACHED.get(root);
  if (index === undefined) {
    const out = new Map<string, AttachedPolicy[]>();
    for (const policy of root.node.findAll().filter((c): c is CfnPolicy => c instanceof CfnPolicy)) {
      const attached = {
        type: resolve<string>(policy, policy.type),
        statements: asArray(resolve<{ Statement?: Statement[] }>(policy, policy.content).Statement),
      };
      for (const target of asArray(resolve<string[] | undefined>(policy, policy.targetIds))) {
        out.set(target, [...(out.get(target) ?? []), attached]);
      }
    }
    index = out;
    ATTACHED.set(root, index);
  }
  return index.get(account) ?? [];
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

/**
 * In organization mode (stack metadata `cdb:guardrails` = the organization id
 * on client stacks), the account of every client stack holding the client's
 * datasets (primary or replica; judged on its keys)
 * has, among the app's Organizations policies attached to it
 * (DP-MINIMAL-SERVICES, CDM-3.8-SOVEREIGNTY, DP-IDS-INDEPENDENT):
 * - an SCP denying every request whose `aws:RequestedRegion` is not one of
 *   exactly the client's allowed regions;
 * - an SCP denying, unconditionally, every protected action (stopping the
 *   trail, disabling detection, deleting backups, leaving the organization);
 * - an RCP denying principals whose `aws:PrincipalOrgID` is not the
 *   organization, and one denying requests without TLS.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnKey) || stackClientId(node) === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    // A client account is one that holds the client's datasets (the backup account's copy vaults are guarded apart).
    if (!resourcesInStack(node, CfnBucket).some((b) => tagsOf(b)[TAG_KEYS.dataset] !== undefined)) return NagRuleCompliance.NOT_APPLICABLE;
    const entry = Stack.of(node).node.metadata.find((m) => m.type === ORGANIZATION_METADATA.guardrails);
    if (entry === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const organizationId = entry.data as string;
    const allowed = stackAllowedRegions(node) ?? [];
    const policies = attachedTo(node, Stack.of(node).account);
    const denies = (type: string) =>
      policies.filter((p) => p.type === type).flatMap((p) => p.statements.filter((s) => s.Effect === 'Deny'));
    const scp = denies('SERVICE_CONTROL_POLICY');
    const rcp = denies('RESOURCE_CONTROL_POLICY');
    const regions = scp.some((s) => {
      const value = s.Condition?.StringNotEquals?.['aws:RequestedRegion'];
      return value !== undefined && sameSet(asArray(value as string | string[]), allowed);
    });
    const protectedActions = ALL_PROTECTED_ACTIONS.every((action) =>
      scp.some((s) => s.Condition === undefined && statementCovers(s, action)),
    );
    const perimeter = rcp.some((s) => {
      const org = s.Condition?.StringNotEqualsIfExists?.['aws:PrincipalOrgID'] ?? s.Condition?.StringNotEquals?.['aws:PrincipalOrgID'];
      return org === organizationId && statementCovers(s, 's3:GetObject');
    });
    const tls = rcp.some((s) => {
      const secure = s.Condition?.BoolIfExists?.['aws:SecureTransport'] ?? s.Condition?.Bool?.['aws:SecureTransport'];
      return String(secure) === 'false' && statementCovers(s, 's3:GetObject');
    });
    return regions && protectedActions && perimeter && tls ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
