import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { clientScope } from '../../lib/access';
import { ClientNames } from '../../lib/model';
import { addBaselineStacks, createApp } from '../../lib/internal';
import { ACCESS_MATRIX_FILE, proofStacksOf, proveTenantIsolation, TenantIsolationProof } from '../../lib/isolation';
import { exampleRaw, exampleWith, FIXED_NOW, synthBaseline } from '../util';

/** An app with only the isolation proof as validation, writing to a fresh directory. */
function proofApp(change: (raw: any) => void = () => undefined) {
  const outdir = mkdtempSync(join(tmpdir(), 'cdb-proof-'));
  const app = createApp({ outdir, builtinCloudFormationValidation: false, context: { now: FIXED_NOW.toISOString() } });
  const stacks = addBaselineStacks(app, exampleWith(change));
  Validations.of(app).addPlugins(new TenantIsolationProof());
  return { app, stacks, outdir };
}

describe('the proof runs on every synth (CDM-3.3-TENANT-ISOLATION, CDM-3.2-REVIEW)', () => {
  test('a clean synth writes access-matrix.json into the cloud assembly directory', () => {
    const { app, outdir } = proofApp();
    app.synth();
    const file = join(outdir, ACCESS_MATRIX_FILE);
    expect(existsSync(file)).toBe(true);
    const matrix = JSON.parse(readFileSync(file, 'utf8'));
    expect(matrix.format).toBe('client-data-baseline/access-matrix/v1');
    expect(matrix.principals).toHaveLength(26); // duty and service roles of every client (a malware scan role per dataset bucket, primary and replica), and the trail's log delivery role
    expect(matrix.crossClientAccess).toEqual([]);
    expect(matrix.proof.findings).toBe(0);
  });

  test('a leak fails the synth and the report names principal, action and resource', () => {
    const { app, stacks, outdir } = proofApp();
    stacks.clients.acme.data.access.duties.operator?.policy.addStatements(
      new iam.PolicyStatement({
        sid: 'Leak',
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::precision-globex-customers-222222222222-us-east-1/*'],
      }),
    );
    expect(() => app.synth()).toThrow(/TenantLeak/);
    const report = readFileSync(join(outdir, 'validation-report.json'), 'utf8');
    expect(report).toContain('ForeignReference');
    expect(report).toContain(
      "arn:aws:iam::111111111111:role/precision-acme-operator (client acme) is allowed by the identity layer alone s3:GetObject on client globex's object arn:aws:s3:::precision-globex-customers-222222222222-us-east-1",
    );
  });
});

describe('the proof stays cheap as clients grow', () => {
  /** N clients generated from one template (same account and regions, one or two datasets each). */
  function proofOf(n: number) {
    const config = exampleWith((r) => {
      const template = exampleRaw().clients as any[];
      r.clients = Array.from({ length: n }, (_, i) => ({
        id: `c${String(i).padStart(3, '0')}`,
        name: `Client ${i}`,
        regions: template[0].regions,
        datasets:
          i % 2 === 0
            ? [{ name: 'records', tier: 'critical' }]
            : [
                { name: 'records', tier: 'critical' },
                { name: 'billing', tier: 'important' },
              ],
        access: {
          operators: [`arn:aws:iam::111111111111:role/ops-${i}`],
          readers: [`arn:aws:iam::111111111111:role/analyst-${i}`],
          auditors: ['arn:aws:iam::111111111111:role/compliance-auditor'],
        },
      }));
    });
    const { app } = synthBaseline(config);
    return proveTenantIsolation(
      proofStacksOf(app.synth()),
      config.clients.map((c) => clientScope(c, new ClientNames(config.provider, c))),
      { now: FIXED_NOW },
    );
  }

  test('the number of evaluations does not grow with the number of clients of one shape', () => {
    const small = proofOf(4); // every pair of shapes occurs from four clients on
    const large = proofOf(12);
    expect(small.findings).toEqual([]);
    expect(large.findings).toEqual([]);
    // Shapes: clients with one dataset, with two, and the provider's shared audit principal.
    expect(large.matrix.proof).toEqual(expect.objectContaining({ clients: 12, shapes: 3, clientPairsCovered: 12 * 12 }));
    expect(large.matrix.proof.pairClasses).toBe(small.matrix.proof.pairClasses);
    expect(large.matrix.proof.simulations).toBe(small.matrix.proof.simulations);
    // 3 duty + 3 service roles a client, a malware scan role per dataset bucket (primary and replica), and the shared trail role
    expect(large.matrix.principals).toHaveLength(12 * 6 + 6 * 2 + 6 * 4 + 1);
  });
});
