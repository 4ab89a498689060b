import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type IPolicyValidationContext, type IPolicyValidationPlugin, type PolicyValidationPluginReport, Stack } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { type ClientScope, clientScope } from '../access';
import { ClientDataStore, ClientReplicaStore } from '../constructs/store';
import { rulesOf } from '../nag/registry';
import { phase } from '../progress';
import { ClientStack } from '../stacks/client-stack';
import type { CfnTemplate } from './intrinsics';
import type { ProofStack } from './inventory';
import { type ProofFinding, type ProofResult, type ProofRule, proveTenantIsolation } from './prove';

/** File name of the access matrix in the cloud assembly directory. */
export const ACCESS_MATRIX_FILE = 'access-matrix.json';

/** Why each kind of finding fails the synth, as registered in `lib/nag/registry.ts`. */
export const PROOF_RULES: Readonly<Record<ProofRule, { readonly controls: readonly string[]; readonly description: string }>> =
  Object.fromEntries(rulesOf('proof').map((r) => [r.id, { controls: r.controls, description: r.explanation }])) as Record<
    ProofRule,
    { readonly controls: readonly string[]; readonly description: string }
  >;

/** The configuration's organization id, from the client stacks below a construct. */
export function organizationIdOf(root: IConstruct): string | undefined {
  return root.node.findAll().find((c): c is ClientStack => c instanceof ClientStack)?.provider.organizationId;
}

/** Each client's allowed regions, from the client stacks below a construct. */
export function allowedRegionsOf(root: IConstruct): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const c of root.node.findAll()) if (c instanceof ClientStack) out.set(c.client.id, [...c.client.regions.allowed]);
  return out;
}

/** The client scopes of every client stack and store (a team's own stacks may hold stores) below a construct. */
export function clientScopesOf(root: IConstruct): ClientScope[] {
  const scopes = new Map<string, ClientScope>();
  for (const c of root.node.findAll()) {
    const isClient = c instanceof ClientStack || c instanceof ClientDataStore || c instanceof ClientReplicaStore;
    if (isClient && !scopes.has(c.client.id)) scopes.set(c.client.id, clientScope(c.client, c.names));
  }
  return [...scopes.values()].sort((a, b) => a.clientId.localeCompare(b.clientId));
}

/** Properties of a {@link TenantIsolationProof}. */
export interface TenantIsolationProofProps {
  /**
   * The time requests are judged at.
   *
   * @default - the app's `now` context value, else the current time
   */
  readonly now?: Date;
}

/**
 * A validation plugin that runs the tenant isolation proof on every synth
 * (CDM-3.3-TENANT-ISOLATION) and writes the access matrix
 * (`access-matrix.json`, CDM-3.2-REVIEW) into the cloud assembly directory.
 * Any finding fails the synth, naming principal, action and resource.
 */
export class TenantIsolationProof implements IPolicyValidationPlugin {
  public readonly name = 'TenantIsolationProof';
  public readonly ruleIds = Object.keys(PROOF_RULES);
  /** The result of the last run (for the summary and tests). */
  public lastResult?: ProofResult;

  constructor(private readonly props: TenantIsolationProofProps = {}) {}

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const byPath = new Map(
      context.appConstruct.node
        .findAll()
        .filter((c) => Stack.isStack(c))
        .map((c) => [c.node.path, c as Stack]),
    );
    const stacks: ProofStack[] = context.stackTemplates.map((t) => {
      const s = byPath.get(t.stackConstructPath);
      return {
        stackName: s?.stackName ?? t.stackConstructPath,
        account: t.accountId ?? s?.account ?? 'unknown',
        region: t.region ?? s?.region ?? 'unknown',
        template: JSON.parse(readFileSync(t.templatePath, 'utf8')) as CfnTemplate,
        templatePath: t.templatePath,
      };
    });
    const contextNow = context.appConstruct.node.tryGetContext('now') as string | undefined;
    const now = this.props.now ?? (contextNow !== undefined ? new Date(contextNow) : new Date());
    const result = phase(
      'proof',
      () =>
        proveTenantIsolation(stacks, clientScopesOf(context.appConstruct), {
          now,
          allowedRegions: allowedRegionsOf(context.appConstruct),
          organizationId: organizationIdOf(context.appConstruct),
        }),
      (r) => `${r.matrix.proof.principals} principals, ${r.matrix.proof.simulations} evaluations, ${r.findings.length} findings`,
    );
    this.lastResult = result;
    if (context.templatePaths.length > 0) {
      writeFileSync(join(dirname(context.templatePaths[0]), ACCESS_MATRIX_FILE), `${JSON.stringify(result.matrix, null, 2)}\n`);
    }
    return {
      success: result.findings.length === 0,
      violations: result.findings.map((f: ProofFinding) => ({
        ruleName: f.rule,
        description: `[${PROOF_RULES[f.rule].controls.join(', ')}] ${f.message}`,
        fix: PROOF_RULES[f.rule].description,
        severity: 'error',
        violatingResources: [
          {
            resourceLogicalId: f.location.logicalId,
            templatePath: f.location.templatePath ?? '',
            locations: [f.action ?? '', f.resource ?? ''].filter((x) => x !== ''),
          },
        ],
      })),
    };
  }
}

/** The stacks of a synthesized cloud assembly, as the proof reads them. */
export function proofStacksOf(assembly: CloudAssembly): ProofStack[] {
  return assembly.stacks.map((s) => ({
    stackName: s.stackName,
    account: s.environment.account,
    region: s.environment.region,
    template: s.template as CfnTemplate,
    templatePath: s.templateFullPath,
  }));
}
