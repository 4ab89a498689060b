/**
 * Evidence: which resource meets which control, by evaluating every rule that
 * checks a control (ours and the mapped standard rules) over the app and
 * keeping the resources it judges compliant.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { TAG_KEYS } from '../model';
import { RuleResults, sharedRuleResults } from '../nag/engine';
import { rulesOf } from '../nag/registry';

/** Owner of shared (provider-level) resources. */
export const SHARED_OWNER = 'shared';

/** A rule as the report sees it. */
export interface EvidenceRule {
  /** Rule ids it runs under. */
  readonly ids: readonly string[];
  /** Controls it checks. */
  readonly controls: readonly string[];
  /** The rule function. */
  readonly rule: (node: CfnResource) => NagRuleResult;
}

/** Every rule that checks a control: ours first, then the mapped standard ones. */
export function evidenceRules(): EvidenceRule[] {
  return [
    ...rulesOf('pack').map((r) => ({ ids: [r.id], controls: r.controls, rule: r.rule })),
    ...rulesOf('standard').map((r) => ({ ids: r.ids, controls: r.controls, rule: r.rule })),
  ];
}

/** A resource that meets a control. */
export interface EvidenceResource {
  /** Construct path, e.g. `acme-data/Dataset-records/Resource`. */
  readonly path: string;
  /** CloudFormation type. */
  readonly type: string;
  /** Ids of the rules that judged it compliant with the control. Since report 1.2.0. */
  readonly rules: readonly string[];
}

/** Control id -> owner (client id or `shared`) -> resources, each list sorted by path. */
export type Evidence = Map<string, Map<string, EvidenceResource[]>>;

function ownerOf(node: CfnResource): string {
  return Stack.of(node).tags.tagValues()[TAG_KEYS.clientId] ?? SHARED_OWNER;
}

/**
 * Whether each rule judged each resource compliant: entry `n * rules.length + r`
 * is 1 when rule `r` judged resource `n` compliant, 0 when it did not (or threw:
 * a rule that cannot judge a resource offers no evidence for it).
 */
export function compliantOutcomes(results: RuleResults, rules: readonly EvidenceRule[], resources: readonly CfnResource[]): Uint8Array {
  const compliant = new Uint8Array(resources.length * rules.length);
  resources.forEach((node, n) => {
    rules.forEach(({ rule }, r) => {
      const outcome = results.outcome(rule, node);
      if (!('error' in outcome) && outcome.result === NagRuleCompliance.COMPLIANT) compliant[n * rules.length + r] = 1;
    });
  });
  return compliant;
}

/** Collects the evidence for every control below a scope (an app or stage). */
export function collectEvidence(scope: IConstruct): Evidence {
  const evidence: Evidence = new Map();
  const resources = scope.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
  // The checked synth's rule outcomes, where its engine judged this tree (each rule once per resource).
  const results = sharedRuleResults(scope) ?? new RuleResults();
  const owners = new Map<CfnResource, string>();
  const owner = (node: CfnResource) => {
    let found = owners.get(node);
    if (found === undefined) owners.set(node, (found = ownerOf(node)));
    return found;
  };
  const rules = evidenceRules();
  // Which rule judged which resource compliant, read resource by resource: a resource's outcomes sit together in
  // the engine's results, so this costs a seventh of asking rule by rule (72 rules over 7,362 resources at 100 clients).
  const compliant = compliantOutcomes(results, rules, resources);
  // Each (control, owner) list's resources by path, beside the list (a thousand clients make long lists).
  const byPath = new WeakMap<EvidenceResource[], Map<string, EvidenceResource>>();
  // The lists are then built rule by rule, each rule's resources in tree order, as the lists are sorted by path below.
  rules.forEach(({ controls, ids }, r) => {
    for (let n = 0; n < resources.length; n++) {
      if (compliant[n * rules.length + r] === 0) continue;
      const node = resources[n];
      const path = node.node.path;
      for (const control of controls) {
        const byOwner = evidence.get(control) ?? new Map<string, EvidenceResource[]>();
        const list = byOwner.get(owner(node)) ?? [];
        let listed = byPath.get(list);
        if (listed === undefined) byPath.set(list, (listed = new Map()));
        const found = listed.get(path);
        if (found) (found.rules as string[]).push(...ids.filter((id) => !found.rules.includes(id)));
        else {
          const entry = { path, type: node.cfnResourceType, rules: [...ids] };
          list.push(entry);
          listed.set(path, entry);
        }
        byOwner.set(owner(node), list);
        evidence.set(control, byOwner);
      }
    }
  });
  for (const byOwner of evidence.values()) for (const list of byOwner.values()) list.sort((a, b) => a.path.localeCompare(b.path));
  return evidence;
}
