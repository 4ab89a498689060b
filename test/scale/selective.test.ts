import { addBaselineStacks, parseClientsContext, selectClients } from '../../lib/internal';
import { ConfigError } from '../../lib/model';
import { generated } from './synth';
import { plainApp } from '../util';

describe('selective synth', () => {
  const config = generated(30);

  test('the clients context accepts a comma-separated list or an array, trimming blanks', () => {
    expect(parseClientsContext(undefined)).toBeUndefined();
    expect(parseClientsContext(' c0001, c0002 ,')).toEqual(['c0001', 'c0002']);
    expect(parseClientsContext(['c0003'])).toEqual(['c0003']);
  });

  test('only the named clients’ stacks are built', () => {
    const app = plainApp();
    const stacks = addBaselineStacks(app, config, { onlyClients: ['c0007', 'c0030'] });
    expect(Object.keys(stacks.clients)).toEqual(['c0007', 'c0030']);
    // The named clients' stacks, plus the shared ones: the audit stack, the backup audit of their accounts and
    // primary regions, and the detection stacks of their accounts and data regions.
    expect(app.node.children.map((c) => c.node.id).sort()).toEqual([
      'audit',
      'backup-audit-111111111111-ap-southeast-2',
      'backup-audit-200000000029-ca-central-1',
      'c0007-data',
      'c0007-replica',
      'c0030-data',
      'c0030-replica',
      'detection-111111111111-ap-southeast-2',
      'detection-111111111111-ap-southeast-4',
      'detection-200000000029-ca-central-1',
      'detection-200000000029-ca-west-1',
    ]);
  });

  test('every unknown name is listed, with known ids; an empty list is refused', () => {
    expect(() => selectClients(config, ['c0001', 'nope', 'c9999'])).toThrow(ConfigError);
    try {
      selectClients(config, ['c0001', 'nope', 'c9999']);
    } catch (error) {
      expect((error as ConfigError).issues.map((i) => `${i.path} ${String(i.received)}`)).toEqual([
        'context.clients[1] nope',
        'context.clients[2] c9999',
      ]);
      expect((error as ConfigError).issues[0].message).toBe(
        'no client with this id in the configuration (known: c0001, c0002, c0003, c0004, c0005, ... (30 clients))',
      );
    }
    expect(() => selectClients(config, [])).toThrow(/context.clients: name at least one client id, comma-separated/);
  });
});
