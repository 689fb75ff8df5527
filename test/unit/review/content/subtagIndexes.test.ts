// The build bundles IANA's subtag indexes as their subtags alone, looked up in
// that text when a locale name is weighed (scripts/esbuild-plugins.mjs): the
// bundled module must answer exactly as the registry's own object does.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const REGISTRY = path.join(__dirname, '..', '..', '..', '..', 'node_modules', 'language-subtag-registry', 'data', 'json');

interface Loaded {
  exports: { __esModule?: boolean; default?: Record<string, unknown> };
}

async function bundledModule(name: string): Promise<Loaded> {
  const { subtagIndexesCompact } = await import('../../../../scripts/esbuild-plugins.mjs');
  let onLoad: ((args: { path: string }) => Promise<{ contents: string }>) | undefined;
  // The plugin asks esbuild for one thing, a loader for the registry's files: that is all the stand-in build gives it.
  void subtagIndexesCompact.setup({ onLoad: (_options: unknown, callback: typeof onLoad) => (onLoad = callback) } as unknown as Parameters<typeof subtagIndexesCompact.setup>[0]);
  const { contents } = await onLoad!({ path: path.join(REGISTRY, `${name}.json`) });
  const loaded: Loaded = { exports: {} };
  new Function('module', contents)(loaded);
  return loaded;
}

describe("the build's subtag indexes", () => {
  for (const name of ['language', 'region', 'script', 'variant']) {
    it(`${name}: every subtag of the registry, and nothing else, as the registry's object answers`, async () => {
      const loaded = await bundledModule(name);
      assert.equal(loaded.exports.__esModule, true);
      const index = loaded.exports.default!;
      const registry = JSON.parse(readFileSync(path.join(REGISTRY, `${name}.json`), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(Object.keys(index).sort(), Object.keys(registry).sort());
      const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
      // Every subtag, every name of two and three letters and of three and four digits, and names the packed text holds as its separators.
      const letters = 'abcdefghijklmnopqrstuvwxyz';
      const asked = new Set([...Object.keys(registry), '', ' ', '=', 'aa=', 'a a', ' aa', 'aa ', 'x', 'zzzz', 'toString', '__proto__', 'constructor']);
      for (const a of letters) for (const b of letters) {
        asked.add(a + b);
        for (const c of letters) asked.add(a + b + c);
      }
      for (let number = 0; number < 10_000; number++) asked.add(String(number).padStart(number < 1000 ? 3 : 4, '0'));
      for (const key of asked) {
        assert.equal(own(index, key), own(registry, key), key);
        assert.equal(key in index, own(registry, key), key);
        assert.equal(index[key], own(registry, key) ? 0 : undefined, key);
      }
      assert.equal(loaded.exports.default, index, 'read again, the same index');
    });
  }
});
