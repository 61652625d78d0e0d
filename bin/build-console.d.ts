/** Bundles the console into `outDir` (by default dist/console); resolves to that folder. */
export function buildConsole(outDir?: string): Promise<string>;
export const CONSOLE_OUT_DIR: string;
