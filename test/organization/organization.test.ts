import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { parse } from 'yaml';
import { addBaselineStacks, type BaselineStacks, ClientDataBaselineChecks, parseConfig } from '../../lib';
import { guardrailPlan, regionGuardrailDocument } from '../../lib/guardrails';
import { delegationCommands } from '../../lib/detection';
import { detectionNotes } from '../../lib/report/detection-notes';
import { proofStacksOf, proveTenantIsolation, clientScopesOf, allowedRegionsOf } from '../../lib/isolation';
import { organizationsPolicyChars } from '../../lib/aws-limits';
import { KNOWN_REGIONS } from '../../lib/model';
import { buildOrganization as build, FIXED_NOW, ORGANIZATION_ID as ORG, orgConfig, plainApp, refusalOf } from '../util';

const CLIENT_ACCOUNTS = ['222222222222', '666666666666', '777777777777'];

const issues = (change: (raw: any) => void) => refusalOf(() => orgConfig(change));

describe('organization layout: configuration', () => {
  test('the organization example is valid; the single-account layout needs none of it', () => {
    expect(refusalOf(() => orgConfig())).toEqual([]);
  });

  test('guardrails and accounts without organizationId are refused, each with path, value and what is allowed', () => {
    expect(issues((raw) => delete raw.provider.organizationId).filter((l) => !l.startsWith('provider.organizationId'))).toEqual([
      'provider.guardrails: organization guardrails (SCPs and an RCP) needs provider.organizationId (the organization\'s id, e.g. "o-a1b2c3d4e5": aws organizations describe-organization) (received true)',
      'provider.accounts.security: an account of the organization (provider.accounts.security) needs provider.organizationId (the organization\'s id, e.g. "o-a1b2c3d4e5": aws organizations describe-organization) (received "333333333333")',
      'provider.accounts.logArchive: an account of the organization (provider.accounts.logArchive) needs provider.organizationId (the organization\'s id, e.g. "o-a1b2c3d4e5": aws organizations describe-organization) (received "444444444444")',
      'provider.accounts.backup: an account of the organization (provider.accounts.backup) needs provider.organizationId (the organization\'s id, e.g. "o-a1b2c3d4e5": aws organizations describe-organization) (received "555555555555")',
    ]);
  });

  test("an account of accounts that is a client's or the provider's is refused", () => {
    expect(
      issues((raw) => {
        raw.provider.accounts.backup = '666666666666';
        raw.provider.accounts.logArchive = '111111111111';
      }),
    ).toEqual([
      'provider.accounts.logArchive: the logArchive account must be apart from every account it protects, but it is the account of provider.account; allowed: a 12-digit account of the organization that is neither provider.account nor any client\'s account (received "111111111111")',
      'provider.accounts.backup: the backup account must be apart from every account it protects, but it is the account of clients[0] ("acme"); allowed: a 12-digit account of the organization that is neither provider.account nor any client\'s account (received "666666666666")',
    ]);
  });

  test('a copy to a region outside allowed, or in the primary region, or without a backup account, is refused', () => {
    expect(issues((raw) => (raw.clients[0].backup = { accountCopyRegion: 'us-east-1' }))).toEqual([
      'clients[0].backup.accountCopyRegion: client "acme": the backup account\'s copy is outside the client\'s allowed regions (allowed: [eu-west-1, eu-central-1]) (received "us-east-1")',
    ]);
    expect(issues((raw) => (raw.clients[0].backup = { accountCopyRegion: 'eu-west-1' }))).toEqual([
      'clients[0].backup.accountCopyRegion: client "acme": the backup account\'s copy must be in another region than the primary (BKP-3.5-OFFSITE); allowed: eu-central-1 (received "eu-west-1")',
    ]);
    expect(
      issues((raw) => {
        delete raw.provider.accounts.backup;
        raw.clients[0].backup = { accountCopyRegion: 'eu-central-1' };
      }),
    ).toEqual([
      'clients[0].backup.accountCopyRegion: client "acme": a copy region in the backup account needs provider.accounts.backup (received "eu-central-1")',
    ]);
  });

  test('in organization mode a client in the provider account, or sharing an account with other allowed regions, is refused', () => {
    expect(
      issues((raw) => {
        delete raw.clients[0].account;
        raw.clients[2].account = '222222222222';
      }),
    ).toEqual([
      'clients[0].account: client "acme": in organization mode (provider.guardrails) every client needs an account of its own: SCPs do not apply to the management account, and provider.account runs the trail and the guardrails; allowed: a 12-digit account other than provider.account (111111111111) (received nothing)',
      'clients[2].regions.allowed: client "initech": shares account 222222222222 with clients[1], whose allowed regions differ; in organization mode one account has one region guardrail; allowed: [us-east-1, us-west-2], or an account of its own (received ["eu-central-1","eu-west-1","eu-west-3"])',
    ]);
  });
});

