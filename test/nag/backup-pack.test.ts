import { addBaselineStacks, applyPolicyChecks, createApp, PACK_RULES } from '../../lib';
import { exampleConfig } from '../util';

describe('backup rules in the pack', () => {
  test('are registered at the end of the pack with the controls they check', () => {
    expect(PACK_RULES.slice(-7).map((r) => [r.rule.name, r.controls])).toEqual([
      ['BackupDatasetSelected', ['BKP-2-TIERS', 'BKP-3.1-FREQUENCY']],
      ['BackupPlanMeetsTier', ['BKP-3.1-FREQUENCY', 'BKP-3.2-RETENTION', 'BKP-4.1-RPO']],
      ['BackupVaultCmkEncrypted', ['BKP-3.3-METHOD', 'CDM-3.4-AT-REST']],
      ['BackupVaultLocked', ['BKP-IMMUTABLE']],
      ['BackupCopyCrossRegion', ['BKP-3.5-OFFSITE', 'CDM-3.8-SOVEREIGNTY']],
      ['BackupRestoreTested', ['BKP-3.4-TESTING']],
      ['BackupJobFailuresAlerted', ['BKP-5-MONITOR']],
    ]);
  });

  test('the example synthesizes with tiered backups for every dataset and every pack on, without findings', () => {
    const app = createApp();
    addBaselineStacks(app, exampleConfig());
    applyPolicyChecks(app);
    expect(() => app.synth()).not.toThrow();
  });
});
