/** The one registry of rules: every engine reads its rules and their controls from it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACCOUNT_LIMITS,
  ClientDataBaselineChecks,
  PACK_RULES,
  PROJECT_ROOT,
  PROOF_RULES,
  RULES,
  rulesOf,
  STACK_LIMITS,
  StackLimitsChecks,
  STANDARD_RULES,
  TenantIsolationProof,
} from '../../lib/internal';
import { CONTROLS } from '../../lib/report/controls';

describe('registry of rules', () => {
  test('one shape: every rule has an id, controls, info, explanation and an engine; ids are unique per engine', () => {
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[A-Za-z0-9.-]+$/);
      expect(rule.controls.length).toBeGreaterThan(0);
      expect(rule.info.length).toBeGreaterThan(10);
      expect(rule.explanation.length).toBeGreaterThan(10);
    }
    const keys = RULES.map((r) => `${r.engine} ${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(RULES.map((r) => r.engine))).toEqual(new Set(['pack', 'standard', 'stack-limit', 'account-limit', 'proof']));
  });

  test('every control a rule names is in the catalogue', () => {
    const known = new Set(CONTROLS.map((c) => c.id));
    for (const rule of RULES)
      for (const control of rule.controls)
        expect({ rule: rule.id, control, known: known.has(control) }).toEqual({ rule: rule.id, control, known: true });
  });

  test('the pack, the limit plugin and the proof register exactly the registry’s ids', () => {
    expect(new ClientDataBaselineChecks().ruleIds).toEqual(rulesOf('pack').map((r) => r.id));
    expect(PACK_RULES.map((r) => `CDB-${r.rule.name}`)).toEqual(rulesOf('pack').map((r) => r.id));
    expect(new StackLimitsChecks().ruleIds).toEqual([...rulesOf('stack-limit'), ...rulesOf('account-limit')].map((r) => r.id));
    expect(STACK_LIMITS.map((l) => [l.ruleName, l.controls])).toEqual(rulesOf('stack-limit').map((r) => [r.id, r.controls]));
    expect(ACCOUNT_LIMITS.map((l) => [l.ruleName, l.controls])).toEqual(rulesOf('account-limit').map((r) => [r.id, r.controls]));
    expect(new TenantIsolationProof().ruleIds).toEqual(rulesOf('proof').map((r) => r.id));
    expect(Object.entries(PROOF_RULES).map(([id, r]) => [id, r.controls, r.description])).toEqual(
      rulesOf('proof').map((r) => [r.id, r.controls, r.explanation]),
    );
    expect(STANDARD_RULES).toEqual(rulesOf('standard'));
  });

  test('docs/RULES.md lists every registered rule', () => {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'RULES.md'), 'utf8');
    for (const rule of RULES) expect(doc).toContain(`| ${rule.id} |`);
  });
});
