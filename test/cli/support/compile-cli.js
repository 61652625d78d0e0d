// Compiles the CLI entry and the named commands (with everything they import) into
// `<package>/dist/src/`, each file transpiled with the project's compiler options, as
// test/support/register-ts.js does (type checking is `npm run typecheck`'s job).
// Run as a process of its own (see built-package.ts), so that a test's Jest worker does not
// hold a second TypeScript compiler in memory.
// `node compile-cli.js <package dir> <command module>…`, e.g. `verify.command`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..', '..', '..');
const [packageDir, ...commands] = process.argv.slice(2);

const parsed = ts.getParsedCommandLineOfConfigFile(
  path.join(ROOT, 'tsconfig.build.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  },
);
const compilerOptions = { ...parsed.options, module: ts.ModuleKind.CommonJS, sourceMap: false };

/** The project files `file` imports (type-only imports too: they only cost a little time). */
function localImports(file) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, false);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => {
      const base = path.join(path.dirname(file), name);
      const found = [base, `${base}.ts`, path.join(base, 'index.ts')].find(
        (candidate) => /\.(ts|json)$/.test(candidate) && fs.existsSync(candidate),
      );
      if (found === undefined) throw new Error(`${file} imports ${name}, which was not found`);
      return found;
    });
}

const cli = path.join(ROOT, 'src', 'cli');
// main.ts names every command's module; only the commands asked for are followed.
const files = new Set([path.join(cli, 'main.ts')]);
const pending = commands.map((command) => path.join(cli, `${command}.ts`));
for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
  if (files.has(file)) continue;
  files.add(file);
  if (file.endsWith('.ts')) pending.push(...localImports(file));
}
for (const file of files) {
  const out = path.join(packageDir, 'dist', path.relative(ROOT, file));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (file.endsWith('.json')) {
    fs.copyFileSync(file, out);
    continue;
  }
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions,
  });
  fs.writeFileSync(out.replace(/\.ts$/, '.js'), outputText);
}
