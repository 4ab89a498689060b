import { type App, Stack } from 'aws-cdk-lib';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { ENV, findings, posture } from './fixtures';

describe('CDB-SecurityHubStandardsEnabled', () => {
  const rule = 'CDB-SecurityHubStandardsEnabled';
  test('compliant: the baseline hub and its four standards', () => {
    expect(findings(rule, (app) => void posture(new Stack(app, 'S', { env: ENV })))).toEqual([]);
  });
  test('non-compliant: default standards enabled', () => {
    expect(findings(rule, (app) => void new securityhub.CfnHub(new Stack(app, 'S', { env: ENV }), 'Hub', {}))).toEqual([`${rule} S/Hub`]);
  });
  test('non-compliant: a standard missing, a standard not ordered after the hub, a standard of another region', () => {
    const build = (mutate: (standards: securityhub.CfnStandard[]) => void) => (app: App) => {
      const p = posture(new Stack(app, 'S', { env: ENV }));
      mutate([...p.standards]);
    };
    expect(
      findings(
        rule,
        build((s) => s[3].node.scope!.node.tryRemoveChild(s[3].node.id)),
      ),
    ).toEqual([`${rule} S/Posture/Hub`]);
    expect(
      findings(
        rule,
        build((s) => s[0].removeDependency(s[0].obtainDependencies().find((d) => d instanceof securityhub.CfnHub)!)),
      ),
    ).toEqual([`${rule} S/Posture/Hub`]);
    expect(
      findings(
        rule,
        build((s) => s[2].addPropertyOverride('StandardsArn', 'arn:aws:securityhub:us-east-1::standards/nist-800-53/v/5.0.0')),
      ),
    ).toEqual([`${rule} S/Posture/Hub`]);
  });
});
