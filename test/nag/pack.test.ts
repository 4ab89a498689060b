import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { addBaselineStacks, applyPolicyChecks, ClientDataBaselineChecks, createApp, KNOWN_FINDINGS, PACK_RULES } from '../../lib/internal';
import { exampleConfig } from '../util';

describe('ClientDataBaselineChecks', () => {
  test('the pack’s rule list is pinned', () => {
    expect(new ClientDataBaselineChecks().ruleIds).toEqual([
      'CDB-S3ClientKeyEncryption',
      'CDB-S3ClientKeyUploadsEnforced',
      'CDB-S3TlsEnforced',
      'CDB-S3SingleClassification',
      'CDB-S3ClientAbacEnforced',
      'CDB-KmsKeyAdminSeparated',
      'CDB-KmsKeyUseClientScoped',
      'CDB-ClientResourceTagged',
      'CDB-StatefulResourceRetained',
      'CDB-BackupDatasetSelected',
      'CDB-BackupPlanMeetsTier',
      'CDB-BackupVaultCmkEncrypted',
      'CDB-BackupVaultLocked',
      'CDB-BackupCopyCrossRegion',
      'CDB-BackupRestoreTested',
      'CDB-BackupJobFailuresAlerted',
      'CDB-S3DatasetReplicated',
      'CDB-S3ReplicationInAllowedRegions',
      'CDB-S3ReplicaEncryptedWithClientKey',
      'CDB-IamReplicationRoleScoped',
      'CDB-ClientDataInAllowedRegion',
      'CDB-CloudTrailMultiRegion',
      'CDB-CloudTrailLogFileValidation',
      'CDB-CloudTrailEncryptedWithCmk',
      'CDB-CloudTrailToEncryptedLogGroup',
      'CDB-CloudTrailClientDataEvents',
      'CDB-CloudTrailArchiveLocked',
      'CDB-CloudTrailArchiveRetained',
      'CDB-CloudTrailArchiveInOwnAccount',
      'CDB-BackupCopyOutOfAccount',
      'CDB-OrganizationGuardrailsAttached',
      'CDB-SnsTopicEncryptedWithCmk',
      'CDB-IamHumanRoleMfaRequired',
      'CDB-IamHumanRoleSessionTagRequired',
      'CDB-IamHumanRoleBoundaryAttached',
      'CDB-IamNoCrossClientResource',
      'CDB-IamBreakGlassTimeBoxed',
      'CDB-S3BucketPolicySize',
      'CDB-KmsKeyPolicySize',
      'CDB-IamManagedPolicySize',
      'CDB-IamTrustPolicySize',
      'CDB-IamRoleInlinePoliciesSize',
      'CDB-IamRoleManagedPolicyCount',
      'CDB-SnsTopicPolicySize',
      'CDB-OrganizationsPolicySize',
      'CDB-OrganizationsPoliciesPerTarget',
      'CDB-CloudTrailSelectorLimits',
      'CDB-IamHumanRoleShortSession',
      'CDB-IamNoStandingAdminAccess',
      'CDB-BackupRtoRecorded',
      'CDB-BackupAuditFrameworkComplete',
      'CDB-GuardDutyS3ProtectionEnabled',
      'CDB-GuardDutyCoversClientData',
      'CDB-S3DatasetMalwareScanned',
      'CDB-SecurityHubStandardsEnabled',
      'CDB-ConfigRecorderComplete',
      'CDB-PostureCoversClientData',
      'CDB-AccessAnalyzerCoversClientData',
      'CDB-MacieCoversClientData',
      'CDB-DetectionFindingsRouted',
      'CDB-CodePipelineStructureLimits',
    ]);
  });

  test('every rule names at least one catalogued control and says why', () => {
    for (const { controls, info, explanation } of PACK_RULES) {
      expect(controls.length).toBeGreaterThan(0);
      for (const control of controls) expect(control).toMatch(/^(CDM|DP|BKP)-[A-Z0-9.-]+$/);
      expect(info.length).toBeGreaterThan(20);
      expect(explanation.length).toBeGreaterThan(20);
    }
  });

  test('every acknowledgement carries a specific reason and names one rule', () => {
    for (const finding of KNOWN_FINDINGS) {
      expect(finding.reason.length).toBeGreaterThan(40);
      expect(finding.id).toMatch(/^(AwsSolutions|HIPAA\.Security|NIST\.800\.53\.R5|PCI\.DSS\.321)-[A-Za-z0-9]+(\[.+\])?$/);
    }
  });
});

describe('every policy check on', () => {
  test('the example synthesizes with every pack and no finding', () => {
    const app = createApp();
    addBaselineStacks(app, exampleConfig());
    applyPolicyChecks(app);
    expect(() => app.synth()).not.toThrow();
  });

  test('a finding fails the synth and names the rule and the resource', () => {
    const app = createApp();
    const stack = new Stack(app, 'Rogue', { env: { account: '111111111111', region: 'eu-west-1' } });
    new s3.Bucket(stack, 'Open');
    applyPolicyChecks(app);
    expect(() => app.synth()).toThrow(
      /\[CDM-3\.4-IN-TRANSIT\] The bucket policy does not deny requests without TLS[\s\S]*?Rogue\/Open\/Resource[\s\S]*?CDB-S3TlsEnforced/,
    );
  });
});
