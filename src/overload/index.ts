/**
 * The public face of src/overload: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { httpServerOptions } from './http-server-options';
export { installLoadShedding } from './install-load-shedding';
export { listenForProbes } from './probe-listener';
