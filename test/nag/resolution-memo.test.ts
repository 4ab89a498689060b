/**
 * The resolution memo of the shared rule engine (lib/nag/engine.ts,
 * `withResolutionMemo`): during the walk, a value resolved again in the same
 * stack is answered from the memo, results are frozen, and
 * `Stack.prototype.resolve`/`getLogicalId` are aws-cdk-lib's own again
 * afterwards, also when the walk throws. The findings stay the stock packs'.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnResource, type IResolvable, type IResolveContext, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagMessageLevel, NagPack, NagRuleCompliance } from 'cdk-nag';
import { ConstructOrder, type IConstruct, Node } from 'constructs';
import {
  AcknowledgementLedger,
  addBaselineStacks,
  acknowledgeKnownFindings,
  SharedRuleEngine,
  withResolutionMemo,
} from '../../lib/internal';
import { renderedProperty } from '../../lib/nag/rules/replication-helpers';
import { bothEngines, exampleConfig, plainApp } from '../util';

const RESOLVE = Stack.prototype.resolve;
const GET_LOGICAL_ID = Stack.prototype.getLogicalId;
const FIND_ALL = Node.prototype.findAll;

/** A token that counts how often it is resolved. */
class Counted implements IResolvable {
  public readonly creationStack: string[] = [];
  public calls = 0;
  constructor(private readonly value: unknown) {}
  public resolve(_context: IResolveContext): unknown {
    this.calls += 1;
    return this.value;
  }
  public toString(): string {
    return Token.asString(this);
  }
}

/** A pack of one rule, named as given. */
function onePack(name: string, rule: (node: CfnResource) => NagRuleCompliance): NagPack {
  Object.defineProperty(rule, 'name', { value: `${name}Rule` });
  return new (class extends NagPack {
    constructor() {
      super();
      this.packName = name;
    }
    public get name(): string {
      return name;
    }
    protected checkResource(node: CfnResource): void {
      this.applyRule({ info: name, explanation: name, level: NagMessageLevel.ERROR, rule, node });
    }
  })();
}

function judge(app: IConstruct, ...packs: NagPack[]) {
  return new SharedRuleEngine(packs, AcknowledgementLedger.for(app)).judge(app);
}

