/**
 * The configuration model: the one YAML file a platform engineer edits. The
 * zod schema is the single source of truth for its shape; the TypeScript types
 * and the published JSON Schema (`config/baseline.schema.json`) are derived
 * from it. Semantic checks that span fields live in `validate.ts`.
 */
import { z } from 'zod';
import { CLASSIFICATIONS, TIERS } from '../defaults';
import { KNOWN_REGIONS } from './regions';

const slug = (what: string, max: number) =>
  z
    .string()
    .max(max, { message: `${what} must be at most ${max} characters` })
    .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, {
      message: `${what} must be a lowercase slug: a-z, 0-9 and '-', starting with a letter, not ending with '-'`,
    })
    .refine((v) => !v.includes('--'), { message: `${what} must not contain '--'` });

const accountId = z.string({ message: 'expected a 12-digit AWS account id in quotes, e.g. "111111111111"' }).regex(/^\d{12}$/, {
  message: 'expected a 12-digit AWS account id in quotes, e.g. "111111111111"',
});

const region = z.enum(KNOWN_REGIONS, {
  message: `expected a known AWS region: one of ${KNOWN_REGIONS.join(', ')}`,
});

const principalArn = z.string().regex(/^arn:aws:iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)$/, {
  message: 'expected an IAM role, user or account root ARN, e.g. "arn:aws:iam::111111111111:role/acme-ops"',
});

/**
 * An approved, recorded, time-boxed emergency access (DP-ALWAYS-OFF). While
 * present (and before `expires`), a break-glass role exists whose trust policy
 * stops admitting anyone at `expires`, whether or not anyone redeploys.
 */
export const breakGlassSchema = z
  .object({
    approvedBy: z
      .string({ message: 'break-glass needs the approver (who approved the change), e.g. "jane@example.com"' })
      .trim()
      .min(1, { message: 'break-glass needs the approver (who approved the change), e.g. "jane@example.com"' })
      .describe('Who approved the emergency access (recorded on the role).'),
    ticket: z
      .string({ message: 'break-glass needs the change ticket, e.g. "CHG-1234"' })
      .trim()
      .min(1, { message: 'break-glass needs the change ticket, e.g. "CHG-1234"' })
      .describe('The approved change that grants it (recorded on the role).'),
    expires: z.iso
      .datetime({ offset: true, message: 'expected an ISO 8601 date-time with a zone, e.g. "2026-12-01T00:00:00Z"' })
      .describe('When the access stops by itself (IAM time condition); at most provider.breakGlassMaxHours after the synth.'),
    principals: z
      .array(principalArn)
      .min(1, { message: 'list at least one principal, or leave principals out to use the client’s operators' })
      .optional()
      .describe("IAM ARNs that may assume the break-glass role; default the client's access.operators."),
  })
  .strict();

/** Provider-wide settings. */
export const providerSchema = z
  .object({
    /** Slug used in resource names. */
    name: slug('provider.name', 16).describe('Slug used in resource and stack names.'),
    /** The provider's AWS account: default for clients without their own. */
    account: accountId.describe('The provider account (12 digits, quoted).'),
    /** Audit trail, log archive and alerting live in this region. */
    homeRegion: region.describe('Region for the audit trail, log archive and alerting.'),
    /** Who is alerted. */
    alerts: z
      .object({
        emails: z.array(z.email({ message: 'expected an email address' })).min(1, {
          message: 'at least one alert email is required (BKP-5-MONITOR, DP-MONITOR)',
        }),
      })
      .strict()
      .describe('Subscribers of the encrypted alert topic.'),
    breakGlass: breakGlassSchema
      .optional()
      .describe('Emergency access to every client (one break-glass role per client, each confined to it); off when absent.'),
    breakGlassMaxHours: z
      .number({ message: 'expected a whole number of hours' })
      .int({ message: 'expected a whole number of hours' })
      .min(1, { message: 'expected at least 1 hour' })
      .max(720, { message: 'expected at most 720 hours (30 days)' })
      .optional()
      .describe('How far ahead a break-glass expiry may be, in hours; default 72 (DP-ALWAYS-OFF).'),
  })
  .strict();

/** One dataset: one bucket, one classification, one tier. */
export const datasetSchema = z
  .object({
    name: slug('dataset name', 24).describe('Slug naming the dataset bucket.'),
    classification: z
      .enum(CLASSIFICATIONS, { message: `expected one of ${CLASSIFICATIONS.join(', ')}` })
      .default('confidential')
      .describe('The one classification of the data in this store (DP-CLASS-SEPARATE).'),
    tier: z.enum(TIERS, { message: `expected one of ${TIERS.join(', ')}` }).describe('Backup tier (BKP-2-TIERS).'),
    retentionDays: z
      .number({ message: 'expected a whole number of days' })
      .int({ message: 'expected a whole number of days' })
      .min(1, { message: 'expected at least 1 day' })
      .max(36500, { message: 'expected at most 36500 days (100 years)' })
      .optional()
      .describe('Days objects are kept before they expire; default by classification (CDM-3.7-RETENTION).'),
  })
  .strict();

/** Regions a client's data lives in (CDM-3.8-SOVEREIGNTY, DP-MULTI-REGION). */
export const regionsSchema = z
  .object({
    primary: region.describe('Region of the primary data stores.'),
    replica: region.describe('Region of the disaster-recovery replica; must differ from primary.'),
    allowed: z
      .array(region)
      .min(1, { message: 'at least one allowed region is required' })
      .describe("Every region the client's agreement allows its data in."),
  })
  .strict();

/** Principals allowed to assume the client's duty roles (CDM-3.2-LEAST-PRIV). */
export const accessSchema = z
  .object({
    operators: z.array(principalArn).default([]),
    readers: z.array(principalArn).default([]),
    auditors: z.array(principalArn).default([]),
  })
  .strict();

export type BreakGlassConfig = z.infer<typeof breakGlassSchema>;

/** Per-agreement backup overrides: may tighten a tier, never loosen it. */
export const backupOverridesSchema = z.object({}).strict();

/** One client of the provider. */
export const clientSchema = z
  .object({
    id: slug('client id', 20).describe('Unique slug; names the client and its resources, and is its ABAC tag value.'),
    name: z.string().min(1, { message: 'expected a non-empty display name' }).describe('Display name.'),
    account: accountId.optional().describe("The client's own account; default provider.account."),
    regions: regionsSchema,
    datasets: z
      .array(datasetSchema)
      .min(1, { message: 'a client needs at least one dataset' })
      .max(40, { message: 'at most 40 datasets per client (keeps its access log bucket policy under S3’s 20 KB limit)' }),
    access: accessSchema.default({ operators: [], readers: [], auditors: [] }),
    backup: backupOverridesSchema.default({}),
    breakGlass: breakGlassSchema.optional().describe("Emergency access to this client's data; off when absent (DP-ALWAYS-OFF)."),
  })
  .strict();

/** The whole configuration file. */
export const baselineConfigSchema = z
  .object({
    provider: providerSchema,
    clients: z.array(clientSchema).min(1, { message: 'at least one client is required' }),
  })
  .strict();

export type BaselineConfig = z.infer<typeof baselineConfigSchema>;
export type ProviderConfig = BaselineConfig['provider'];
export type ClientConfig = BaselineConfig['clients'][number];
export type DatasetConfig = ClientConfig['datasets'][number];
