import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The production import graph of `src/`, folded to modules (the folders right under
 * `src/`, plus `src/main.ts`, the entry point, as `main`). dependency-cruiser checks file-level
 * rules; folding to modules is what lets a test see module-level cycles, which the file
 * graph hides (keys/a.ts → consent/b.ts and consent/c.ts → keys/d.ts is no file cycle).
 */
export interface ModuleGraph {
  /** module → module → how many imports cross that way */
  readonly edges: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** every cross-module import, as `from → to` file pairs */
  readonly crossings: readonly { readonly from: string; readonly to: string }[];
}

interface CruisedModule {
  readonly source: string;
  readonly dependencies: readonly { readonly resolved: string }[];
}

const ROOT = join(__dirname, '..', '..');
const CRUISER = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');

export function moduleOf(file: string): string | undefined {
  const match = /^src\/([^/]+)(\/)?/.exec(file);
  if (!match) return undefined;
  return match[2] ? match[1] : 'main';
}

export function isProductionFile(file: string): boolean {
  return file.startsWith('src/') && !file.endsWith('.spec.ts') && !file.includes('/testing/');
}

export function cruiseModuleGraph(): ModuleGraph {
  const output = execFileSync(
    process.execPath,
    [CRUISER, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: ROOT, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
  );
  const cruised = (JSON.parse(output) as { modules: CruisedModule[] }).modules;
  return foldToModules(cruised);
}

export function foldToModules(cruised: readonly CruisedModule[]): ModuleGraph {
  const edges = new Map<string, Map<string, number>>();
  const crossings: { from: string; to: string }[] = [];
  for (const file of cruised) {
    if (!isProductionFile(file.source)) continue;
    const from = moduleOf(file.source)!;
    for (const dependency of file.dependencies) {
      const to = moduleOf(dependency.resolved);
      if (to === undefined || to === from) continue;
      crossings.push({ from: file.source, to: dependency.resolved });
      const row = edges.get(from) ?? new Map<string, number>();
      row.set(to, (row.get(to) ?? 0) + 1);
      edges.set(from, row);
    }
  }
  return { edges, crossings };
}

/** Strongly connected components with more than one module: each is a module cycle. */
export function moduleCycles(graph: ModuleGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.edges.get(node)?.keys() ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of graph.edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/**
 * The arrows a reader needs: module → module where no longer path already leads there
 * (the transitive reduction; defined because the graph has no cycle). `src/shared`, which
 * every module may use, is left out of the picture.
 */
export function essentialArrows(graph: ModuleGraph): string[] {
  const targets = (from: string): string[] =>
    [...(graph.edges.get(from)?.keys() ?? [])].filter((to) => to !== 'shared');
  const reachable = (from: string, skip: string): Set<string> => {
    const seen = new Set<string>();
    const stack = targets(from).filter((to) => to !== skip);
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...targets(next));
    }
    return seen;
  };
  const arrows: string[] = [];
  for (const from of graph.edges.keys()) {
    if (from === 'shared') continue;
    for (const to of targets(from)) {
      if (!reachable(from, to).has(to)) arrows.push(`${from} --> ${to}`);
    }
  }
  return arrows.sort();
}
