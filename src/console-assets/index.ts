/** The public face of src/console-assets: serving the built auditor console (docs/adr/0040). */
export { CONSOLE_PATH, serveConsole } from './serve-console';
export { CONSOLE_CONTENT_SECURITY_POLICY } from './console-headers';
