/**
 * The configuration of detection after deploy (DP-THREAT-DETECTION,
 * DP-POSTURE, DP-CLASS-DISCOVERY, DP-IDS-INDEPENDENT). Shapes only: what each setting resolves to, and its
 * defaults, is `lib/detection/settings.ts`.
 */
import { z } from 'zod';

/** The detection features, each on by default; turning one off needs a reason. */
export const DETECTION_FEATURES = ['threatDetection', 'malwareScanning', 'posture', 'accessAnalysis', 'sensitiveDataDiscovery'] as const;
export type DetectionFeature = (typeof DETECTION_FEATURES)[number];

/** A feature: `true` (the default), or `{ enabled: false, reason }`. */
const feature = (what: string) =>
  z
    .union([
      z.boolean({ message: 'expected true, or { enabled: false, reason: "..." }' }),
      z
        .object({
          enabled: z.boolean({ message: 'expected true or false' }),
          reason: z
            .string({ message: `turning ${what} off needs a reason, e.g. "scanned upstream by the client's gateway"` })
            .trim()
            .min(1, { message: `turning ${what} off needs a reason, e.g. "scanned upstream by the client's gateway"` })
            .optional(),
        })
        .strict(),
    ])
    .optional();

/** Quotas the provider has raised above AWS's defaults (Service Quotas), so that the synth checks the raised value. */
export const detectionQuotasSchema = z
  .object({
    malwareProtectedBuckets: z
      .number({ message: 'expected a whole number of buckets' })
      .int({ message: 'expected a whole number of buckets' })
      .min(1, { message: 'expected at least 1 bucket' })
      .max(100000, { message: 'expected at most 100000 buckets' })
      .optional()
      .describe(
        'Buckets that GuardDuty Malware Protection for S3 may protect per account and region, as raised in Service Quotas; default the AWS default.',
      ),
  })
  .strict();

/** Detection after deploy; every feature on when absent. */
export const detectionSchema = z
  .object({
    threatDetection: feature('threat detection').describe('GuardDuty with S3 Protection in every account and region with client data.'),
    malwareScanning: feature('malware scanning').describe('GuardDuty Malware Protection for S3: every new object of every dataset bucket.'),
    posture: feature('posture assessment').describe('AWS Config recording and Security Hub with four standards.'),
    accessAnalysis: feature('access analysis').describe('IAM Access Analyzer (external access) in every account and region.'),
    sensitiveDataDiscovery: feature('sensitive-data discovery').describe('Amazon Macie over the client buckets.'),
    quotas: detectionQuotasSchema.optional().describe('Quotas raised above the AWS defaults.'),
  })
  .strict();

export type DetectionConfig = z.infer<typeof detectionSchema>;
