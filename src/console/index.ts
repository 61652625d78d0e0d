import { ConsoleApp } from './app';

/** Entry point of the auditor console (bundled by bin/build-console.js). */
const root = document.getElementById('app');
if (root) new ConsoleApp(root).start();
