// Lets a child process started by a test run the TypeScript sources directly:
// `node -r ./test/support/register-ts.js some-file.ts`. Jest's transformer does not reach
// child processes, and Node's built-in type stripping can neither resolve extensionless
// imports nor transform decorators and constructor parameter properties.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const CONFIG_PATH = path.join(ROOT, 'tsconfig.json');

// Every child process would otherwise load the compiler and transpile the whole service
// again (about a thousand files: seconds of CPU each time, most of a minute on a loaded
// machine). The output is kept on disk, addressed by what decides it: the compiler's
// version, the project's compiler options, this file, the source file's path and its text.
// The compiler itself is loaded only when a file is not in the cache.
const CACHE_DIR = path.join(os.tmpdir(), 'consent-ledger-register-ts');
const CACHE_SALT = [
  require('typescript/package.json').version,
  fs.readFileSync(CONFIG_PATH, 'utf8'),
  fs.readFileSync(__filename, 'utf8'),
].join('\0');

let transpile;

function transpiler() {
  const ts = require('typescript');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    CONFIG_PATH,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  const compilerOptions = {
    ...parsed.options,
    module: ts.ModuleKind.CommonJS,
    sourceMap: false,
    inlineSourceMap: true,
  };
  return (source, fileName) => ts.transpileModule(source, { fileName, compilerOptions }).outputText;
}

function compiled(filename, source) {
  const key = crypto
    .createHash('sha256')
    .update(CACHE_SALT)
    .update('\0')
    .update(filename)
    .update('\0')
    .update(source)
    .digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    transpile ??= transpiler();
    const output = transpile(source, filename);
    // Written aside and renamed, so a process reading the cache never sees half a file.
    const partial = `${cached}.${process.pid}.partial`;
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      fs.writeFileSync(partial, output);
      fs.renameSync(partial, cached);
    } catch {
      // A cache that cannot be written only costs time.
    }
    return output;
  }
}

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  module._compile(compiled(filename, fs.readFileSync(filename, 'utf8')), filename);
};
