import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addBaselineStacks, buildReport, renderHtml } from '../../lib/internal';
import { exampleConfig, plainApp } from '../util';

const CHROMIUM = '/usr/bin/chromium';
// CI installs Debian's chromium (.ci/run); a developer machine without it skips this one test.
const runIf = existsSync(CHROMIUM) || process.env.CI ? test : test.skip;

describe('the HTML report in a real browser', () => {
  runIf('headless Chromium renders every section and table of the report', () => {
    const app = plainApp();
    const config = exampleConfig();
    addBaselineStacks(app, config);
    const report = buildReport(config, app, app.synth());
    const dir = mkdtempSync(join(tmpdir(), 'cdb-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(report));
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(dir, 'profile')}`,
    ];
    const dom = execFileSync(CHROMIUM, [...args, '--dump-dom', `file://${file}`], {
      encoding: 'utf8',
      timeout: 60000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const source = readFileSync(file, 'utf8');
    expect((dom.match(/<table>/g) ?? []).length).toBe((source.match(/<table>/g) ?? []).length);
    expect((dom.match(/<tr[ >]/g) ?? []).length).toBe((source.match(/<tr[ >]/g) ?? []).length);
    for (const heading of ['Summary', 'Controls', 'Organisational controls', 'Evidence', 'Clients', 'Acknowledged findings', 'Findings']) {
      expect(dom).toContain(`<h2>${heading}</h2>`);
    }
    expect(dom).toContain('<td>CDM-3.4-AT-REST</td>');
    execFileSync(CHROMIUM, [...args, '--window-size=1280,2000', `--screenshot=${join(dir, 'report.png')}`, `file://${file}`], {
      timeout: 60000,
      stdio: 'ignore',
      cwd: dir,
    });
    expect(readFileSync(join(dir, 'report.png')).length).toBeGreaterThan(20000); // a page with content, not a blank one
  });
});
