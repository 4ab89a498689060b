/**
 * Free text is accepted only when every place it ends up accepts it: tag
 * values, IAM role descriptions, CloudFormation stack descriptions, and
 * aws-cdk-lib's token encoding (issue 15, class 2).
 */
import * as fc from 'fast-check';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ACCESS_TAG_KEYS, addBaselineStacks, type BaselineConfig, ClientNames, ConfigError, parseConfig } from '../../lib/internal';
import { AWS_TEXT_LIMITS } from '../../lib/aws-limits';
import { stackDescriptionProblems, tokenLookAlike } from '../../lib/model';
import { exampleRaw, offboardingExample, plainApp, refusalOf } from '../util';

const NOW = new Date('2026-12-01T00:00:00Z');

/** A client of the example with a change, validated at NOW: the configuration, or `undefined` when refused (never another error). */
function accepted(change: (client: any) => void): BaselineConfig | undefined {
  const raw = structuredClone(exampleRaw()) as any;
  raw.clients = [raw.clients[0]];
  change(raw.clients[0]);
  try {
    return parseConfig(raw, 'test.yaml', { now: NOW });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return undefined;
  }
}

/** Text a user (or an attacker) may type: any Unicode, and the characters AWS and CDK care about. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('a', 'Ł', 'é', ' ', '<', '#', ';', '{', '}', '$', '[', '@', '-', '\u00a0', '–', '😀', '\n', 'Token'),
    maxLength: 30,
  }),
  fc.constantFrom('${Token[TOKEN.12]}', '#{Token[List.3]}', 'Jane <jane@x.com>', 'Łukasz', 'x'.repeat(300), 'Ж'.repeat(500)),
);

const tagValueOk = (value: string) => value.length <= AWS_TEXT_LIMITS.tagValueChars && AWS_TEXT_LIMITS.tagValuePattern.test(value);
const roleDescriptionOk = (value: string) => AWS_TEXT_LIMITS.iamRoleDescriptionPattern.test(value);

describe('property: accepted free text is accepted wherever it ends up', () => {
  test('break-glass approver and ticket: tag values and the role description', () => {
    fc.assert(
      fc.property(text, text, (approvedBy, ticket) => {
        const config = accepted((c) => (c.breakGlass = { approvedBy, ticket, expires: '2026-12-02T00:00:00Z' }));
        if (config === undefined) return;
        const recorded = config.clients[0].breakGlass!;
        for (const value of [recorded.approvedBy, recorded.ticket]) {
          expect(tagValueOk(value)).toBe(true);
          expect(roleDescriptionOk(value)).toBe(true);
          expect(tokenLookAlike(value)).toBeUndefined();
        }
      }),
      { numRuns: 200, seed: 15 },
    );
  });

  test('display name: both stack descriptions, no token look-alike, one line', () => {
    fc.assert(
      fc.property(text, (name) => {
        const config = accepted((c) => (c.name = name));
        if (config === undefined) return;
        const client = config.clients[0];
        const names = new ClientNames(config.provider, client);
        expect(stackDescriptionProblems(names.dataStackDescription)).toEqual([]);
        expect(stackDescriptionProblems(names.replicaStackDescription)).toEqual([]);
        expect(tokenLookAlike(client.name)).toBeUndefined();
        expect(client.name).not.toMatch(/\p{Cc}/u);
      }),
      { numRuns: 200, seed: 15 },
    );
  });

  test('the refusals name the field, and the limits are exactly at the edge', () => {
    const latin = 'é'.repeat(AWS_TEXT_LIMITS.tagValueChars);
    expect(accepted((c) => (c.breakGlass = { approvedBy: latin, ticket: 'CHG-1', expires: '2026-12-02T00:00:00Z' }))).toBeDefined();
    expect(accepted((c) => (c.breakGlass = { approvedBy: `${latin}é`, ticket: 'CHG-1', expires: '2026-12-02T00:00:00Z' }))).toBeUndefined();
    // The replica description is "Replica data stores of client acme (<name>) - client-data-baseline": 60 characters besides the name.
    expect(accepted((c) => (c.name = 'n'.repeat(512 - 60)))).toBeDefined();
    expect(accepted((c) => (c.name = 'n'.repeat(512 - 59)))).toBeUndefined();
    // 400 CJK characters fit aws-cdk-lib's 512 characters but not CloudFormation's 1,024 bytes.
    expect(accepted((c) => (c.name = '漢'.repeat(321)))).toBeDefined();
    expect(accepted((c) => (c.name = '漢'.repeat(322)))).toBeUndefined();
  });
});

describe('the longest accepted texts synthesize as they are', () => {
  test('break-glass role description and tags, stack descriptions', () => {
    const expires = '2026-12-02T00:00:00.000000000+00:00';
    const [approvedBy, ticket] = ['Ç'.repeat(AWS_TEXT_LIMITS.tagValueChars), `CHG-${'9'.repeat(AWS_TEXT_LIMITS.tagValueChars - 4)}`];
    const name = `{Token[1]} $ ${'é'.repeat(512 - 60 - 13)}`;
    const config = accepted((c) => {
      c.name = name;
      c.breakGlass = { approvedBy, ticket, expires };
    });
    expect(config).toBeDefined();
    const app = plainApp();
    const { clients } = addBaselineStacks(app, config!);
    app.synth(); // token resolution would throw here on a token look-alike
    const data = clients.acme.data;
    expect(Template.fromStack(data).toJSON().Description).toBe(`Data stores of client acme (${name}) - client-data-baseline`);
    expect(Template.fromStack(clients.acme.replica).toJSON().Description).toHaveLength(512);
    const description = `Break-glass for client acme: ${ticket}, approved by ${approvedBy}, expires ${expires}`;
    expect(description.length).toBeLessThanOrEqual(AWS_TEXT_LIMITS.iamRoleDescriptionChars);
    expect(roleDescriptionOk(description)).toBe(true);
    Template.fromStack(data).hasResourceProperties('AWS::IAM::Role', {
      Description: description,
      Tags: Match.arrayWith([
        { Key: ACCESS_TAG_KEYS.approvedBy, Value: approvedBy },
        { Key: ACCESS_TAG_KEYS.expires, Value: expires },
        { Key: ACCESS_TAG_KEYS.ticket, Value: ticket },
      ]),
    });
  });
});

describe('the pipeline branch is a Git branch name (the source action’s branch)', () => {
  const branchRefusal = (branch: string) =>
    refusalOf(() => offboardingExample((raw) => (raw.provider.pipeline.branch = branch))).map((line) => line.split(': ')[0]);

  test.each(['main', 'release/2026-12', 'feature/x_1.2'])('%s is accepted', (branch) => {
    expect(branchRefusal(branch)).toEqual([]);
  });

  test.each(['', 'a b', '../main', 'main/', 'a..b', 'x.lock', '${Token[TOKEN.1]}', 'ł', 'b'.repeat(256)])(
    '%j is refused by name',
    (branch) => {
      expect(branchRefusal(branch)).toEqual(['provider.pipeline.branch']);
    },
  );
});
