import { regionGuardrailDocument } from '../../../../lib/guardrails';
import { organizationFindings as findings, ORGANIZATION_ID as ORG, guardrailPolicy as policy } from '../../../util';

describe('organization layout: pack rules', () => {
  test('CDB-OrganizationGuardrailsAttached: compliant in the example; each way of failing', () => {
    expect(findings('CDB-OrganizationGuardrailsAttached')).toEqual([]);
    const acme = [
      'acme-data/Default/Alerts/Key/Resource',
      'acme-replica/Default/Alerts/Key/Resource',
      'acme-data/Default/DataKey/Resource',
      'acme-data/Default/Backup/Vault/Key/Resource',
      'acme-replica/Default/ReplicaKey/Resource',
      'acme-replica/Default/BackupCopyVault/Key/Resource',
    ];
    const expected = acme.map((p) => `CDB-OrganizationGuardrailsAttached ${p}`).sort();
    // 1. regions differ from allowed
    expect(
      findings(
        'CDB-OrganizationGuardrailsAttached',
        (s) => (policy(s, 'precision-regions-666666666666').content = regionGuardrailDocument(['eu-west-1'])),
      ).sort(),
    ).toEqual(expected);
    // 2. the protection SCP is not attached
    expect(
      findings('CDB-OrganizationGuardrailsAttached', (s) => (policy(s, 'precision-protect-baseline').targetIds = ['222222222222']))
        .filter((f) => f.includes('acme'))
        .sort(),
    ).toEqual(expected);
    // 3. the perimeter RCP names another organization
    expect(
      findings('CDB-OrganizationGuardrailsAttached', (s) => {
        const p = policy(s, 'precision-data-perimeter');
        p.content = JSON.parse(JSON.stringify(p.content).replaceAll(ORG, 'o-zzzzzzzzzz'));
      }).length,
    ).toBeGreaterThan(0);
  });
});