describe('organization layout: stacks', () => {
  const { stacks } = build();
  test('the log archive lives in the log archive account; the trail delivers to it by derived names', () => {
    expect(stacks.logArchive?.account).toBe('444444444444');
    const archive = Template.fromStack(stacks.logArchive!);
    archive.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: '444444444444-precision-audit-eu-west-1',
      ObjectLockEnabled: true,
    });
    archive.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudTrailWrite',
            Resource: { 'Fn::Join': ['', [Match.anyValue(), '/AWSLogs/111111111111/*']] },
            Condition: {
              StringEquals: {
                's3:x-amz-acl': 'bucket-owner-full-control',
                'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/precision-audit',
              },
            },
          }),
          Match.objectLike({ Sid: 'CloudTrailWriteOrganization', Resource: { 'Fn::Join': ['', [Match.anyValue(), `/AWSLogs/${ORG}/*`]] } }),
          Match.objectLike({
            Sid: 'DenyArchiveAdministrationOutsideItsAccount',
            Effect: 'Deny',
            Action: Match.arrayWith(['s3:DeleteObject', 's3:PutBucketObjectLockConfiguration', 's3:PutBucketPolicy']),
            Condition: {
              StringNotEquals: { 'aws:PrincipalAccount': '444444444444' },
              BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
            },
          }),
        ]),
      },
    });
    archive.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudTrailEncryptLogs',
            Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111111111111:trail/*' } },
          }),
        ]),
      },
    });
    const audit = Template.fromStack(stacks.audit);
    audit.hasResourceProperties('AWS::CloudTrail::Trail', {
      S3BucketName: '444444444444-precision-audit-eu-west-1',
      KMSKeyId: 'arn:aws:kms:eu-west-1:444444444444:alias/precision/audit',
      IsOrganizationTrail: true,
    });
    // The code was out of date here, not the expectation: Config delivers to the log archive account too (issue 16).
    audit.resourceCountIs('AWS::S3::Bucket', 0);
    archive.resourceCountIs('AWS::S3::Bucket', 3); // the archive, its access logs, the configuration history
    archive.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: '444444444444-precision-config-eu-west-1',
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'config/' },
      ObjectLockEnabled: Match.absent(),
    });
    archive.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: Match.anyValue(),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'ConfigDelivery',
            Condition: { StringEquals: Match.objectLike({ 'aws:SourceAccount': CLIENT_ACCOUNTS }) },
          }),
          Match.objectLike({ Sid: 'DenyArchiveAdministrationOutsideItsAccount', Effect: 'Deny' }),
        ]),
      },
    });
    archive.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'ConfigDeliveryEncrypt' })]) },
    });
    const channel = Template.fromStack(stacks.detection['666666666666/eu-west-1']).findResources('AWS::Config::DeliveryChannel');
    expect(Object.values(channel).map((c) => c.Properties.S3BucketName)).toEqual(['444444444444-precision-config-eu-west-1']);
    expect(stacks.detection['666666666666/eu-west-1'].dependencies).toContain(stacks.logArchive);
    expect(JSON.stringify(audit.findResources('AWS::KMS::Key'))).not.toContain('CloudTrailEncryptLogs');
    expect(stacks.audit.dependencies).toContain(stacks.logArchive);
  });

  test('critical and regulated backups are copied to a locked vault of the backup account that only the source account may copy into', () => {
    const copy = stacks.clients.acme.backupCopy!;
    expect([copy.account, copy.region]).toEqual(['555555555555', 'eu-central-1']);
    expect(stacks.clients.initech.backupCopy).toBeUndefined(); // non-essential, confidential only
    const vault = Template.fromStack(copy);
    vault.hasResourceProperties('AWS::Backup::BackupVault', {
      BackupVaultName: 'precision-acme-backup',
      LockConfiguration: Match.objectLike({ MinRetentionDays: Match.anyValue() }),
      AccessPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
            Resource: '*',
          },
          {
            Sid: 'CopyFromTheClientAccountOnly',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::666666666666:root' },
            Action: 'backup:CopyIntoBackupVault',
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
          },
        ],
      },
    });
    vault.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'BackupRoleUsesKey',
            Principal: { AWS: 'arn:aws:iam::666666666666:root' },
            Condition: {
              StringEquals: { 'aws:PrincipalTag/client-id': 'acme' },
              ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::666666666666:role/precision-acme-backup' },
            },
          }),
        ]),
      },
    });
    const plans = Template.fromStack(stacks.clients.acme.data).findResources('AWS::Backup::BackupPlan');
    for (const plan of Object.values(plans)) {
      for (const rule of plan.Properties.BackupPlan.BackupPlanRule) {
        expect(rule.CopyActions.map((c: any) => c.DestinationBackupVaultArn)).toEqual([
          'arn:aws:backup:eu-central-1:666666666666:backup-vault:precision-acme-backup',
          'arn:aws:backup:eu-central-1:555555555555:backup-vault:precision-acme-backup',
        ]);
        expect(rule.CopyActions[1].Lifecycle.DeleteAfterDays).toBe(rule.Lifecycle.DeleteAfterDays);
      }
    }
    expect(stacks.clients.acme.data.dependencies).toContain(copy);
  });

  test('guardrails: one region SCP per client account, the protection SCP and the perimeter RCP, in one stack of the provider account', () => {
    const g = stacks.guardrails!;
    expect([g.account, g.region]).toEqual(['111111111111', 'eu-west-1']);
    const template = Template.fromStack(g);
    template.resourceCountIs('AWS::Organizations::Policy', 5);
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'precision-regions-666666666666',
      Type: 'SERVICE_CONTROL_POLICY',
      TargetIds: ['666666666666'],
      Content: regionGuardrailDocument(['eu-west-1', 'eu-central-1']),
    });
    const all = ['222222222222', '333333333333', '444444444444', '555555555555', '666666666666', '777777777777'];
    template.hasResourceProperties('AWS::Organizations::Policy', { Name: 'precision-protect-baseline', TargetIds: all });
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'precision-data-perimeter',
      Type: 'RESOURCE_CONTROL_POLICY',
      TargetIds: all,
    });
    for (const guardrail of guardrailPlan(orgConfig())) expect(organizationsPolicyChars(guardrail.document)).toBeLessThan(5120);
  });

  test('the single-account example builds none of the organization stacks', () => {
    const single = addBaselineStacks(
      plainApp(),
      parseConfig(parse(readFileSync(join(__dirname, '..', '..', 'config', 'baseline.example.yaml'), 'utf8')), 'x'),
    );
    expect(
      [single.logArchive, single.guardrails, single.security, ...Object.values(single.clients).map((c) => c.backupCopy)].every(
        (s) => s === undefined,
      ),
    ).toBe(true);
  });
});

describe('organization layout: detection administered from the security account (DP-IDS-INDEPENDENT)', () => {
  const { stacks } = build();
  const security = stacks.security!;
  const REGIONS = ['eu-central-1', 'eu-west-1', 'us-east-1', 'us-west-2'];

  test('one security stack and one Security Hub designation per region with client data and the home region', () => {
    expect(Object.keys(security.administration)).toEqual(REGIONS);
    expect(Object.keys(security.delegation)).toEqual(REGIONS);
    for (const region of REGIONS) {
      const admin = security.administration[region];
      expect([admin.account, admin.region, admin.stackName]).toEqual(['333333333333', region, `precision-security-${region}`]);
      const designation = security.delegation[region];
      expect([designation.account, designation.region, designation.stackName]).toEqual([
        '111111111111',
        region,
        `precision-detection-delegation-${region}`,
      ]);
      const delegationTemplate = Template.fromStack(designation);
      delegationTemplate.resourceCountIs('AWS::SecurityHub::DelegatedAdmin', 1);
      delegationTemplate.hasResourceProperties('AWS::SecurityHub::DelegatedAdmin', { AdminAccountId: '333333333333' });
      expect(admin.dependencies).toContain(designation);
    }
    // The home region's stack aggregates every region: it waits for every designation.
    expect(security.administration['eu-west-1'].dependencies).toEqual(expect.arrayContaining(Object.values(security.delegation)));
  });

  test('every region: the organization analyzer and the finding routes to the security account’s alert topic, no detector, hub or session', () => {
    for (const region of REGIONS) {
      const template = Template.fromStack(security.administration[region]);
      template.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 1);
      template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', {
        Type: 'ORGANIZATION',
        AnalyzerName: 'precision-organization-access',
      });
      for (const type of ['AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub', 'AWS::Macie::Session', 'AWS::Config::ConfigurationRecorder'])
        template.resourceCountIs(type, 0);
      template.resourceCountIs('AWS::SNS::Topic', 1);
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      const sources = Object.values(template.findResources('AWS::Events::Rule')).map((r) => r.Properties.EventPattern.source[0]);
      // Security Hub's findings alert once, in the home region where they gather.
      expect(sources.sort()).toEqual(
        region === 'eu-west-1'
          ? ['aws.access-analyzer', 'aws.guardduty', 'aws.macie', 'aws.securityhub', 'aws.securityhub']
          : ['aws.access-analyzer', 'aws.guardduty', 'aws.macie'],
      );
    }
  });

  test('home region: the finding aggregator of every other region, the organization configuration, the Config aggregator and its role', () => {
    const home = Template.fromStack(security.administration['eu-west-1']);
    home.resourceCountIs('AWS::SecurityHub::FindingAggregator', 1);
    home.hasResourceProperties('AWS::SecurityHub::FindingAggregator', {
      RegionLinkingMode: 'SPECIFIED_REGIONS',
      Regions: ['eu-central-1', 'us-east-1', 'us-west-2'],
    });
    home.resourceCountIs('AWS::SecurityHub::OrganizationConfiguration', 1);
    const [orgConfig] = Object.values(home.findResources('AWS::SecurityHub::OrganizationConfiguration'));
    expect(orgConfig.Properties).toEqual({ ConfigurationType: 'LOCAL', AutoEnable: false, AutoEnableStandards: 'NONE' });
    expect(orgConfig.DependsOn).toEqual([Object.keys(home.findResources('AWS::SecurityHub::FindingAggregator'))[0]]);
    home.resourceCountIs('AWS::Config::ConfigurationAggregator', 1);
    home.hasResourceProperties('AWS::Config::ConfigurationAggregator', {
      ConfigurationAggregatorName: 'precision-organization',
      OrganizationAggregationSource: { RoleArn: Match.anyValue(), AllAwsRegions: false, AwsRegions: REGIONS },
    });
    home.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'precision-config-aggregator',
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' } }],
      },
      ManagedPolicyArns: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSConfigRoleForOrganizations']] },
      ],
    });
    for (const region of REGIONS.filter((r) => r !== 'eu-west-1')) {
      const other = Template.fromStack(security.administration[region]);
      for (const type of [
        'AWS::SecurityHub::FindingAggregator',
        'AWS::SecurityHub::OrganizationConfiguration',
        'AWS::Config::ConfigurationAggregator',
      ])
        other.resourceCountIs(type, 0);
    }
  });

  test('the accounts’ own detection stacks stay as they are (self-managed members), and the guardrails protect the security account too', () => {
    const member = Template.fromStack(stacks.detection['666666666666/eu-west-1']);
    for (const type of ['AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub', 'AWS::Macie::Session', 'AWS::Config::ConfigurationRecorder'])
      member.resourceCountIs(type, 1);
    member.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ACCOUNT' });
    const protect = Template.fromStack(stacks.guardrails!).findResources('AWS::Organizations::Policy');
    expect(Object.values(protect).find((p) => p.Properties.Name === 'precision-protect-baseline')?.Properties.TargetIds).toContain(
      '333333333333',
    );
  });

  test('the commands CloudFormation cannot replace: trusted access, registrations, GuardDuty and Macie administrators per region', () => {
    const commands = delegationCommands(orgConfig());
    expect(commands.slice(0, 7)).toEqual([
      'aws organizations enable-aws-service-access --service-principal access-analyzer.amazonaws.com',
      'aws organizations enable-aws-service-access --service-principal config.amazonaws.com',
      'aws organizations enable-aws-service-access --service-principal securityhub.amazonaws.com',
      'aws organizations enable-aws-service-access --service-principal guardduty.amazonaws.com',
      'aws organizations enable-aws-service-access --service-principal macie.amazonaws.com',
      'aws organizations register-delegated-administrator --account-id 333333333333 --service-principal access-analyzer.amazonaws.com',
      'aws organizations register-delegated-administrator --account-id 333333333333 --service-principal config.amazonaws.com',
    ]);
    expect(commands.slice(7)).toEqual([
      ...REGIONS.map((r) => `aws guardduty enable-organization-admin-account --admin-account-id 333333333333 --region ${r}`),
      ...REGIONS.map((r) => `aws macie2 enable-organization-admin-account --admin-account-id 333333333333 --region ${r}`),
    ]);
    expect(delegationCommands(orgConfig((raw) => delete raw.provider.accounts.security))).toEqual([]);
  });

  test('the report shows DP-IDS-INDEPENDENT in its full form, with the organisational commands', () => {
    expect(detectionNotes(orgConfig())['DP-IDS-INDEPENDENT']).toMatch(
      /^Full form: detection is administered from the security account 333333333333, apart from the provider account and every client account, in eu-central-1, eu-west-1, us-east-1, us-west-2: .*the guardrails deny disabling detection from a client account\. Organisational: 15 one-time command\(s\) of the management account/,
    );
    expect(detectionNotes(orgConfig((raw) => delete raw.provider.accounts.security))['DP-IDS-INDEPENDENT']).toMatch(
      /^Single-account form, the weaker form: /,
    );
    expect(detectionNotes(orgConfig())['DP-LOG-INTEGRITY']).not.toMatch(/Single-account/); // the organization notes say its full form
  });

  test('the security stacks pass every check of the pack', () => {
    const { app } = build();
    app.synth();
    const violations = new ClientDataBaselineChecks()
      .validateScope(app)
      .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`))
      .filter((f) => /security-|detection-delegation-/.test(f));
    expect(violations).toEqual([]);
  });
});

describe('organization layout: the isolation proof evaluates the guardrails', () => {
  function prove(mutate: (stacks: BaselineStacks) => void = () => undefined) {
    const { app, stacks } = build();
    mutate(stacks);
    const assembly = app.synth();
    return proveTenantIsolation(proofStacksOf(assembly), clientScopesOf(app), {
      now: FIXED_NOW,
      allowedRegions: allowedRegionsOf(app),
      organizationId: ORG,
    });
  }

  test('0 cross-client access, and the perimeter of every client store holds', () => {
    const result = prove();
    expect(result.findings).toEqual([]);
    expect(result.matrix.crossClientAccess).toEqual([]);
    expect(result.matrix.proof.perimeterStores).toBe(22);
  });

  test('a perimeter RCP of another organization, or a region SCP too wide, is found', () => {
    const foreign = prove((s) => {
      const p = s.guardrails!.guardrails['precision-data-perimeter'].policy;
      p.content = JSON.parse(JSON.stringify(p.content).replaceAll(ORG, 'o-zzzzzzzzzz'));
    });
    expect(foreign.findings.map((f) => f.rule)).toContain('GuardrailBlocksDuty');
    const noRcp = prove((s) => (s.guardrails!.guardrails['precision-data-perimeter'].policy.targetIds = ['555555555555']));
    expect(
      noRcp.findings.filter((f) => f.rule === 'PerimeterOpen' && f.message.includes('outside the organization')).length,
    ).toBeGreaterThan(0);
    const wide = prove(
      (s) => (s.guardrails!.guardrails['precision-regions-666666666666'].policy.content = regionGuardrailDocument(KNOWN_ALL)),
    );
    expect(
      wide.findings.some(
        (f) => f.rule === 'PerimeterOpen' && f.message.includes("outside the client's allowed regions") && f.resource?.includes('acme'),
      ),
    ).toBe(true);
  });
});

const KNOWN_ALL = [...KNOWN_REGIONS];
