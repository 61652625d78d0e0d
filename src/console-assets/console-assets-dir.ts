import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * dist/console of the checkout or installation this file belongs to, where
 * `npm run build` (bin/build-console.js) writes the console. Found from the package root,
 * so it is the same folder whether the service runs from dist/src or, in tests, from src.
 */
export function consoleAssetsDir(from: string = __dirname): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${from}`);
    folder = parent;
  }
  return join(folder, 'dist', 'console');
}
