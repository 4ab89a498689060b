/**
 * Unloaded services during the engine's walk (lib/nag/unloaded-services.ts),
 * in a process of its own: under the test runner's module registry the walk
 * changes nothing, so the fixture runs with Node's (tsx). The engine, run
 * first, loads none of the services the app has no resource of and finds
 * exactly what the stock packs find afterwards, which load them all.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/internal';

describe('withUnloadedServices', () => {
  let seen: any;

  beforeAll(() => {
    const out = mkdtempSync(join(tmpdir(), 'cdb-unloaded-'));
    const result = spawnSync(
      process.execPath,
      [require.resolve('tsx/cli'), join(PROJECT_ROOT, 'test', 'fixtures', 'unloaded-services', 'run.ts'), out],
      { cwd: PROJECT_ROOT, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    seen = JSON.parse(result.stdout);
  });

  test("during the walk an unloaded service's L1 classes match nothing; a loaded service's are its own", () => {
    expect(seen.before).toEqual({ quicksight: false, s3: true });
    expect(seen.inside).toEqual({ quicksightClass: true, bucketIsCfnBucket: true, apigwv2Class: true });
  });

  test('afterwards, also when the walk throws, the exports read as before and load their service', () => {
    expect(seen.threw).toBe(true);
    expect(seen.afterThrow).toEqual({ glueClass: 'CfnJob', glue: true });
    expect(seen.afterStock).toEqual({ quicksight: true, realClass: 'CfnDataSource' });
  });

  test('the engine loads no service the app has no resource of, except where a rule reads an enum of one', () => {
    // API Gateway v1's AuthorizationType is read for the v2 route: an enum loads its service as ever.
    expect(seen.afterEngine).toEqual({ quicksight: false, sagemaker: false, apigateway: true });
  });

  test('and finds exactly what the stock packs find, the unauthorized v2 route included', () => {
    expect(seen.engine).toEqual(seen.stock);
    const ids = Object.values(seen.engine as Record<string, { ruleName: string }[]>).flatMap((vs) => vs.map((v) => v.ruleName));
    expect(ids).toContain('AwsSolutions-APIG4');
  });
});
