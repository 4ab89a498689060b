import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  addBaselineStacks, AcknowledgementLedger, applyPolicyChecks, buildReport, createApp, generateConfig, parseConfig,
  renderCsv, renderJunit, renderOscal, renderSarif, trackAcknowledgements,
} from './lib';
const n = Number(process.argv[2] ?? 100);
const config = parseConfig(generateConfig({ clients: n } as never), 'gen');
const app = createApp({ outdir: mkdtempSync(join(tmpdir(), 'cdb-cost-')) });
addBaselineStacks(app, config);
applyPolicyChecks(app);
let t = Date.now();
const assembly = app.synth();
console.log('synth', (Date.now() - t) / 1000);
t = Date.now(); const plain = new AwsSolutionsChecks().validateScope(app); console.log('AwsSolutions plain', (Date.now() - t) / 1000, plain.violations.length);
const ledger = AcknowledgementLedger.for(createApp());
t = Date.now(); new (trackAcknowledgements(AwsSolutionsChecks, ledger))().validateScope(app); console.log('AwsSolutions tracked', (Date.now() - t) / 1000);
t = Date.now(); const report = buildReport(config, app, assembly); console.log('buildReport', (Date.now() - t) / 1000);
for (const [name, f] of [['sarif', renderSarif], ['junit', renderJunit], ['csv', renderCsv], ['oscal', renderOscal]] as const) {
  t = Date.now(); const text = (f as (r: typeof report) => string)(report); console.log(name, (Date.now() - t) / 1000, `${(text.length / 1e6).toFixed(1)} MB`);
}
