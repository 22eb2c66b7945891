/// <reference types="node" />
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Every Vietnamese string the officer sees comes from these files: they must be NFC, or
// the fonts and the core's text comparisons see different letters.
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(svelte|ts|json|html)$/.test(name) ? [p] : [];
  });
}

describe('source text', () => {
  const root = join(__dirname, '..');
  const all = [...files(root), join(root, '..', 'index.html')];

  it('is NFC everywhere', () => {
    const bad = all.filter((f) => {
      const text = readFileSync(f, 'utf8');
      return text !== text.normalize('NFC');
    });
    expect(bad).toEqual([]);
    expect(all.length).toBeGreaterThan(20);
  });

  it('loads nothing from the network', () => {
    const remote = all.filter((f) => /(src|href)\s*=\s*["']https?:|@import\s+url\(\s*["']?https?:|fetch\(\s*["']https?:/i.test(readFileSync(f, 'utf8')));
    expect(remote).toEqual([]);
  });

  it('declares the page Vietnamese', () => {
    expect(readFileSync(join(root, '..', 'index.html'), 'utf8')).toMatch(/<html lang="vi">/);
  });
});
