/**
 * What a detection configuration resolves to (DP-THREAT-DETECTION,
 * DP-POSTURE, DP-CLASS-DISCOVERY, DP-IDS-INDEPENDENT): every feature on
 * unless turned off with a reason, and the secure defaults of the services,
 * in one place.
 */
import { DETECTION_FEATURES, type DetectionFeature, type ProviderConfig } from '../model';

/** One feature as resolved: on, or off with the reason the configuration gives. */
export interface FeatureSetting {
  readonly enabled: boolean;
  /** Why it is off (required when it is). */
  readonly reason?: string;
}

/** Who administers detection: the accounts themselves, or a security account (delegated administrator). */
export type DetectionForm = 'single-account' | 'security-account';

/** A detection configuration with every default filled in. */
export interface DetectionSettings {
  readonly features: Readonly<Record<DetectionFeature, FeatureSetting>>;
  readonly form: DetectionForm;
  /** The security account, in the security-account form. */
  readonly securityAccount?: string;
  /** Protected buckets per account and region that Malware Protection for S3 allows (the raised quota, else AWS's default). */
  readonly malwareProtectedBucketsQuota?: number;
}

/** Secure defaults of the detection services. */
export const DETECTION_DEFAULTS = {
  /** GuardDuty and Macie export findings to EventBridge every 15 minutes (the shortest period offered). */
  findingPublishingFrequency: 'FIFTEEN_MINUTES',
  /** GuardDuty severities from this value up alert people: 4.0 is the lowest "medium". */
  guardDutyAlertSeverity: 4,
  /** GuardDuty features turned on: S3 Protection (S3 data events). */
  guardDutyFeatures: ['S3_DATA_EVENTS'],
  /** Malware Protection for S3 tags each scanned object with its result (GuardDutyMalwareScanStatus). */
  malwareScanTagging: true,
  /** Prefix of Config's files in the configuration history bucket (must not contain `AWSLogs/`). */
  configKeyPrefix: 'config',
  /** How often Config delivers a configuration snapshot. */
  configSnapshotFrequency: 'TwentyFour_Hours',
} as const;

/** Stack metadata recording each detection feature turned off, with its reason (rules and the report read it). */
export const DETECTION_OFF_METADATA = 'cdb:detection-off';

/** Template metadata key of the quotas the provider declares raised (the limit checks read it). */
export const DECLARED_QUOTAS_METADATA = 'ClientDataBaselineQuotas';

/** The names a feature goes by in messages and the report. */
export const FEATURE_LABELS: Readonly<Record<DetectionFeature, string>> = {
  threatDetection: 'threat detection (GuardDuty with S3 Protection)',
  malwareScanning: 'malware scanning (GuardDuty Malware Protection for S3)',
  posture: 'posture (AWS Config recording, Security Hub standards)',
  accessAnalysis: 'access analysis (IAM Access Analyzer)',
  sensitiveDataDiscovery: 'sensitive-data discovery (Amazon Macie)',
};

/** The controls each feature serves. */
export const FEATURE_CONTROLS: Readonly<Record<DetectionFeature, readonly string[]>> = {
  threatDetection: ['DP-THREAT-DETECTION'],
  malwareScanning: ['DP-THREAT-DETECTION'],
  posture: ['DP-POSTURE'],
  accessAnalysis: ['DP-POSTURE'],
  sensitiveDataDiscovery: ['DP-CLASS-DISCOVERY'],
};

/** The provider's detection settings with every default filled in. */
export function detectionSettings(provider: ProviderConfig): DetectionSettings {
  const configured = provider.detection ?? {};
  const features = Object.fromEntries(
    DETECTION_FEATURES.map((name) => {
      const value = configured[name];
      if (value === undefined || value === true) return [name, { enabled: true }];
      if (value === false) return [name, { enabled: false }];
      return [name, value.enabled ? { enabled: true } : { enabled: false, reason: value.reason }];
    }),
  ) as Record<DetectionFeature, FeatureSetting>;
  const securityAccount = provider.accounts?.security;
  return {
    features,
    form: securityAccount === undefined ? 'single-account' : 'security-account',
    ...(securityAccount === undefined ? {} : { securityAccount }),
    ...(configured.quotas?.malwareProtectedBuckets === undefined
      ? {}
      : { malwareProtectedBucketsQuota: configured.quotas.malwareProtectedBuckets }),
  };
}

/** Whether a feature is on. */
export function featureEnabled(provider: ProviderConfig, feature: DetectionFeature): boolean {
  return detectionSettings(provider).features[feature].enabled;
}
