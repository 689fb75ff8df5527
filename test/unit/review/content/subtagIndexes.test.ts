// The build bundles IANA's subtag indexes as their subtags alone, built into
// the index the first time a locale name is weighed (scripts/esbuild-plugins.mjs):
// the bundled module must hold exactly the registry's subtags, and build them once.
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
    it(`${name}: every subtag of the registry, and nothing else, built once when first read`, async () => {
      const loaded = await bundledModule(name);
      assert.equal(loaded.exports.__esModule, true);
      const descriptor = Object.getOwnPropertyDescriptor(loaded.exports, 'default');
      assert.equal(typeof descriptor?.get, 'function', 'the index is built on its first read, not when the bundle starts');
      const index = loaded.exports.default!;
      assert.deepEqual(Object.keys(index).sort(), Object.keys(JSON.parse(readFileSync(path.join(REGISTRY, `${name}.json`), 'utf8')) as object).sort());
      assert.equal(loaded.exports.default, index, 'read again, the same index');
    });
  }
});
