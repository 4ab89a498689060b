/**
 * The AWS commercial regions a client's data may be placed in, with the
 * jurisdiction each one belongs to. A region that is not listed here is
 * refused by the configuration schema (CDM-3.8-SOVEREIGNTY): sovereignty
 * checks can only reason about regions whose jurisdiction is known.
 */
export const REGION_JURISDICTIONS = {
  'us-east-1': 'us',
  'us-east-2': 'us',
  'us-west-1': 'us',
  'us-west-2': 'us',
  'ca-central-1': 'ca',
  'ca-west-1': 'ca',
  'eu-west-1': 'eu',
  'eu-west-2': 'uk',
  'eu-west-3': 'eu',
  'eu-central-1': 'eu',
  'eu-central-2': 'ch',
  'eu-north-1': 'eu',
  'eu-south-1': 'eu',
  'eu-south-2': 'eu',
  'ap-south-1': 'in',
  'ap-south-2': 'in',
  'ap-northeast-1': 'jp',
  'ap-northeast-3': 'jp',
  'ap-northeast-2': 'kr',
  'ap-southeast-1': 'sg',
  'ap-southeast-2': 'au',
  'ap-southeast-4': 'au',
  'sa-east-1': 'br',
} as const;

/** A region the baseline knows the jurisdiction of. */
export type Region = keyof typeof REGION_JURISDICTIONS;

/** Every known region, sorted, for schema enums and error messages. */
export const KNOWN_REGIONS = Object.keys(REGION_JURISDICTIONS).sort() as [Region, ...Region[]];
