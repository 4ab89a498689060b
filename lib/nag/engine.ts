/**
 * One rule engine for every cdk-nag pack of a synth: a single walk of the
 * construct tree, each (rule function, resource) evaluated once and shared by
 * every pack that registers the rule (the four standard packs register 421
 * rules, 289 distinct functions) and by the compliance report's evidence.
 *
 * Each pack keeps its own identity, rule ids, acknowledgements and wording:
 * the engine asks each stock pack which rules it registers (cdk-nag packs
 * register the same rules for every resource, with their info, explanation
 * and level) and then judges them exactly as `NagPack.applyRule` does
 * (cdk-nag 3.0.2): a NON_COMPLIANT result or each finding of a result list
 * becomes a violation unless acknowledged on the resource or an ancestor (the
 * ledger records each one so suppressed), and
 * a rule that throws becomes a violation with cdk-nag's error wording.
 * A differential test (`test/nag/engine.test.ts`, and every rule-case
 * fixture through `packFindings`) checks that both give the same findings.
 *
 * The walk runs in a validation plugin, after synthesis: the construct tree
 * no longer changes, so resolving a value in a stack always gives the same
 * result. For the walk only ({@link SharedRuleEngine.judge} installs it and
 * restores the originals in `finally`, also when a rule throws), the engine
 * patches `Stack.prototype.resolve` and `Stack.prototype.getLogicalId`
 * (aws-cdk-lib) with per-stack memos ({@link withResolutionMemo}): the stock
 * packs' rules and ours resolve the same properties, references and logical
 * ids over and over, and token resolution was half of the walk's CPU; and
 * `Node.prototype.findAll` (constructs), whose list of a stack's constructs
 * 35 cdk-nag rules walk for every resource they judge (each caller gets its
 * own copy of the list). Rules that decide from a resource's class alone
 * are not called on every resource ({@link classwideOutcome}).
 * Memoized results are shared between callers, so they are deep-frozen: a
 * rule that mutated a resolved value would throw (a finding the differential
 * test would show) rather than change what the next rule reads. No cdk-nag
 * 3.0.2 rule nor ours mutates one.
 */