describe('withResolutionMemo', () => {
  test('the same object or token string resolved twice in a stack is resolved once; outside, every time', () => {
    const stack = new Stack(plainApp(), 'S');
    const token = new Counted({ Value: 'x' });
    const object = { Key: token };
    const text = token.toString();
    withResolutionMemo(() => {
      expect(stack.resolve(object)).toEqual({ Key: { Value: 'x' } });
      expect(stack.resolve(object)).toBe(stack.resolve(object));
      expect(stack.resolve(text)).toEqual({ Value: 'x' });
      expect(stack.resolve(text)).toBe(stack.resolve(text));
    });
    expect(token.calls).toBe(2);
    stack.resolve(object);
    stack.resolve(text);
    expect(token.calls).toBe(4);
  });

  test('each stack keeps its own memo', () => {
    const app = plainApp();
    const token = new Counted('v');
    withResolutionMemo(() => {
      new Stack(app, 'A').resolve(token.toString());
      new Stack(app, 'B').resolve(token.toString());
    });
    expect(token.calls).toBe(2);
  });

  test("an element's logical id is computed once in the walk", () => {
    const stack = new Stack(plainApp(), 'S');
    const element = new s3.CfnBucket(stack, 'Bucket');
    const allocate = jest.spyOn(Stack.prototype as unknown as { allocateLogicalId: () => string }, 'allocateLogicalId');
    try {
      withResolutionMemo(() => {
        expect(stack.getLogicalId(element)).toBe('Bucket');
        expect(stack.resolve(element.logicalId)).toBe('Bucket');
        expect(stack.getLogicalId(element)).toBe('Bucket');
      });
      expect(allocate).toHaveBeenCalledTimes(1);
      stack.getLogicalId(element);
      expect(allocate).toHaveBeenCalledTimes(2);
    } finally {
      allocate.mockRestore();
    }
  });

  test('memoized results are frozen, so a caller cannot change what the next one reads', () => {
    const stack = new Stack(plainApp(), 'S');
    const value = { List: [{ Key: new Counted('v') }] };
    withResolutionMemo(() => {
      const resolved = stack.resolve(value) as { List: { Key: string }[] };
      expect(() => (resolved.List[0].Key = 'changed')).toThrow(TypeError);
      expect(() => resolved.List.push({ Key: 'more' })).toThrow(TypeError);
    });
    const outside = stack.resolve(value) as { List: { Key: string }[] };
    outside.List[0].Key = 'changed';
    expect(stack.resolve(value)).toEqual({ List: [{ Key: 'v' }] });
  });

  test('a resolution that throws is not memoized', () => {
    const stack = new Stack(plainApp(), 'S');
    let fail = true;
    const flaky = Lazy.uncachedString({
      produce: () => {
        if (fail) throw new Error('not yet');
        return 'ok';
      },
    });
    withResolutionMemo(() => {
      expect(() => stack.resolve(flaky)).toThrow(/not yet/);
      fail = false;
      expect(stack.resolve(flaky)).toBe('ok');
    });
  });

  test("aws-cdk-lib's resolve and getLogicalId are restored after the walk, also when it throws", () => {
    let seen: unknown;
    expect(() =>
      withResolutionMemo(() => {
        seen = Stack.prototype.resolve;
        throw new Error('walk failed');
      }),
    ).toThrow('walk failed');
    expect(seen).not.toBe(RESOLVE);
    expect(Stack.prototype.resolve).toBe(RESOLVE);
    expect(Stack.prototype.getLogicalId).toBe(GET_LOGICAL_ID);
    expect(Object.getOwnPropertyDescriptor(Stack.prototype, 'resolve')).toEqual(
      expect.objectContaining({ value: RESOLVE, writable: true, enumerable: false, configurable: true }),
    );
    expect(Node.prototype.findAll).toBe(FIND_ALL);
  });

  test("a node's constructs are listed once in the walk, in either order; each caller gets its own list", () => {
    const stack = new Stack(undefined, 'Listed');
    const bucket = new s3.Bucket(stack, 'Bucket');
    let walks = 0;
    const children = Object.getOwnPropertyDescriptor(Node.prototype, 'children')!;
    Object.defineProperty(Node.prototype, 'children', {
      ...children,
      get(this: Node) {
        walks += 1;
        return children.get!.call(this);
      },
    });
    try {
      const plain = stack.node.findAll();
      const plainPost = stack.node.findAll(ConstructOrder.POSTORDER);
      walks = 0;
      withResolutionMemo(() => {
        const first = stack.node.findAll();
        const perNode = walks;
        expect(first).toEqual(plain);
        first.length = 0; // a caller's own copy
        expect(stack.node.findAll()).toEqual(plain);
        expect(stack.node.findAll(ConstructOrder.POSTORDER)).toEqual(plainPost);
        expect(stack.node.findAll(ConstructOrder.POSTORDER)).toEqual(plainPost);
        expect(walks).toBe(2 * perNode); // one walk per order
        expect(bucket.node.findAll()).toEqual(plain.filter((c) => c.node.path.startsWith(bucket.node.path)));
      });
      walks = 0;
      stack.node.findAll();
      expect(walks).toBeGreaterThan(0); // outside the walk, listed every time
    } finally {
      Object.defineProperty(Node.prototype, 'children', children);
    }
    expect(Node.prototype.findAll).toBe(FIND_ALL);
  });
});

