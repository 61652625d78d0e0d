import { createEventLog } from './0001-create-event-log';
import type { Migration } from './migration';

/** Every migration this build knows, oldest first. Never edit one that has shipped. */
export const ALL_MIGRATIONS: readonly Migration[] = [createEventLog];
