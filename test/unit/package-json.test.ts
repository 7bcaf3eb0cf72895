import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * package.json says what the kiosk needs: a package that code or tests import only because
 * something else happens to bring it in breaks on the next update of that something, and an
 * install-script rule for a package that is not installed hides which scripts really run
 * (npm runs a dependency's install script only where `allowScripts` allows it).
 */
const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean }>;
};

const sourceDirs = ['main', 'preload', 'renderer', 'common', 'simulator', 'tools', 'test', 'bench', 'scripts'];
const sourceFile = /\.(ts|vue|mjs|cjs|js)$/;

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (sourceFile.test(entry.name)) yield path;
  }
}

/** `@scope/name` or `name` of each bare specifier a file imports or requires. */
function packagesImportedBy(text: string): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map(
    (m) => m[1]!,
  );
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:'))
    // Only what can be a package name: not a template literal a test builds source text from
    // (`'${path}'`), nor a comment's example (`import('…')`).
    .filter((s) => /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*(\/|$)/.test(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
}

const lockedName = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/**
 * Names the build resolves itself, not packages: `kiosk-fonts/` is the stylesheet of the fonts
 * cut at build time (scripts/kiosk-fonts.ts aliases it), so it exists only while that alias does.
 */
const buildAliases = ['kiosk-fonts'].filter((name) => readFileSync(join(root, 'scripts/kiosk-fonts.ts'), 'utf8').includes(`find: /^${name}\\//`));

describe('package.json', () => {
  it('declares every package that the code, tests and tools import', () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies), ...builtinModules, ...buildAliases]);
    const undeclared: string[] = [];
    const files = [
      ...sourceDirs.flatMap((d) => [...filesUnder(join(root, d))]),
      ...readdirSync(root)
        .filter((f) => sourceFile.test(f))
        .map((f) => join(root, f)),
    ];
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      for (const name of packagesImportedBy(readFileSync(file, 'utf8'))) {
        if (!declared.has(name)) undeclared.push(`${relative(root, file)}: ${name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('allowScripts names exactly the installed packages that have install scripts, each allowed or denied on purpose', () => {
    const withScripts = new Set(
      Object.entries(lock.packages)
        .filter(([key, entry]) => key !== '' && entry.hasInstallScript)
        .map(([key]) => lockedName(key)),
    );
    expect(withScripts.size).toBeGreaterThan(0);
    expect(Object.keys(pkg.allowScripts).sort()).toEqual([...withScripts].sort());
  });
});
