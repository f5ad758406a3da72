import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/**
 * Each module's static value imports (`import … from`, `export … from`), relative ones as paths
 * under src, bare ones as package names. Type-only imports are erased by the compiler and dynamic
 * imports run later, so neither can make modules evaluate in a circle.
 */
function graph(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(SRC, file), 'utf8');
    const targets: string[] = [];
    for (const [, keyword, clause, spec] of text.matchAll(/^(import|export)\s+([^'";]*?)\s*from\s+'([^']+)'/gm)) {
      if (/^type\s/.test(clause!) || (keyword === 'export' && /^type\s/.test(clause!))) continue;
      // `import { type A, type B }`: only types, erased too.
      if (/^\{[^}]*\}$/.test(clause!) && clause!.slice(1, -1).split(',').every((part) => /^\s*(type\s|$)/.test(part))) continue;
      targets.push(spec!.startsWith('.') ? relative(SRC, resolve(dirname(join(SRC, file)), spec!)).replace(/\.js$/, '.ts') : spec!);
    }
    edges.set(file, targets);
  }
  return edges;
}

function cycles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') return void found.push([...path.slice(path.indexOf(node)), node]);
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) if (edges.has(next)) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of edges.keys()) visit(node, []);
  return found;
}

/** Every module and package that importing `entry` loads before any code of it runs. */
function reach(edges: Map<string, string[]>, entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...(edges.get(node) ?? []));
  }
  return seen;
}

describe('the module graph of packages/server/src', () => {
  it('has no circle of imports', () => {
    expect(cycles(graph())).toEqual([]);
  });

  it('finds a circle when there is one (the check can fail)', () => {
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]]))).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });

  it.each(['express', 'pg', 'redis', 'rate-limit-redis'])('loads no %s from the core entry point (index.ts)', (name) => {
    expect(reach(graph(), 'index.ts').has(name)).toBe(false);
  });

  it('loads express from the express entry point', () => {
    expect(reach(graph(), 'express.ts').has('express')).toBe(true);
  });
});
