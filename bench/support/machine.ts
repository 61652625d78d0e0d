import { cpus, totalmem } from 'node:os';

/** What the figures were measured on; every result file carries it. */
export function describeMachine() {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
  };
}
