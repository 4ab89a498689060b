/**
 * Which S3 object events a trail's event selectors record, computed from the
 * selectors themselves (DP-LOG-ALL-ACCESS). Conservative: a selector that
 * filters on anything this module does not understand (event names, users,
 * exclusions that reach into a bucket) counts as recording nothing for it.
 */
import type { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { asArray } from '../helpers';

/** Which kinds of object events on a bucket are recorded. */
export interface ObjectEventCoverage {
  readonly read: boolean;
  readonly write: boolean;
}

const NONE: ObjectEventCoverage = { read: false, write: false };
const UNDERSTOOD_FIELDS = new Set(['eventCategory', 'resources.type', 'resources.ARN', 'readOnly']);

/** `arn:<partition>:s3:::<bucket>/`: the prefix of every object ARN of a bucket. */
export function objectArnPrefix(bucketName: string, partition = 'aws'): string {
  return `arn:${partition}:s3:::${bucketName}/`;
}

/** Whether every object ARN starting with `objects` passes one `resources.ARN` field selector. */
function arnSelectsAll(field: CfnTrail.AdvancedFieldSelectorProperty, objects: string): boolean {
  // Of the including operators, only a prefix can let every object of a bucket through.
  if (field.equalTo !== undefined || field.endsWith !== undefined) return false;
  if (field.startsWith !== undefined && !field.startsWith.some((p) => objects.startsWith(p))) return false;
  // An exclusion that reaches into the bucket, or a suffix exclusion, leaves some objects out.
  if (asArray(field.notStartsWith).some((v) => v.startsWith(objects) || objects.startsWith(v))) return false;
  if (asArray(field.notEquals).some((v) => v.startsWith(objects))) return false;
  return asArray(field.notEndsWith).length === 0;
}

/** What one advanced event selector records of a bucket's object events. */
export function advancedSelectorCoverage(selector: CfnTrail.AdvancedEventSelectorProperty, objects: string): ObjectEventCoverage {
  const fields = asArray(selector.fieldSelectors as CfnTrail.AdvancedFieldSelectorProperty[]);
  if (fields.some((f) => !UNDERSTOOD_FIELDS.has(f.field))) return NONE;
  const field = (name: string) => fields.find((f) => f.field === name);
  if (!asArray(field('eventCategory')?.equalTo).includes('Data')) return NONE;
  if (!asArray(field('resources.type')?.equalTo).includes('AWS::S3::Object')) return NONE;
  const arn = field('resources.ARN');
  if (arn !== undefined && !arnSelectsAll(arn, objects)) return NONE;
  const readOnly = field('readOnly');
  if (readOnly === undefined) return { read: true, write: true };
  const values = asArray(readOnly.equalTo);
  return { read: values.includes('true'), write: values.includes('false') };
}

/** What one basic event selector records of a bucket's object events. */
export function basicSelectorCoverage(selector: CfnTrail.EventSelectorProperty, objects: string, partition = 'aws'): ObjectEventCoverage {
  const resources = asArray(selector.dataResources as CfnTrail.DataResourceProperty[]).filter((r) => r.type === 'AWS::S3::Object');
  const all = `arn:${partition}:s3`;
  const selected = resources.some((r) => asArray(r.values).some((v) => v === all || v === `${all}:::` || objects.startsWith(v)));
  if (!selected) return NONE;
  const type = selector.readWriteType ?? 'All';
  return { read: type === 'All' || type === 'ReadOnly', write: type === 'All' || type === 'WriteOnly' };
}

/** The resolved selectors of a trail. */
export interface TrailSelectors {
  readonly advancedEventSelectors?: CfnTrail.AdvancedEventSelectorProperty[];
  readonly eventSelectors?: CfnTrail.EventSelectorProperty[];
}

/** What a trail's selectors, taken together, record of a bucket's object events. */
export function bucketCoverage(selectors: TrailSelectors, bucketName: string, partition = 'aws'): ObjectEventCoverage {
  const objects = objectArnPrefix(bucketName, partition);
  const each = [
    ...asArray(selectors.advancedEventSelectors).map((s) => advancedSelectorCoverage(s, objects)),
    ...asArray(selectors.eventSelectors).map((s) => basicSelectorCoverage(s, objects, partition)),
  ];
  return { read: each.some((c) => c.read), write: each.some((c) => c.write) };
}
