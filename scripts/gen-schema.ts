/**
 * Writes `config/baseline.schema.json` from the zod model, so editors can
 * complete and check the configuration. `--check` fails when the committed
 * file is not current (run in CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { baselineConfigSchema } from '../lib/model/schema';

const target = join(__dirname, '..', 'config', 'baseline.schema.json');

/** The JSON Schema text for the configuration file. */
export function schemaText(): string {
  const schema = z.toJSONSchema(baselineConfigSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'client-data-baseline configuration' }, null, 2)}\n`;
}

if (require.main === module) {
  const text = schemaText();
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== text) {
      console.error(`${target} is out of date: run \`npm run schema\` and commit the result.`);
      process.exit(1);
    }
    console.log(`${target} is current.`);
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
