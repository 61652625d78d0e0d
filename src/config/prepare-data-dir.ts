import { mkdirSync } from 'node:fs';
import type { AppConfig } from './app-config';
import { ConfigError } from './config-error';

/** Creates DATA_DIR if missing; a directory we cannot create is a configuration error. */
export function prepareDataDir(config: AppConfig): void {
  try {
    mkdirSync(config.dataDir, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(
      `DATA_DIR must be a directory the service can create and write, got "${config.dataDir}" (${reason})`,
    );
  }
}
