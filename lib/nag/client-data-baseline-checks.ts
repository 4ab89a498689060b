import type { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, type NagPackProps, type NagRuleResult } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ClientResourceTagged, StatefulResourceRetained } from './rules/general';
import { KmsKeyAdminSeparated, KmsKeyUseClientScoped } from './rules/kms';
import {
  CloudTrailSelectorLimits,
  IamManagedPolicySize,
  IamRoleInlinePoliciesSize,
  IamRoleManagedPolicyCount,
  IamTrustPolicySize,
  KmsKeyPolicySize,
  S3BucketPolicySize,
  SnsTopicPolicySize,
} from './rules/limits';
import { S3ClientAbacEnforced, S3ClientKeyEncryption, S3ClientKeyUploadsEnforced, S3SingleClassification, S3TlsEnforced } from './rules/s3';

/** One rule of the pack and the policy controls it checks. */
export interface PackRule {
  /** The rule function; its `name` is the rule id's suffix. */
  readonly rule: ((node: CfnResource) => NagRuleResult) & { readonly name: string };
  /** Control ids from `shared/policies/CONTROLS.md` this rule checks. */
  readonly controls: readonly string[];
  /** What a finding means. */
  readonly info: string;
  /** Why the rule exists. */
  readonly explanation: string;
  /** How a finding is treated. */
  readonly level: NagMessageLevel;
}

/** The pack's name, the prefix of every rule id (`CDB-<Rule>`). */
export const PACK_NAME = 'CDB';

/**
 * Every rule of the pack with the controls it serves: the mapping from policy
 * clauses to checks lives here, beside each rule's registration.
 */
export const PACK_RULES: readonly PackRule[] = [
  {
    rule: S3ClientKeyEncryption,
    controls: ['CDM-3.4-AT-REST', 'CDM-3.3-SEGREGATE'],
    info: 'The client dataset bucket is not encrypted by default with a rotating customer-managed KMS key of the same client.',
    explanation:
      'Client data must be encrypted with the client’s own customer-managed key, never an AWS-owned or S3-managed key or another client’s key.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: S3ClientKeyUploadsEnforced,
    controls: ['CDM-3.4-AT-REST'],
    info: 'The client dataset bucket policy does not refuse uploads encrypted otherwise than SSE-KMS with the client key.',
    explanation: 'An upload that names another algorithm or key would store client data outside the client’s key.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: S3TlsEnforced,
    controls: ['CDM-3.4-IN-TRANSIT'],
    info: 'The bucket policy does not deny requests without TLS and with TLS below 1.2.',
    explanation: 'Client data in transit must be protected with TLS 1.2 or later.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: S3SingleClassification,
    controls: ['CDM-3.1-CLASSIFY', 'DP-CLASS-SEPARATE', 'BKP-2-TIERS'],
    info: 'The client bucket is not tagged with exactly one known classification and backup tier.',
    explanation: 'One store holds one classification, at least confidential, so that its controls follow that class.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: S3ClientAbacEnforced,
    controls: ['DP-ABAC', 'CDM-3.3-TENANT-ISOLATION'],
    info: 'The client dataset bucket policy does not deny data access to sessions without the owning client’s id tag.',
    explanation: 'The client id must travel in the session and every data access must be conditioned on it.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: KmsKeyAdminSeparated,
    controls: ['DP-KEY-ADMIN'],
    info: 'The key policy lets one statement both administer and use the key, or leaves the key unmanageable.',
    explanation: 'Key administration and key use are separate duties; KMS refuses a policy nobody can update.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: KmsKeyUseClientScoped,
    controls: ['DP-ABAC', 'CDM-3.3-TENANT-ISOLATION'],
    info: 'The client key policy allows key use to a whole account without requiring the client’s session tag.',
    explanation: 'Only the owning client’s principals and the baseline’s service roles may decrypt its data.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: ClientResourceTagged,
    controls: ['CDM-3.1-CLASSIFY', 'CDM-3.3-SEGREGATE'],
    info: 'A taggable resource in a client stack is not tagged with that client’s id.',
    explanation: 'Every client resource carries its owner.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: StatefulResourceRetained,
    controls: ['DP-INTEGRITY'],
    info: 'A stateful resource (bucket, key, log group, vault) is not retained on stack deletion and replacement.',
    explanation: 'Data and the keys to it must survive a stack deletion or a replacing update.',
    level: NagMessageLevel.ERROR,
  },
  // Deploy-time limits caught at synth (AWS refuses these only when deploying); each finding names the size and the limit.
  {
    rule: S3BucketPolicySize,
    controls: ['CDM-3.3-TENANT-ISOLATION'],
    info: 'The S3 bucket policy is larger than S3’s 20 KB limit.',
    explanation: 'S3 refuses the policy at deploy time and the bucket is left without the statements that isolate it.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: KmsKeyPolicySize,
    controls: ['DP-KEY-ADMIN'],
    info: 'The KMS key policy is larger than KMS’s 32 KB limit.',
    explanation: 'KMS refuses the key policy at deploy time.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamManagedPolicySize,
    controls: ['CDM-3.2-LEAST-PRIV'],
    info: 'The managed IAM policy is longer than IAM’s 6,144 characters (whitespace not counted).',
    explanation: 'IAM refuses the policy at deploy time; split it by duty rather than widening it.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamTrustPolicySize,
    controls: ['CDM-3.2-MFA', 'CDM-3.2-LEAST-PRIV'],
    info: 'The role trust policy is longer than IAM’s default 2,048 characters (whitespace not counted).',
    explanation: 'IAM refuses the role at deploy time unless the account’s quota was raised.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamRoleInlinePoliciesSize,
    controls: ['CDM-3.2-LEAST-PRIV'],
    info: 'The role’s inline policies together are longer than IAM’s 10,240 characters (whitespace not counted).',
    explanation: 'IAM refuses the last policy that crosses the limit at deploy time.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: IamRoleManagedPolicyCount,
    controls: ['CDM-3.2-LEAST-PRIV'],
    info: 'The role has more managed policies attached than IAM’s default 10.',
    explanation: 'IAM refuses the attachment at deploy time unless the account’s quota was raised.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: SnsTopicPolicySize,
    controls: ['DP-MONITOR', 'BKP-5-MONITOR'],
    info: 'The SNS topic policy is larger than SNS’s 30 KB limit.',
    explanation: 'SNS refuses the policy at deploy time and alerts cannot be published.',
    level: NagMessageLevel.ERROR,
  },
  {
    rule: CloudTrailSelectorLimits,
    controls: ['DP-LOG-ALL-ACCESS'],
    info: 'The trail’s event selectors exceed CloudTrail’s limits (5 selectors and 250 data resources, or 500 advanced selector values, not both kinds).',
    explanation: 'CloudTrail refuses the selectors at deploy time and data events go unlogged.',
    level: NagMessageLevel.ERROR,
  },
];

/**
 * The client-data-baseline policy pack: one rule per policy control, run on
 * every synth beside the standard cdk-nag packs.
 *
 * @example
 * Validations.of(app).addPlugins(new ClientDataBaselineChecks(app));
 */
export class ClientDataBaselineChecks extends NagPack {
  public readonly name = 'ClientDataBaseline';
  public readonly ruleIds = PACK_RULES.map((r) => `${PACK_NAME}-${r.rule.name}`);

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = PACK_NAME;
  }

  protected checkResource(node: CfnResource): void {
    for (const { rule, controls, info, explanation, level } of PACK_RULES) {
      this.applyRule({ info: `[${controls.join(', ')}] ${info}`, explanation, level, rule, node });
    }
  }
}
