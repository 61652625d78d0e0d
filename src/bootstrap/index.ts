/**
 * The public face of src/bootstrap: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { createApp } from './create-app';
export { SHUTDOWN_SIGNALS, armShutdownDeadline } from './shutdown-deadline';