describe('the engine walk with the memo', () => {
  test('is memoized while the rules run, restored afterwards, also when a rule throws', () => {
    const app = plainApp();
    new s3.CfnBucket(new Stack(app, 'S'), 'Bucket');
    app.synth();
    const during: unknown[] = [];
    judge(
      app,
      onePack('Throws', (node) => {
        during.push(Stack.prototype.resolve, Stack.prototype.getLogicalId);
        Stack.of(node).resolve(node.logicalId);
        throw new Error('rule failed');
      }),
    );
    expect(during.length).toBeGreaterThan(0);
    expect(during).not.toContain(RESOLVE);
    expect(during).not.toContain(GET_LOGICAL_ID);
    expect(Stack.prototype.resolve).toBe(RESOLVE);
    expect(Stack.prototype.getLogicalId).toBe(GET_LOGICAL_ID);
  });

  test('restores resolve and getLogicalId when the walk itself throws', () => {
    const app = plainApp();
    new s3.CfnBucket(new Stack(app, 'S'), 'Bucket');
    const ledger = AcknowledgementLedger.for(app);
    const engine = new SharedRuleEngine([onePack('Any', () => NagRuleCompliance.NON_COMPLIANT)], ledger);
    jest.spyOn(ledger, 'recordFinding').mockImplementation(() => {
      throw new Error('ledger failed');
    });
    expect(() => engine.judge(app)).toThrow('ledger failed');
    expect(Stack.prototype.resolve).toBe(RESOLVE);
    expect(Stack.prototype.getLogicalId).toBe(GET_LOGICAL_ID);
  });

  test('a token-bearing property read by several rules of several packs is resolved once; the findings are the stock packs', () => {
    const app = plainApp();
    const stack = new Stack(app, 'Tokens', { env: { account: '111111111111', region: 'eu-west-1' } });
    const name = new Counted('tokens-bucket');
    const bucket = new s3.Bucket(stack, 'Bucket', { bucketName: name.toString() });
    bucket.grantRead(new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
    app.synth();
    name.calls = 0;
    const { stock, engine } = bothEngines(app);
    expect(engine).toEqual(stock);
    expect(Object.values(engine).flat().length).toBeGreaterThan(0);
    // The stock packs resolve the name in many rules each; the engine's walk resolves it once.
    const stockCalls = name.calls;
    name.calls = 0;
    const reads = (packName: string) =>
      onePack(packName, (node) => {
        if (!(node instanceof s3.CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
        return Stack.of(node).resolve(node.bucketName) === 'tokens-bucket' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
      });
    judge(app, reads('One'), reads('Two'));
    expect(name.calls).toBe(1);
    expect(stockCalls).toBeGreaterThan(2);
  });
});

describe('renderedProperty', () => {
  test('every property of every resource of the example is rendered as the synthesized template shows it, with and without the memo', () => {
    const app = plainApp();
    const built = addBaselineStacks(app, exampleConfig());
    acknowledgeKnownFindings(app);
    // Escape hatches: what the template shows comes from the overrides.
    const tampered = Object.values(built.clients)[0]
      .data.node.findAll()
      .find((c): c is s3.CfnBucket => c instanceof s3.CfnBucket)!;
    tampered.addPropertyDeletionOverride('BucketEncryption');
    tampered.addPropertyOverride('VersioningConfiguration.Status', 'Suspended');
    tampered.addPropertyOverride('Extra', { Ref: 'AWS::Region' });
    const assembly = app.synth();
    const resources = app.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
    let compared = 0;
    for (const artifact of assembly.stacks) {
      const template = JSON.parse(readFileSync(join(assembly.directory, artifact.templateFile), 'utf8')) as {
        Resources: Record<string, { Properties?: Record<string, unknown> }>;
      };
      const own = resources.filter((r) => Stack.of(r).artifactId === artifact.id);
      const check = (r: CfnResource) => {
        const expected = template.Resources[Stack.of(r).resolve(r.logicalId) as string]?.Properties ?? {};
        for (const [property, value] of Object.entries(expected)) {
          expect({ path: r.node.path, property, value: JSON.parse(JSON.stringify(renderedProperty(r, property))) as unknown }).toEqual({
            path: r.node.path,
            property,
            value,
          });
          compared += 1;
        }
        expect(renderedProperty(r, 'NoSuchProperty')).toBeUndefined();
      };
      // Half rendered during a memoized walk, half outside one (each resource renders once, then is cached).
      withResolutionMemo(() => own.filter((_, i) => i % 2 === 0).forEach(check));
      own.filter((_, i) => i % 2 === 1).forEach(check);
    }
    expect(compared).toBeGreaterThan(1000);
    expect(renderedProperty(tampered, 'BucketEncryption')).toBeUndefined();
    expect(renderedProperty(tampered, 'Extra')).toEqual({ Ref: 'AWS::Region' });
  });
});
