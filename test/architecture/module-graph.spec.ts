import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cruiseModuleGraph,
  essentialArrows,
  foldToModules,
  moduleCycles,
  type ModuleGraph,
} from './module-graph';

// The module rules of docs/architecture.md that dependency-cruiser cannot state per file.
describe('the module graph of src/', () => {
  let graph: ModuleGraph;

  beforeAll(() => {
    graph = cruiseModuleGraph();
  }, 120_000);

  it('has no cycle between modules: every module can be read knowing only those below it', () => {
    expect(moduleCycles(graph)).toEqual([]);
  });

  it('sees a module cycle that no single file closes (the check itself can fail)', () => {
    const cycle = foldToModules([
      { source: 'src/keys/a.ts', dependencies: [{ resolved: 'src/consent/b.ts' }] },
      { source: 'src/consent/c.ts', dependencies: [{ resolved: 'src/keys/d.ts' }] },
      { source: 'src/consent/b.ts', dependencies: [] },
      { source: 'src/keys/d.ts', dependencies: [] },
    ]);
    expect(moduleCycles(cycle)).toEqual([['consent', 'keys']]);
  });

  it('ignores tests and testing helpers, which may reach anywhere', () => {
    const graphWithTests = foldToModules([
      { source: 'src/keys/a.spec.ts', dependencies: [{ resolved: 'src/consent/b.ts' }] },
      { source: 'src/keys/testing/x.ts', dependencies: [{ resolved: 'src/consent/b.ts' }] },
      { source: 'src/consent/c.ts', dependencies: [{ resolved: 'src/keys/d.ts' }] },
    ]);
    expect(moduleCycles(graphWithTests)).toEqual([]);
  });
});

describe('docs/architecture.md', () => {
  it('draws exactly the arrows the import graph has (its transitive reduction)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'architecture.md'), 'utf8');
    const block = /```mermaid\nflowchart TD\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const drawn = block
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.includes('-->'))
      .map((line) => line.replace(/_/g, '-'))
      .sort();
    expect(drawn).toEqual(essentialArrows(cruiseModuleGraph()));
  }, 120_000);
});
