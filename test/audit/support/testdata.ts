import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** Vectors copied into the repository with their source and licence (test/fixtures/README.md). */
export const TESTDATA_DIR = resolve(__dirname, '../../fixtures');

/** Every `.json` file under `dir`, as paths relative to it, sorted. */
export function jsonFilesUnder(dir: string): string[] {
  const walk = (path: string): string[] =>
    statSync(path).isDirectory()
      ? readdirSync(path).flatMap((name) => walk(join(path, name)))
      : path.endsWith('.json')
        ? [path]
        : [];
  return walk(dir)
    .map((path) => relative(dir, path))
    .sort();
}

/**
 * JSON.parse that keeps every number exact, as a bigint: some vectors hold 2^64 − 1,
 * which a JavaScript number would round.
 */
export function readJsonExact(path: string): unknown {
  const reviver = (_key: string, value: unknown, context?: { source?: string }): unknown =>
    typeof value === 'number' && context?.source !== undefined ? BigInt(context.source) : value;
  return JSON.parse(readFileSync(path, 'utf8'), reviver);
}

export function base64(text: string): Buffer {
  return Buffer.from(text, 'base64');
}
