import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';

/** Properties of an {@link OrganizationAccessAnalyzer}. */
export interface OrganizationAccessAnalyzerProps {
  /** The analyzer's name (constant: `AnalyzerName` is create-only). */
  readonly analyzerName: string;
}

/**
 * IAM Access Analyzer for external access with the organization as the zone
 * of trust, in the security account (DP-POSTURE, DP-IDS-INDEPENDENT): any
 * bucket, key or role of any account of the organization opened outside the
 * organization is a finding here, where client accounts' administrators
 * cannot archive or delete it. AWS allows an organization analyzer only in
 * the management account or the delegated administrator of
 * `access-analyzer.amazonaws.com`, one region each. No archive rules.
 */
export class OrganizationAccessAnalyzer extends Construct {
  /** The analyzer. */
  public readonly analyzer: accessanalyzer.CfnAnalyzer;

  constructor(scope: Construct, id: string, props: OrganizationAccessAnalyzerProps) {
    super(scope, id);
    this.analyzer = new accessanalyzer.CfnAnalyzer(this, 'Analyzer', { type: 'ORGANIZATION', analyzerName: props.analyzerName });
  }
}

/** Properties of an {@link OrganizationFindingAggregation}. */
export interface OrganizationFindingAggregationProps {
  /** The regions whose Security Hub findings gather in this (the home) region: every other region with client data. */
  readonly linkedRegions: readonly string[];
}

/**
 * Security Hub in the security account, the delegated administrator, home
 * region (DP-IDS-INDEPENDENT): a finding aggregator gathers the findings of
 * every other region with client data here, and the organization
 * configuration is pinned to local configuration without auto-enable. Each
 * account with client data enables Security Hub and its standards in its
 * own detection stack (from the configuration, at its first deployment):
 * auto-enable would enable it first in a new account and that stack's hub
 * would then fail ("already subscribed"). Designating the administrator
 * enables Security Hub in this account, so no hub is declared here.
 */
export class OrganizationFindingAggregation extends Construct {
  /** The finding aggregator. */
  public readonly aggregator: securityhub.CfnFindingAggregator;
  /** The organization configuration. */
  public readonly organizationConfiguration: securityhub.CfnOrganizationConfiguration;

  constructor(scope: Construct, id: string, props: OrganizationFindingAggregationProps) {
    super(scope, id);
    const regions = [...new Set(props.linkedRegions)].sort();
    this.aggregator = new securityhub.CfnFindingAggregator(
      this,
      'Aggregator',
      regions.length === 0 ? { regionLinkingMode: 'NO_REGIONS' } : { regionLinkingMode: 'SPECIFIED_REGIONS', regions },
    );
    this.organizationConfiguration = new securityhub.CfnOrganizationConfiguration(this, 'OrganizationConfiguration', {
      configurationType: 'LOCAL',
      autoEnable: false,
      autoEnableStandards: 'NONE',
    });
    this.organizationConfiguration.addResourceDependency(this.aggregator);
  }
}

/**
 * The role of the organization's Config aggregator: AWS Config reads the
 * organization's accounts with it (AWS's managed policy
 * `AWSConfigRoleForOrganizations`, read-only Organizations actions).
 */
export class ConfigAggregatorRole extends iam.Role {
  constructor(scope: Construct, id: string, props: { readonly roleName: string }) {
    super(scope, id, {
      roleName: props.roleName,
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
      description: "AWS Config reads the organization's accounts for the organization aggregator (client-data-baseline, DP-POSTURE)",
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSConfigRoleForOrganizations')],
    });
  }
}

/** Properties of an {@link OrganizationConfigAggregator}. */
export interface OrganizationConfigAggregatorProps {
  /** The aggregator's name. */
  readonly aggregatorName: string;
  /** Its role's name. */
  readonly roleName: string;
  /** The regions aggregated: every region with client data. */
  readonly regions: readonly string[];
}

/**
 * AWS Config aggregated over the organization in the security account
 * (DP-POSTURE, DP-IDS-INDEPENDENT): the configuration and compliance of
 * every account's recorder in every region with client data, readable where
 * client accounts' administrators cannot change it. Needs the security
 * account registered as delegated administrator of `config.amazonaws.com`.
 */
export class OrganizationConfigAggregator extends Construct {
  /** The role Config uses to list the organization's accounts. */
  public readonly role: ConfigAggregatorRole;
  /** The aggregator. */
  public readonly aggregator: config.CfnConfigurationAggregator;

  constructor(scope: Construct, id: string, props: OrganizationConfigAggregatorProps) {
    super(scope, id);
    this.role = new ConfigAggregatorRole(this, 'Role', { roleName: props.roleName });
    this.aggregator = new config.CfnConfigurationAggregator(this, 'Aggregator', {
      configurationAggregatorName: props.aggregatorName,
      organizationAggregationSource: {
        roleArn: this.role.roleArn,
        allAwsRegions: false,
        awsRegions: [...new Set(props.regions)].sort(),
      },
    });
  }
}
