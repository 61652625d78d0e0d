import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';

const SRC = join(__dirname, '../../src');

/** Where each stream's event schemas live (docs/adr/0032), and the shared definitions. */
export const EVENT_SCHEMA_DIRS = {
  subject: 'consent/domain/subject/schemas',
  policy: 'consent/domain/policy/schemas',
  'api-keys': 'auth/domain/schemas',
  processors: 'erasure/processors/domain/schemas',
  'processor-acknowledgements': 'processors/domain/schemas',
  shared: 'shared/domain/events/schemas',
} as const;

export interface SchemaFile {
  /** Path from the repository root, for messages. */
  readonly path: string;
  readonly schema: { readonly $id: string } & Record<string, unknown>;
}

/** Every `*.schema.json` of the event schema folders. */
export function eventSchemaFiles(): SchemaFile[] {
  return Object.values(EVENT_SCHEMA_DIRS).flatMap((dir) =>
    readdirSync(join(SRC, dir))
      .filter((name) => name.endsWith('.schema.json'))
      .map((name) => {
        const file = join(SRC, dir, name);
        return {
          path: relative(join(SRC, '..'), file),
          schema: JSON.parse(readFileSync(file, 'utf8')) as SchemaFile['schema'],
        };
      }),
  );
}

/** The schema of one event type, by the file-name rule `<stream dir>/<type>.schema.json`. */
export function eventSchemaPath(stream: keyof typeof EVENT_SCHEMA_DIRS, type: string): string {
  return join(SRC, EVENT_SCHEMA_DIRS[stream], `${type}.schema.json`);
}

/** The `$id` an event type's schema has: what the export bundle's schema refers to. */
export function eventSchemaId(type: string): string {
  return `https://consent-ledger.dev/schemas/events/${type}.json`;
}

/** Ajv (draft 2020-12, strict) that knows every event schema, so `$ref`s to them resolve. */
export function ajvWithEventSchemas(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  for (const { schema } of eventSchemaFiles()) ajv.addSchema(schema);
  return ajv;
}
