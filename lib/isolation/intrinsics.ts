/**
 * Turns a synthesized CloudFormation template into concrete values, so that
 * an IAM evaluator can read its policies: `Ref` and `Fn::GetAtt` to the
 * template's own resources become the names and ARNs those resources will
 * have, pseudo parameters become the stack's account and region.
 *
 * KMS key ids are random at deploy time; each key gets a stable stand-in id
 * (`<stack name>-<logical id>`), used consistently wherever the key is named.
 */

/** A CloudFormation template (the parts read here). */
export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResourceJson>;
}

/** One resource of a template. */
export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** Where a template deploys. */
export interface TemplateEnv {
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
}

/** A value that could not be made concrete (e.g. a cross-stack import). */
export const UNRESOLVED = '<<unresolved>>';

/** The concrete `Ref` and `Arn` of every resource of a template. */
function referenceTable(template: CfnTemplate, env: TemplateEnv): Map<string, { ref: string; arn: string }> {
  const table = new Map<string, { ref: string; arn: string }>();
  const { account, region } = env;
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    const p = resource.Properties ?? {};
    const name = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : `${env.stackName}-${id}`);
    switch (resource.Type) {
      case 'AWS::S3::Bucket':
        table.set(id, { ref: name('BucketName'), arn: `arn:aws:s3:::${name('BucketName')}` });
        break;
      case 'AWS::KMS::Key': {
        const keyId = `${env.stackName}-${id}`;
        table.set(id, { ref: keyId, arn: `arn:aws:kms:${region}:${account}:key/${keyId}` });
        break;
      }
      case 'AWS::IAM::Role':
        table.set(id, { ref: name('RoleName'), arn: `arn:aws:iam::${account}:role/${name('RoleName')}` });
        break;
      case 'AWS::IAM::ManagedPolicy': {
        const arn = `arn:aws:iam::${account}:policy/${name('ManagedPolicyName')}`;
        table.set(id, { ref: arn, arn });
        break;
      }
      case 'AWS::SNS::Topic': {
        const arn = `arn:aws:sns:${region}:${account}:${name('TopicName')}`;
        table.set(id, { ref: arn, arn });
        break;
      }
      default:
        table.set(id, {
          ref: `${env.stackName}-${id}`,
          arn: `arn:aws:cloudformation:${region}:${account}:resource/${env.stackName}/${id}`,
        });
    }
  }
  return table;
}

/** A resolver of a template's intrinsic functions into concrete values. */
export class TemplateResolver {
  private readonly table: Map<string, { ref: string; arn: string }>;

  constructor(
    public readonly template: CfnTemplate,
    public readonly env: TemplateEnv,
  ) {
    this.table = referenceTable(template, env);
  }

  /** The concrete `Ref` of a resource of this template. */
  public refOf(logicalId: string): string | undefined {
    return this.table.get(logicalId)?.ref;
  }

  /** The concrete ARN of a resource of this template. */
  public arnOf(logicalId: string): string | undefined {
    return this.table.get(logicalId)?.arn;
  }

  /** Resolves a value deeply; intrinsics it cannot resolve become {@link UNRESOLVED}. */
  public resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [fn, arg] = entries[0];
      const resolved = this.intrinsic(fn, arg);
      if (resolved !== NOT_INTRINSIC) return resolved;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v)]).filter(([, v]) => v !== NO_VALUE));
  }

  private intrinsic(fn: string, arg: unknown): unknown {
    switch (fn) {
      case 'Ref':
        return this.pseudo(arg as string) ?? this.refOf(arg as string) ?? UNRESOLVED;
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(arg) ? (arg as string[]) : String(arg).split('.');
        if (attribute === 'Arn') return this.arnOf(id) ?? UNRESOLVED;
        return this.refOf(id) !== undefined ? `${this.refOf(id)}.${attribute}` : UNRESOLVED;
      }
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, unknown[]];
        const resolved = (this.resolve(parts) as unknown[]).map((p) => (typeof p === 'string' ? p : UNRESOLVED));
        return resolved.join(separator);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [number, unknown];
        const resolved = this.resolve(list);
        return Array.isArray(resolved) ? (resolved[Number(index)] ?? UNRESOLVED) : UNRESOLVED;
      }
      case 'Fn::Split': {
        const [separator, source] = arg as [string, unknown];
        const resolved = this.resolve(source);
        return typeof resolved === 'string' ? resolved.split(separator) : UNRESOLVED;
      }
      case 'Fn::Sub': {
        const template = Array.isArray(arg) ? String(arg[0]) : String(arg);
        return template.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
          const [id, attribute] = name.split('.');
          const pseudo = this.pseudo(name);
          if (typeof pseudo === 'string') return pseudo;
          return (attribute === 'Arn' ? this.arnOf(id) : this.refOf(id)) ?? UNRESOLVED;
        });
      }
      default:
        return fn.startsWith('Fn::') || fn === 'Condition' ? UNRESOLVED : NOT_INTRINSIC;
    }
  }

  private pseudo(name: string): string | typeof NO_VALUE | undefined {
    switch (name) {
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::AccountId':
        return this.env.account;
      case 'AWS::Region':
        return this.env.region;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.env.stackName;
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        return undefined;
    }
  }
}

const NOT_INTRINSIC = Symbol('not an intrinsic');
const NO_VALUE = Symbol('AWS::NoValue');
