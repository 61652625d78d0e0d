import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ajvWithEventSchemas,
  eventSchemaFiles,
  eventSchemaId,
  eventSchemaPath,
} from '../support/event-schemas';
import { EVENT_STREAMS, encode } from './support/event-streams';

const ajv = ajvWithEventSchemas();
const bundleSchema = readFileSync(
  join(__dirname, '../../src/audit/export/bundle.schema.json'),
  'utf8',
);

describe('event schemas (docs/adr/0032)', () => {
  describe.each(EVENT_STREAMS)('the $name stream', (stream) => {
    it.each(stream.types)('has a schema for %s, named after the type', (type) => {
      expect(existsSync(eventSchemaPath(stream.name, type))).toBe(true);
      expect(ajv.getSchema(eventSchemaId(type))).toBeDefined();
    });

    it.each(stream.types)('has examples of %s', (type) => {
      expect(stream.examples.filter((event) => event.type === type).length).toBeGreaterThan(0);
    });

    it.each(stream.examples.map((event, i) => [i, event.type, event] as const))(
      'example %i (%s) is valid by its schema and decodes to itself',
      (_i, type, event) => {
        const validate = ajv.getSchema(eventSchemaId(type))!;
        const stored = encode(event);
        expect({ valid: validate(stored), errors: validate.errors ?? [] }).toEqual({
          valid: true,
          errors: [],
        });
        expect(stream.decode(stored)).toEqual(event);
      },
    );
  });

  it('the export bundle schema refers to every event type', () => {
    for (const type of EVENT_STREAMS.flatMap((stream) => stream.types)) {
      expect(bundleSchema).toContain(`"$ref": "${eventSchemaId(type)}"`);
    }
  });

  it('every schema file has an $id by the naming rule and compiles in strict mode', () => {
    const types = new Set(EVENT_STREAMS.flatMap((stream) => stream.types));
    for (const { path, schema } of eventSchemaFiles()) {
      const name = path.replace(/^.*\//, '').replace(/\.schema\.json$/, '');
      expect({ path, id: schema.$id }).toEqual({
        path,
        id: `https://consent-ledger.dev/schemas/events/${name}.json`,
      });
      if (types.has(name)) expect(ajv.getSchema(schema.$id)?.schema).toBeDefined();
    }
  });
});
