import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import type { Construct } from 'constructs';
import { MANAGED_BY, type ProviderConfig, TAG_KEYS } from '../model';
import { AlertTopic } from '../constructs/alerts';
import {
  FindingAlerts,
  OrganizationAccessAnalyzer,
  OrganizationConfigAggregator,
  OrganizationFindingAggregation,
} from '../constructs/detection';
import {
  configAggregatorName,
  configAggregatorRoleName,
  detectionDelegationStackName,
  detectionSettings,
  FINDING_ROUTES,
  offeredIn,
  organizationAnalyzerName,
  securityStackName,
} from '../detection';

/** Properties of a {@link SecurityStack}. */
export interface SecurityStackProps extends StackProps {
  /** Provider-wide settings, with `accounts.security`. */
  readonly provider: ProviderConfig;
  /** The region it administers. */
  readonly region: string;
  /** Every region the security account administers (the home region's stack aggregates them). */
  readonly regions: readonly string[];
}

/**
 * Detection administered from the security account (DP-IDS-INDEPENDENT), one
 * stack per region with client data and the home region: the delegated
 * administrator's view of the organization. GuardDuty and Macie findings of
 * every member account of the region arrive at this account's event bus;
 * the organization's IAM Access Analyzer reports external access to any
 * account's resources; in the home region Security Hub gathers the findings
 * of every region (finding aggregator) and AWS Config aggregates every
 * account's recorder. Each finding source is routed to this stack's
 * encrypted alert topic, in the security account, where the operators of
 * client accounts can neither silence nor delete them. The accounts' own
 * detection stacks keep running their detectors, hubs, recorders and
 * sessions; this stack declares none (designating the administrator enables
 * GuardDuty and Security Hub here).
 */
export class SecurityStack extends Stack {
  /** The alert topic of the gathered findings. */
  public readonly alerts: AlertTopic;
  /** The organization's external-access analyzer, when access analysis is on. */
  public readonly accessAnalyzer?: OrganizationAccessAnalyzer;
  /** Security Hub's finding aggregator and organization configuration (home region, posture on). */
  public readonly findingAggregation?: OrganizationFindingAggregation;
  /** The organization's Config aggregator (home region, posture on). */
  public readonly configAggregator?: OrganizationConfigAggregator;
  /** The finding routes. */
  public readonly findingAlerts: FindingAlerts;

  constructor(scope: Construct, id: string, props: SecurityStackProps) {
    const { provider, region } = props;
    const settings = detectionSettings(provider);
    const account = settings.securityAccount;
    if (account === undefined) throw new Error('SecurityStack: needs provider.accounts.security (received nothing)');
    super(scope, id, {
      ...props,
      stackName: securityStackName(provider, region),
      description: `Detection administered from the security account (GuardDuty, Security Hub, Config, Access Analyzer, Macie findings of the organization) in ${region} - client-data-baseline`,
      env: { account, region },
      terminationProtection: true,
      tags: { ...props.tags, [TAG_KEYS.managedBy]: MANAGED_BY },
    });
    Tags.of(this).add(TAG_KEYS.managedBy, MANAGED_BY);
    const home = region === provider.homeRegion;
    const on = (f: keyof typeof settings.features) => settings.features[f].enabled && offeredIn(f, region);
    this.alerts = new AlertTopic(this, 'Alerts', {
      emails: provider.alerts.emails,
      displayName: `${provider.name} organization detection findings`,
    });
    if (on('accessAnalysis')) {
      this.accessAnalyzer = new OrganizationAccessAnalyzer(this, 'AccessAnalyzer', { analyzerName: organizationAnalyzerName(provider) });
    }
    if (home && on('posture')) {
      this.findingAggregation = new OrganizationFindingAggregation(this, 'SecurityHub', {
        linkedRegions: props.regions.filter((r) => r !== region),
      });
      this.configAggregator = new OrganizationConfigAggregator(this, 'ConfigAggregator', {
        aggregatorName: configAggregatorName(provider),
        roleName: configAggregatorRoleName(provider),
        regions: props.regions,
      });
    }
    // Security Hub's findings are alerted once, where they gather (home region); the others in every region.
    this.findingAlerts = new FindingAlerts(this, 'Findings', {
      topic: this.alerts.topic,
      routes: FINDING_ROUTES.filter((route) => on(route.feature) && (route.feature !== 'posture' || home)),
    });
  }
}

/** Properties of a {@link DetectionDelegationStack}. */
export interface DetectionDelegationStackProps extends StackProps {
  /** Provider-wide settings, with `accounts.security`. */
  readonly provider: ProviderConfig;
  /** The region of the designation. */
  readonly region: string;
}

/**
 * The management account's designation of the security account as Security
 * Hub's delegated administrator in one region (`AWS::SecurityHub::DelegatedAdmin`,
 * DP-IDS-INDEPENDENT), which also enables Security Hub there. The other
 * services' designations have no CloudFormation resource: see
 * `delegationCommands`. Deploys before the security account's stacks.
 */
export class DetectionDelegationStack extends Stack {
  /** The designation, when posture is on. */
  public readonly securityHubAdmin?: securityhub.CfnDelegatedAdmin;

  constructor(scope: Construct, id: string, props: DetectionDelegationStackProps) {
    const { provider, region } = props;
    const settings = detectionSettings(provider);
    const security = settings.securityAccount;
    if (security === undefined) throw new Error('DetectionDelegationStack: needs provider.accounts.security (received nothing)');
    super(scope, id, {
      ...props,
      stackName: detectionDelegationStackName(provider, region),
      description: `Designates the security account ${security} as delegated administrator of detection in ${region} - client-data-baseline`,
      env: { account: provider.account, region },
      terminationProtection: true,
      tags: { ...props.tags, [TAG_KEYS.managedBy]: MANAGED_BY },
    });
    Tags.of(this).add(TAG_KEYS.managedBy, MANAGED_BY);
    if (settings.features.posture.enabled) {
      this.securityHubAdmin = new securityhub.CfnDelegatedAdmin(this, 'SecurityHubAdmin', { adminAccountId: security });
    }
  }
}