import {
  type CfnElement,
  CfnResource,
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
  type PolicyViolation,
  Stack,
} from 'aws-cdk-lib';
import { type IApplyRule, NagMessageLevel, type NagPack, NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { ConstructOrder, type IConstruct, Node } from 'constructs';
import { phase } from '../progress';
import type { AcknowledgementLedger } from './acknowledgement-ledger';
import { rulesOf } from './registry';
import { withUnloadedServices } from './unloaded-services';

/** A memoized rule outcome: the result, or the message of what it threw. */
type Outcome = { readonly result: NagRuleResult } | { readonly error: string };

/** A rule function as the packs register it. */
type Rule = IApplyRule['rule'];

/**
 * The outcomes of rule functions on the resources of one construct tree.
 * While the packs judge a resource, every rule's outcome is shared among
 * them; afterwards only the outcomes of the rules the report reads again
 * (`kept`) are held, so that the tree's millions of (rule, resource)
 * outcomes do not outlive the walk.
 */
export class RuleResults {
  private readonly byNode = new WeakMap<CfnResource, Map<Rule, Outcome>>();
  /** The resource the packs are judging (see {@link RuleResults.start}). */
  private judging?: CfnResource;
  /** Each rule's slot in the outcomes of the resource being judged ({@link RuleResults.slotOf}). */
  private readonly slots = new Map<Rule, number>();
  private readonly slotRules: Rule[] = [];
  /** The outcomes of the resource being judged, by slot, and the slots filled so far. */
  private readonly scratch: (Outcome | undefined)[] = [];
  private filled: number[] = [];
  /** By resource class (prototype), each slot's outcome where it is the same for every resource of the class ({@link classwideOutcome}). */
  private readonly byClass = new Map<object, (Outcome | typeof DEPENDS | undefined)[]>();
  /** By resource class and a pack's slots: the indexes of the pack's rules that can apply to a resource of the class. */
  private readonly liveByClass = new Map<object, WeakMap<readonly number[], readonly number[]>>();

  /**
   * @param kept the rules whose outcomes are read after the walk (the report's evidence: the registry's pack and standard rules)
   * @default - every rule's outcome is kept
   */
  constructor(private readonly kept?: ReadonlySet<Rule>) {}

  /** A rule's slot: the walk asks each pack's rules by slot, without a lookup per (rule, resource). */
  public slotOf(rule: Rule): number {
    let slot = this.slots.get(rule);
    if (slot === undefined) {
      slot = this.slotRules.push(rule) - 1;
      this.slots.set(rule, slot);
      this.scratch.push(undefined);
    }
    return slot;
  }

  /** The outcome of a rule on a resource, evaluated on first use. */
  public outcome(rule: Rule, node: CfnResource): Outcome {
    const slot = this.slotOf(rule);
    const classwide = this.classwide(slot, node);
    if (classwide !== undefined) return classwide;
    if (node === this.judging) return this.outcomeAt(slot, node);
    let byRule = this.byNode.get(node);
    if (byRule === undefined) this.byNode.set(node, (byRule = new Map()));
    let outcome = byRule.get(rule);
    if (outcome === undefined) byRule.set(rule, (outcome = evaluate(rule, node)));
    return outcome;
  }

  /** The outcome of the rule in a slot ({@link RuleResults.slotOf}) on a resource, evaluated on first use. */
  public outcomeAt(slot: number, node: CfnResource): Outcome {
    if (node !== this.judging) return this.outcome(this.slotRules[slot], node);
    const classwide = this.classwide(slot, node);
    if (classwide !== undefined) return classwide;
    let outcome = this.scratch[slot];
    if (outcome === undefined) {
      this.scratch[slot] = outcome = evaluate(this.slotRules[slot], node);
      this.filled.push(slot);
    }
    return outcome;
  }

  /**
   * The indexes, within `slots` (one pack's rules), of the rules that can
   * apply to a resource of the node's class: every rule but those whose
   * outcome on the class is a class-wide `NOT_APPLICABLE`, which can find
   * nothing. The walk asks only these (most rules judge one or two types).
   */
  public live(node: CfnResource, slots: readonly number[]): readonly number[] {
    const type = Object.getPrototypeOf(node) as object;
    let bySlots = this.liveByClass.get(type);
    if (bySlots === undefined) this.liveByClass.set(type, (bySlots = new WeakMap()));
    let live = bySlots.get(slots);
    if (live === undefined) {
      live = slots.flatMap((slot, i) => {
        const classwide = this.classwide(slot, node);
        return classwide !== undefined && 'result' in classwide && classwide.result === NagRuleCompliance.NOT_APPLICABLE ? [] : [i];
      });
      bySlots.set(slots, live);
    }
    return live;
  }

  /** A rule's class-wide outcome on the node's class, probed on first use ({@link classwideOutcome}), or `undefined` if it depends on the resource. */
  private classwide(slot: number, node: CfnResource): Outcome | undefined {
    const type = Object.getPrototypeOf(node) as object;
    let outcomes = this.byClass.get(type);
    if (outcomes === undefined) this.byClass.set(type, (outcomes = []));
    let outcome = outcomes[slot];
    if (outcome === undefined) outcomes[slot] = outcome = classwideOutcome(this.slotRules[slot], node) ?? DEPENDS;
    return outcome === DEPENDS ? undefined : (outcome as Outcome);
  }

  /**
   * Starts judging a resource (the engine's walk): its outcomes are held
   * aside, by slot, until {@link RuleResults.settle}, which keeps only those
   * of the kept rules, instead of growing and then filtering the resource's map.
   */
  public start(node: CfnResource): void {
    this.judging = node;
    const known = this.byNode.get(node);
    if (known === undefined) return;
    for (const [rule, outcome] of known) {
      const slot = this.slotOf(rule);
      if (this.scratch[slot] === undefined) this.filled.push(slot);
      this.scratch[slot] = outcome;
    }
  }

  /** Drops a resource's outcomes of the rules not kept, once every pack has judged it. */
  public settle(node: CfnResource): void {
    const kept = this.kept;
    if (node === this.judging) {
      this.judging = undefined;
      const held = new Map<Rule, Outcome>();
      for (const slot of this.filled) {
        const rule = this.slotRules[slot];
        if (kept === undefined || kept.has(rule)) held.set(rule, this.scratch[slot] as Outcome);
        this.scratch[slot] = undefined;
      }
      this.filled = [];
      this.byNode.set(node, held);
      return;
    }
    const byRule = this.byNode.get(node);
    if (kept === undefined || byRule === undefined) return;
    this.byNode.set(node, new Map([...byRule].filter(([rule]) => kept.has(rule))));
  }
}

/** Marks a rule whose outcome depends on the resource, not only on its class. */
const DEPENDS = Symbol('depends on the resource');

/** Thrown into a rule that reads anything of the resource it is probed with: its outcome then depends on the resource. */
const TOUCHED = new Error('the rule reads the resource');

/**
 * A rule's outcome on every resource of the node's class, if its outcome
 * cannot depend on anything else: the rule is run on a stand-in (a `Proxy`)
 * that answers only `instanceof` (its prototype chain, which every resource
 * of the class shares) and aborts the rule on any other use (a property read
 * or write, `in`, a key listing...). A rule that runs to its end without
 * such a use decided from the class alone, as cdk-nag's rules decide
 * `NOT_APPLICABLE` for every type but theirs (`node instanceof CfnBucket`),
 * so its outcome holds for every resource of the class; one that used the
 * stand-in returns `undefined` and is judged resource by resource. Rules are
 * pure functions of the resource (the differential test compares the engine
 * with the stock packs, which call every rule on every resource).
 */
function classwideOutcome(rule: Rule, node: CfnResource): Outcome | undefined {
  let touched = false;
  const touch = (): never => {
    touched = true;
    throw TOUCHED;
  };
  const standIn = new Proxy(node, {
    get: touch,
    set: touch,
    has: touch,
    ownKeys: touch,
    getOwnPropertyDescriptor: touch,
    defineProperty: touch,
    deleteProperty: touch,
    isExtensible: touch,
    preventExtensions: touch,
    setPrototypeOf: touch,
  });
  const outcome = evaluate(rule, standIn);
  return touched ? undefined : outcome;
}

/** A rule's outcome on a resource: its result, or the message of what it threw. */
function evaluate(rule: Rule, node: CfnResource): Outcome {
  try {
    return outcomeOf(rule(node));
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** One outcome object per compliance value (most results are `NOT_APPLICABLE` or `COMPLIANT`): millions of outcomes allocate none. */
const COMPLIANCE_OUTCOMES = new Map<NagRuleResult, Outcome>(
  Object.values(NagRuleCompliance).map((value) => [value, Object.freeze({ result: value })]),
);

function outcomeOf(result: NagRuleResult): Outcome {
  return (typeof result === 'string' ? COMPLIANCE_OUTCOMES.get(result) : undefined) ?? { result };
}

/** The rules whose outcomes the compliance report reads as evidence, as registered. */
const EVIDENCE_RULES: ReadonlySet<Rule> = new Set([...rulesOf('pack'), ...rulesOf('standard')].map((r) => r.rule));

const resultsByRoot = new WeakMap<IConstruct, RuleResults>();

/**
 * The shared rule outcomes of the checked synth of the tree that holds a
 * construct, if the engine judged it. The report reads its evidence from them
 * once synthesis has frozen the tree.
 */
export function sharedRuleResults(scope: IConstruct): RuleResults | undefined {
  return resultsByRoot.get(scope.node.root);
}

/** What one stack has resolved during a walk: objects by identity, strings by value, logical ids by element. */
interface StackMemo {
  readonly objects: WeakMap<object, unknown>;
  readonly strings: Map<string, unknown>;
  readonly logicalIds: WeakMap<CfnElement, string>;
}

/** Freezes a resolved value and everything below it (resolution builds fresh objects and arrays; a `Date` is kept as is). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Whether the resolution memo is installed (a walk inside a walk reuses it). */
let memoInstalled = false;

/**
 * Runs `fn` with `Stack.prototype.resolve` and `Stack.prototype.getLogicalId`
 * memoized per stack and `Node.prototype.findAll` per node, and restores all
 * three afterwards, whatever `fn` does. Only sound while the construct tree does not change (after synthesis): a value
 * (the same object, or the same string) resolved again in the same stack, or
 * an element's logical id asked again, is answered from the memo. `undefined`,
 * `null`, booleans and numbers are resolved as before (cheap, and `0` and
 * `-0` would share a `Map` key). A resolution that throws is not memoized.
 */
export function withResolutionMemo<T>(fn: () => T): T {
  if (memoInstalled) return fn();
  const proto = Stack.prototype;
  const resolveOwn = Object.getOwnPropertyDescriptor(proto, 'resolve');
  const getLogicalIdOwn = Object.getOwnPropertyDescriptor(proto, 'getLogicalId');
  if (resolveOwn === undefined || getLogicalIdOwn === undefined) throw new Error('aws-cdk-lib Stack has no own resolve or getLogicalId');
  const resolve = proto.resolve;
  const getLogicalId = proto.getLogicalId;
  const memos = new WeakMap<Stack, StackMemo>();
  const memoOf = (stack: Stack): StackMemo => {
    let memo = memos.get(stack);
    if (memo === undefined) memos.set(stack, (memo = { objects: new WeakMap(), strings: new Map(), logicalIds: new WeakMap() }));
    return memo;
  };
  proto.resolve = function memoizedResolve(this: Stack, obj: unknown): unknown {
    if (typeof obj === 'string') {
      const strings = memoOf(this).strings;
      let resolved = strings.get(obj);
      if (resolved === undefined && !strings.has(obj)) strings.set(obj, (resolved = deepFreeze(resolve.call(this, obj))));
      return resolved;
    }
    if (typeof obj === 'object' && obj !== null) {
      const objects = memoOf(this).objects;
      let resolved = objects.get(obj);
      if (resolved === undefined && !objects.has(obj)) objects.set(obj, (resolved = deepFreeze(resolve.call(this, obj))));
      return resolved;
    }
    return resolve.call(this, obj);
  };
  // Rules list a stack's constructs for every resource they judge (cdk-nag's S3BucketSSLRequestsOnly and 34 others
  // walk `Stack.of(node).node.findAll()`): each node's list is walked once, and each caller gets its own copy.
  const nodeProto = Node.prototype;
  const findAllOwn = Object.getOwnPropertyDescriptor(nodeProto, 'findAll');
  if (findAllOwn === undefined) throw new Error('constructs Node has no own findAll');
  const findAll = nodeProto.findAll;
  const found = new WeakMap<Node, Map<ConstructOrder, IConstruct[]>>();
  nodeProto.findAll = function memoizedFindAll(this: Node, order: ConstructOrder = ConstructOrder.PREORDER): IConstruct[] {
    let byOrder = found.get(this);
    if (byOrder === undefined) found.set(this, (byOrder = new Map()));
    let all = byOrder.get(order);
    if (all === undefined) byOrder.set(order, (all = findAll.call(this, order)));
    return all.slice();
  };
  proto.getLogicalId = function memoizedGetLogicalId(this: Stack, element: CfnElement): string {
    const logicalIds = memoOf(this).logicalIds;
    let id = logicalIds.get(element);
    if (id === undefined) logicalIds.set(element, (id = getLogicalId.call(this, element)));
    return id;
  };
  memoInstalled = true;
  try {
    return fn();
  } finally {
    Object.defineProperty(proto, 'resolve', resolveOwn);
    Object.defineProperty(proto, 'getLogicalId', getLogicalIdOwn);
    Object.defineProperty(nodeProto, 'findAll', findAllOwn);
    memoInstalled = false;
  }
}

/** The rules a pack registers, in its order (asked once: cdk-nag packs register the same rules for every resource). */
function registrations(pack: NagPack): IApplyRule[] {
  const registered: IApplyRule[] = [];
  const probe = pack as unknown as { applyRule: (params: IApplyRule) => void; checkResource: (node: CfnResource) => void };
  const own = probe.applyRule;
  probe.applyRule = (params) => registered.push(params);
  try {
    probe.checkResource(undefined as unknown as CfnResource);
  } finally {
    probe.applyRule = own;
  }
  return registered;
}

/** One pack's rules and the violations they found, grouped by rule id in order of first finding (as cdk-nag does). */
class PackRun {
  public readonly rules: readonly { readonly params: IApplyRule; readonly ruleId: string }[];
  public violations = new Map<string, PolicyViolation>();

  constructor(
    public readonly pack: NagPack,
    private readonly ledger: AcknowledgementLedger,
  ) {
    const packName = pack.readPackName;
    if (packName === '') throw new Error(`The NagPack ${pack.name} does not have a pack name.`);
    ledger.packs.add(packName);
    this.rules = registrations(pack).map((params) => ({
      params,
      ruleId: `${packName}-${params.ruleSuffixOverride ? params.ruleSuffixOverride : params.rule.name}`,
    }));
  }

  /** Judges a resource; `slots` are the rules' slots in `results`, in the order of {@link PackRun.rules}. */
  public judge(node: CfnResource, results: RuleResults, slots: readonly number[]): void {
    for (const i of results.live(node, slots)) {
      const { params, ruleId } = this.rules[i];
      const outcome = results.outcomeAt(slots[i], node);
      if ('error' in outcome) {
        if (!this.ledger.recordFinding(node, ruleId)) this.add(ruleId, params, node, outcome.error);
      } else if (outcome.result === NagRuleCompliance.NON_COMPLIANT) {
        if (!this.ledger.recordFinding(node, ruleId)) this.add(ruleId, params, node);
      } else if (Array.isArray(outcome.result)) {
        for (const finding of outcome.result) {
          const findingRuleId = `${ruleId}[${finding}]`;
          if (!this.ledger.recordFinding(node, findingRuleId)) this.add(findingRuleId, params, node);
        }
      }
    }
  }

  private add(ruleName: string, params: IApplyRule, node: CfnResource, errorMessage?: string): void {
    const description =
      errorMessage !== undefined
        ? 'Rule threw an error during validation. This is generally caused by a parameter referencing an intrinsic function.'
        : params.info;
    const resource = { constructPath: node.node.path, locations: ['Properties'] };
    const existing = this.violations.get(ruleName);
    if (existing) existing.violatingResources.push(resource);
    else
      this.violations.set(ruleName, {
        ruleName,
        description,
        severity: params.level === NagMessageLevel.ERROR ? 'error' : 'warning',
        violatingResources: [resource],
      });
  }
}

/**
 * Judges several cdk-nag packs in one walk and hands each pack's report to
 * its validation plugin (`plugins`), so the synth's validation report is the
 * one the stock packs would write. The packs must not be verbose (the stock
 * packs this baseline registers are not).
 */
export class SharedRuleEngine {
  /** One validation plugin per pack, named and versioned as the pack. */
  public readonly plugins: readonly IPolicyValidationPlugin[];
  private readonly runs: readonly PackRun[];
  private judged?: { readonly root: IConstruct; pending: number };

  /**
   * @param packs the packs to judge, each reporting as itself
   * @param ledger where every finding an acknowledgement suppressed is recorded (for `AcknowledgementChecks`)
   * @param kept the rules whose outcomes are held after the walk for the report's evidence (default: the registry's pack and standard rules)
   */
  constructor(
    packs: readonly NagPack[],
    ledger: AcknowledgementLedger,
    private readonly kept: ReadonlySet<Rule> = EVIDENCE_RULES,
  ) {
    this.runs = packs.map((pack) => new PackRun(pack, ledger));
    this.plugins = this.runs.map((run) => ({
      name: run.pack.name,
      version: run.pack.version,
      ruleIds: run.pack.ruleIds,
      validate: (context: IPolicyValidationContext) => this.reportOf(run, context),
    }));
  }

  /** Judges every resource below a scope for every pack (a single walk, in cdk-nag's order). */
  public judge(root: IConstruct): RuleResults {
    const results = new RuleResults(this.kept);
    for (const run of this.runs) run.violations = new Map();
    const slots = this.runs.map((run) => run.rules.map(({ params }) => results.slotOf(params.rule)));
    const walk = (node: IConstruct) => {
      if (CfnResource.isCfnResource(node)) {
        resources += 1;
        results.start(node);
        for (let i = 0; i < this.runs.length; i++) this.runs[i].judge(node, results, slots[i]);
        results.settle(node);
      }
      for (const child of node.node.children) walk(child);
    };
    let resources = 0;
    phase(
      'checks',
      () => withResolutionMemo(() => withUnloadedServices(() => walk(root))),
      () => `${resources} resources judged by ${this.runs.length} packs in one walk`,
    );
    resultsByRoot.set(root.node.root, results);
    return results;
  }

  /** The report of one pack for one synth: the first pack asked judges the tree for all. */
  private reportOf(run: PackRun, context: IPolicyValidationContext): PolicyValidationPluginReport {
    const root = (context as IPolicyValidationContext & { appConstruct?: IConstruct }).appConstruct;
    if (root === undefined) throw new Error('The rule engine requires a construct tree on the validation context.');
    if (this.judged === undefined || this.judged.root !== root || this.judged.pending === 0) {
      this.judge(root);
      this.judged = { root, pending: this.runs.length };
    }
    this.judged.pending -= 1;
    const violations = [...run.violations.values()];
    return { success: violations.length === 0, violations };
  }
}
