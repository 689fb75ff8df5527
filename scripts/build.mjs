// Bundles the extension and the command line with esbuild. Type-checking is
// separate (`npm run typecheck`): esbuild only strips types, which keeps the
// watch loop instant.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { actionsWithoutOidc, builtinNamespaces, bundleAliases, gettextWithoutIconv, librariesApart, librariesEntry, shellParserApart, subtagIndexesCompact, vegaApart, vegaWithoutCanvas } from './esbuild-plugins.mjs';
import { signingKey, writeIdentity } from './identity.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `npm pack` and `vsce package` build from nothing: no bundle, map or identity of an earlier build is left to ship.
const clean = process.argv.includes('--clean');
const signer = signingKey();

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Nothing is external but what each bundle names, so the .vsix needs no node_modules.
  plugins: [vegaWithoutCanvas, vegaApart, shellParserApart, subtagIndexesCompact, gettextWithoutIconv],
  alias: bundleAliases,
  // A release's launcher trusts only the release keys (src/core/agents/launcher.ts).
  define: { PM_ZONE_RELEASE_BUILD: String(signer.release) },
};

/**
 * Only the extension host provides `vscode`: the core, the command line and
 * the Action run in plain Node, so their bundles fail on an import of it
 * instead of shipping one that crashes when it runs.
 */
const noVscode = {
  name: 'no-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => ({
      errors: [{ text: `${args.importer.replace(/^.*?(?=src\/)/, '')} imports 'vscode': only src/vscode/ and src/extension.ts may; the core, the command line and the Action run without VS Code` }],
    }));
  },
};

/**
 * Points the imports of the core that `route` picks at dist/core.js:
 * `require('./core.js').<domain>`. The core is bundled once, shared by the
 * editor and the command line.
 * - The editor reaches it through `await import('…/core/<domain>/index.js')`,
 *   so the core's libraries load on first use instead of during activation.
 * - The command line imports it by domain (`…/core/git`).
 */
function coreFromBundle(name, route) {
  return {
    name,
    setup(build) {
      const domains = new Set(coreDomains());
      build.onResolve({ filter: /(?:^|\/)core\/\w+(?:\/index\.js)?$/ }, (args) => {
        const domain = route(args);
        if (!domain) return undefined;
        // A file of src/core imported by its own path reads here as a domain dist/core.js does not have: undefined when run.
        if (!domains.has(domain)) return { errors: [{ text: `${args.path}, imported by ${path.relative(process.cwd(), args.importer)}, is no domain of dist/core.js (src/core/index.ts): import it through a domain's index` }] };
        return { path: domain, namespace: 'pm-zone-core' };
      });
      build.onLoad({ filter: /.*/, namespace: 'pm-zone-core' }, (args) => ({ contents: domainOfCore(args.path), loader: 'js' }));
    },
  };
}

/** Each domain's export names, as `domainExports()` found them for this build; none in watch mode. */
let coreExports = new Map();

/**
 * A domain of dist/core.js as the bundles import it. With its export names
 * known, each name reads the domain on first use, so a command that never
 * calls into the review does not run the review's modules (and their locale
 * tables) at start: `import { zoneBinding } from '../core/policy'` costs
 * nothing until zoneBinding is called. Without them (watch mode, where a
 * name may be added after the build started), the domain is read at once.
 */
function domainOfCore(domain) {
  const names = coreExports.get(domain);
  if (!names) return `module.exports = require('./core.js').${domain};`;
  const getters = names.map((name) => `  ${JSON.stringify(name)}: { enumerable: true, get: () => load()[${JSON.stringify(name)}] },`);
  return [
    'let domain;',
    `const load = () => (domain ??= require('./core.js').${domain});`,
    "Object.defineProperty(exports, '__esModule', { value: true });",
    `Object.defineProperties(exports, {\n${getters.join('\n')}\n});`,
  ].join('\n');
}

/** The names each domain of src/core/index.ts exports, from esbuild's reading of the sources alone (libraries left out). */
async function domainExports() {
  const entryPoints = Object.fromEntries(coreDomains().map((domain) => [domain, existsSync(`src/core/${domain}/index.ts`) ? `src/core/${domain}/index.ts` : `src/core/${domain}.ts`]));
  const result = await esbuild.build({ entryPoints, bundle: true, splitting: true, format: 'esm', platform: 'node', packages: 'external', write: false, metafile: true, outdir: 'dist/exports', logLevel: 'silent' });
  return new Map(Object.values(result.metafile.outputs).filter((output) => output.entryPoint).map((output) => [Object.keys(entryPoints).find((domain) => entryPoints[domain] === output.entryPoint), output.exports]));
}

/**
 * dist/cli.js is src/cli/main.ts alone, which `pm-zone --version` needs: it
 * requires the commands that only read the zone from dist/zone.js
 * (src/cli/zoneCommands.ts), review from dist/review.js
 * (src/cli/reviewCommand.ts), check-config from dist/config.js
 * (src/cli/configCommands.ts) and every other command from dist/run.js
 * (src/cli/run.ts), each built on its own.
 */
const CLI_BUNDLES = { './run': './run.js', './zoneCommands': './zone.js', './reviewCommand': './review.js', './configCommands': './config.js' };
const cliBundlesApart = {
  name: 'cli-bundles-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/(?:zoneCommands|reviewCommand|configCommands|run)$/ }, (args) => (/src\/cli\/main\.ts$/.test(args.importer) ? { path: CLI_BUNDLES[args.path], external: true } : undefined));
  },
};

/**
 * The editor's first badges load src/core/editorPolicy.ts as dist/editor-policy.js, a bundle of its own
 * (`await import('../core/editorPolicy.js')`), not through dist/core.js: see that file.
 */
const editorPolicyApart = {
  name: 'editor-policy-apart',
  setup(build) {
    build.onResolve({ filter: /(?:^|\/)core\/editorPolicy(?:\.js)?$/ }, (args) => (/src\/vscode\//.test(args.importer) ? { path: 'editor-policy', namespace: 'pm-zone-editor-policy' } : undefined));
    // A require, as dist/core.js's domains are reached: the bundle is CommonJS, and is evaluated on the first import only.
    build.onLoad({ filter: /.*/, namespace: 'pm-zone-editor-policy' }, () => ({ contents: "module.exports = require('./editor-policy.js');", loader: 'js' }));
  },
};

const lazyCore = coreFromBundle('lazy-core', (args) => (args.kind === 'dynamic-import' ? /\/core\/(\w+)\/index\.js$/.exec(args.path)?.[1] : undefined));
// src/core/defaults.ts is a file of names, which the command line and the Action bundle a copy of (COPIED_CORE), not a domain of dist/core.js to load.
const sharedCore = coreFromBundle('shared-core', (args) => {
  const domain = /\/src\/(?:cli|action)\//.test(args.importer) ? /(?:^|\/)core\/(\w+)$/.exec(args.path)?.[1] : undefined;
  return domain === 'defaults' ? undefined : domain;
});

/** The domains src/core/index.ts exports, each `export * as <domain> from './<domain>'`. */
function coreDomains() {
  const domains = [...readFileSync(new URL('../src/core/index.ts', import.meta.url), 'utf8').matchAll(/^export \* as (\w+) from '\.\/(\w+)';$/gm)];
  if (domains.length === 0 || domains.some(([, name, folder]) => name !== folder)) throw new Error("src/core/index.ts: each domain as export * as <domain> from './<domain>'");
  return domains.map(([, name]) => name);
}

/**
 * dist/core.js's entry: the domains of src/core/index.ts, each evaluated on
 * first use. A command that asks for the policy does not run the top level of
 * the markdown, YAML and GitHub libraries the review and the audit need
 * (esbuild wraps what is reached through require() so it runs when required).
 */
function lazyCoreEntry() {
  const getters = coreDomains().map((name) => `  ${name}: { enumerable: true, get: () => require('./${name}') },`);
  return { contents: `Object.defineProperties(exports, {\n${getters.join('\n')}\n});\n`, resolveDir: fileURLToPath(new URL('../src/core', import.meta.url)), sourcefile: 'src/core/index.ts', loader: 'js' };
}

/** What dist/review.js loads from dist/review-libraries.js when a file of the change needs it (esbuild-plugins.mjs, librariesApart). */
const REVIEW_LIBRARIES = ['yaml', 'gettext-parser', 'sax', '@fluent/syntax', 'dot-properties', 'unified', 'remark-parse', 'remark-gfm'];

/** What dist/guard.js loads from dist/guard-libraries.js when a decision needs it: an Edit or a Read does not. */
const GUARD_LIBRARIES = ['toml-eslint-parser', 'smol-toml', 'jsonc-parser'];

/**
 * What dist/guard.js loads from dist/guard-glob.js when a glob is not plain (braces, classes, `?`; a path with a
 * character outside printable ASCII): a glob of literal segments, `*` and `**` is matched without it (src/core/policy/globList.ts).
 */
const GUARD_GLOB = ['minimatch'];

/**
 * The guard's files apart, required as they are (no identity check) by the bundles that read the zone: minimatch only for
 * a glob that is not plain, the TOML and JSONC parsers only where an agent's settings are read. A quarter of dist/zone.js
 * and of dist/config.js, which V8 would otherwise compile at every start of `whoami`, `explain` and `check-config`.
 */
const guardLibrariesApart = [librariesApart(GUARD_LIBRARIES, './guard-libraries.js'), librariesApart(GUARD_GLOB, './guard-glob.js')];

/** Every bundle the build writes, as esbuild options; the test of the walls builds with them too. */
export const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    // The extension host provides `vscode`.
    external: ['vscode', './core.js', './editor-policy.js'],
    plugins: [editorPolicyApart, lazyCore, vegaWithoutCanvas, vegaApart, shellParserApart, subtagIndexesCompact, gettextWithoutIconv],
    // Stamped before any bundled module runs, so activation time includes loading the code.
    banner: { js: 'globalThis.__pmZoneLoadStart = performance.now();' },
  },
  { ...common, plugins: [noVscode, ...common.plugins], stdin: lazyCoreEntry(), outfile: 'dist/core.js' },
  // The editor's first badges: the policy and git's user.email, without dist/core.js. The markdown parser comes from
  // dist/review-libraries.js, required only when the policy is parsed (a policy file changed since the cache was written).
  { ...common, plugins: [noVscode, librariesApart(REVIEW_LIBRARIES, './review-libraries.js'), ...guardLibrariesApart, ...common.plugins], entryPoints: ['src/core/editorPolicy.ts'], outfile: 'dist/editor-policy.js' },
  { ...common, plugins: [noVscode, vegaWithoutCanvas], entryPoints: ['src/core/audit/vegaBundle.ts'], outfile: 'dist/vega.js' },
  // The GitHub Action runs from its release tree with no npm install: action.yml, this file and dist/core.js beside it.
  { ...common, plugins: [noVscode, sharedCore, actionsWithoutOidc, ...common.plugins], entryPoints: ['src/action/main.ts'], outfile: 'dist/action.js', external: ['./core.js'] },
  { ...common, plugins: [noVscode, cliBundlesApart], entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Every command but those of dist/zone.js, required by dist/cli.js.
  {
    ...common,
    entryPoints: ['src/cli/run.ts'],
    outfile: 'dist/run.js',
    external: ['./core.js'],
    plugins: [noVscode, sharedCore, vegaWithoutCanvas, vegaApart, shellParserApart, subtagIndexesCompact, gettextWithoutIconv],
  },
  // `whoami` and `explain`, which dist/cli.js runs from here: the core's modules they need bundled in, so dist/core.js is not loaded. The markdown
  // parser comes from dist/review-libraries.js, required only when a policy file changed since the last run (half of this bundle, parsed at every start).
  { ...common, plugins: [noVscode, builtinNamespaces(['path', 'os']), librariesApart(REVIEW_LIBRARIES, './review-libraries.js'), ...guardLibrariesApart, ...common.plugins], entryPoints: ['src/cli/zoneCommands.ts'], outfile: 'dist/zone.js' },
  // `review`, which dist/cli.js runs from here: the core's modules a review reaches bundled in, so dist/core.js and dist/run.js are not loaded.
  { ...common, plugins: [noVscode, builtinNamespaces(['path', 'os']), librariesApart(REVIEW_LIBRARIES, './review-libraries.js'), ...guardLibrariesApart, ...common.plugins], entryPoints: ['src/cli/reviewCommand.ts'], outfile: 'dist/review.js' },
  // The libraries of dist/review.js that only some changes need, required on their first use.
  { ...common, plugins: [noVscode, ...common.plugins], stdin: librariesEntry(REVIEW_LIBRARIES), outfile: 'dist/review-libraries.js' },
  // `check-config`, which dist/cli.js runs from here: as dist/zone.js. The YAML parser a skill file's front matter needs and the markdown
  // parser come from dist/review-libraries.js, required only when the skill file or a policy file changed since the last run.
  { ...common, plugins: [noVscode, builtinNamespaces(['path', 'os']), librariesApart(REVIEW_LIBRARIES, './review-libraries.js'), ...guardLibrariesApart, ...common.plugins], entryPoints: ['src/cli/configCommands.ts'], outfile: 'dist/config.js' },
  // What the coding agents' hooks run on every tool call: the light part of the core, dist/core.js only on a cache miss.
  { ...common, plugins: [noVscode, builtinNamespaces(['path', 'os']), librariesApart(GUARD_LIBRARIES, './guard-libraries.js', { signed: true }), librariesApart(GUARD_GLOB, './guard-glob.js', { signed: true }), ...common.plugins], entryPoints: ['src/cli/guardProgram.ts'], outfile: 'dist/guard.js', external: ['./core.js'] },
  // The TOML and JSONC parsers of dist/guard.js, which refresh a PM's Codex profile and edit agent settings, required (its hash checked first) on their first use.
  { ...common, plugins: [noVscode, ...common.plugins], stdin: librariesEntry(GUARD_LIBRARIES), outfile: 'dist/guard-libraries.js' },
  // minimatch and its glob and brace helpers for dist/guard.js, required (its hash checked first) by the first glob that is not plain.
  { ...common, plugins: [noVscode, ...common.plugins], stdin: librariesEntry(GUARD_GLOB), outfile: 'dist/guard-glob.js' },
  // The bash grammar the guard reads shell commands with, required by dist/guard.js and dist/core.js on the first one.
  { ...common, plugins: [noVscode], entryPoints: ['src/core/agents/shellParser.ts'], outfile: 'dist/shell-parser.js' },
];

/** The WebAssembly dist/shell-parser.js loads, copied beside it from the packages that ship it. */
const SHELL_PARSER_WASM = ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm'];

function copyShellParserWasm() {
  const require = createRequire(import.meta.url);
  mkdirSync('dist', { recursive: true });
  for (const file of SHELL_PARSER_WASM) copyFileSync(require.resolve(file), `dist/${file.slice(file.indexOf('/') + 1)}`);
}

/**
 * Libraries the extension may only reach through the lazily loaded core: if
 * one of them lands in dist/extension.js, activation pays for it again.
 */
const LAZY_ONLY = /node_modules\/(yaml|unified|remark-[\w-]+|micromark[\w-]*|mdast-[\w-]+|minimatch|diff|@octokit\/[\w-]+)\//;

function checkExtensionStaysLight(metafile) {
  const heavy = Object.keys(metafile.outputs['dist/extension.js']?.inputs ?? {}).filter((input) => LAZY_ONLY.test(input));
  if (heavy.length === 0) return;
  const importers = Object.entries(metafile.inputs)
    .filter(([, input]) => input.imports.some((imported) => LAZY_ONLY.test(imported.path) && imported.kind !== 'dynamic-import'))
    .map(([path]) => path)
    .filter((path) => !LAZY_ONLY.test(path));
  throw new Error(`dist/extension.js bundles ${[...new Set(heavy.map((input) => LAZY_ONLY.exec(input)[1]))].join(', ')}: reach the core through await import('…/core/<domain>/index.js') instead (imported by ${importers.join(', ') || 'a core module imported statically'})`);
}

/**
 * The core modules the extension bundles a copy of, on purpose: small,
 * stateless, needed synchronously while the explorer paints its first
 * badges, before the lazily loaded core is there. Each holds functions,
 * constants and classes nothing compares with instanceof, which would differ
 * between the copies (GitError is also recognised by name). Anything else of
 * the core is reached through await import('…/core/<domain>/index.js').
 */
const EAGER_CORE = new Set([
  'src/core/agents/configPaths.ts',
  'src/core/defaults.ts',
  'src/core/git/binaryText.ts',
  'src/core/git/folders.ts',
  'src/core/git/gitError.ts',
  'src/core/git/regularFile.ts',
  'src/core/git/textContent.ts',
  'src/core/latestRun.ts',
  'src/core/planning/noFlag.ts',
  'src/core/planning/planningPlace.ts',
  'src/core/planning/tiers.ts',
  'src/core/policy/repoPath.ts',
  'src/core/pr/draftLocation.ts',
  'src/core/repository/describe.ts',
  'src/core/repository/linkedPath.ts',
]);

function checkEagerCoreIsChosen(metafile) {
  const copied = Object.keys(metafile.outputs['dist/extension.js']?.inputs ?? {}).filter((input) => input.startsWith('src/core/') && !EAGER_CORE.has(input));
  if (copied.length > 0) throw new Error(`dist/extension.js bundles a copy of ${copied.slice(0, 5).join(', ')}: reach it through await import('…/core/<domain>/index.js'), or add it to EAGER_CORE in scripts/build.mjs if activation needs it synchronously`);
}

/**
 * The core modules the command line and the Action bundle a copy of, imported
 * by file: the names and constants their command table's help texts are
 * made of (the defaults, the tiers, the agents, the statement a PM ticks) and
 * the escaping of what they print. Each holds constants and small functions
 * only, with no import outside this list. A help text that named a domain's
 * constant would run that domain's modules on every command, a review's
 * locale tables for a `whoami`.
 */
const COPIED_CORE = new Set([
  'src/core/agents/configPaths.ts',
  'src/core/agents/model.ts',
  'src/core/agents/zoneToolDefinition.ts',
  'src/core/defaults.ts',
  'src/core/digest.ts',
  'src/core/git/certificatesAside.ts',
  'src/core/git/checkedState.ts',
  'src/core/git/fileStates.ts',
  'src/core/git/regularFile.ts',
  'src/core/git/reviewVerdict.ts',
  'src/core/planning/tiers.ts',
  'src/core/pr/compose/understood.ts',
  'src/core/text/terminal.ts',
]);

/** The command line and the Action reach the core only through dist/core.js (but COPIED_CORE): a second copy would double the package. */
function checkSharesCore(metafile, outfile, from) {
  const copied = Object.keys(metafile.outputs[outfile]?.inputs ?? {}).filter((input) => (input.startsWith('src/core/') && !COPIED_CORE.has(input)) || LAZY_ONLY.test(input));
  if (copied.length > 0) throw new Error(`${outfile} bundles ${copied.slice(0, 5).join(', ')}: import the core by domain (…/core/<domain>) from ${from}`);
}

/** dist/cli.js, which every command loads first, holds src/cli/main.ts and the few files it reads the command with, no command's code. */
const LAUNCHER_INPUTS = new Set(['src/cli/main.ts', 'src/cli/bundleCodeCache.ts', 'src/core/digest.ts', 'src/core/git/checkedState.ts', 'src/core/git/fileStates.ts', 'src/core/git/regularFile.ts', 'src/cli/leadingGlobals.ts', 'src/cli/standardOutput.ts', 'src/cli/timeLimit.ts', 'src/cli/version.ts', 'src/core/git/reviewVerdict.ts', 'src/core/git/certificatesAside.ts', 'package.json']);

function checkLauncherStaysSmall(metafile) {
  const extra = Object.keys(metafile.outputs['dist/cli.js']?.inputs ?? {}).filter((input) => !LAUNCHER_INPUTS.has(input));
  if (extra.length > 0) throw new Error(`dist/cli.js bundles ${extra.slice(0, 5).join(', ')}: every command loads it first; require a command's code from src/cli/run.ts or src/cli/zoneCommands.ts instead`);
}

/** Only dist/shell-parser.js carries the bash grammar's runtime: a copy elsewhere would load it for every tool call, or twice. */
function checkShellParserApart(metafile, outfile) {
  if (Object.keys(metafile.outputs[outfile]?.inputs ?? {}).some((input) => /node_modules\/web-tree-sitter\//.test(input))) {
    throw new Error(`${outfile} bundles web-tree-sitter: require('./shellParser') only, which the build points at dist/shell-parser.js`);
  }
}

/** Libraries dist/guard.js must not carry: the markdown and YAML parsers, diffs, the GitHub client, the TOML and JSONC parsers and minimatch (files apart). */
const GUARD_EXCLUDES = /node_modules\/(yaml|toml-eslint-parser|smol-toml|jsonc-parser|minimatch|brace-expansion|@isaacs\/nonrecursive-glob-match|unified|remark-[\w-]+|micromark[\w-]*|mdast-[\w-]+|diff|@octokit\/[\w-]+|vega[\w-]*)\//;

function checkGuardStaysLight(metafile) {
  const heavy = Object.keys(metafile.outputs['dist/guard.js']?.inputs ?? {}).filter((input) => GUARD_EXCLUDES.test(input));
  if (heavy.length > 0) throw new Error(`dist/guard.js bundles ${[...new Set(heavy.map((input) => GUARD_EXCLUDES.exec(input)[1]))].join(', ')}: a hook runs it on every tool call; import the core's modules by file, and reach parsers through require('./core.js')`);
}

/**
 * What dist/zone.js must not carry: the libraries of the review, the pull
 * request and the audit (YAML, diffs, the GitHub client, the charts, the
 * shell grammar), and the core's domains that hold them. It is the light
 * path of `whoami` and `explain`: anything of these would be loaded on every
 * call for nothing.
 */
const ZONE_EXCLUDES = /node_modules\/(yaml|diff|@octokit\/[\w-]+|vega[\w-]*|web-tree-sitter|js-tokens|prismjs|gettext-parser)\/|^src\/core\/(review|pr|audit|ci|controls|init|planning)\//;

function checkZoneStaysLight(metafile) {
  const heavy = Object.keys(metafile.outputs['dist/zone.js']?.inputs ?? {}).filter((input) => ZONE_EXCLUDES.test(input.replace(/^(?:\.\.\/)*(?:[^/]+\/)*?(?=node_modules\/)/, '')) && !ZONE_ALLOWED.has(input));
  if (heavy.length > 0) throw new Error(`dist/zone.js bundles ${heavy.slice(0, 5).join(', ')}: whoami and explain load it on every call; import what they need by file, or move the light part of a module to one of its own`);
}

/** Modules of the heavy domains dist/zone.js may carry: names and small functions the policy reads, with no import of their domain's libraries. */
const ZONE_ALLOWED = new Set(['src/core/review/checks/flagFileKinds.ts']);

/** What dist/review.js must not carry: the GitHub client, the charts, the shell grammar, none of which a review runs. */
const REVIEW_EXCLUDES = /node_modules\/(@octokit\/[\w-]+|vega[\w-]*|web-tree-sitter)\/|^src\/core\/(audit|controls)\//;

function checkReviewStaysLight(metafile) {
  const heavy = Object.keys(metafile.outputs['dist/review.js']?.inputs ?? {}).filter((input) => REVIEW_EXCLUDES.test(input.replace(/^(?:\.\.\/)*(?:[^/]+\/)*?(?=node_modules\/)/, '')));
  if (heavy.length > 0) throw new Error(`dist/review.js bundles ${heavy.slice(0, 5).join(', ')}: every review loads it; import what the review needs by file`);
}

/**
 * What dist/config.js must not carry: as dist/zone.js, but for the YAML
 * parser and the skill file's reader with the checks' names, which
 * check-config reads the skill file with. The review's checks (the
 * registry) would be loaded on every call for nothing.
 */
const CONFIG_EXCLUDES = /node_modules\/(diff|@octokit\/[\w-]+|vega[\w-]*|web-tree-sitter|js-tokens|prismjs|gettext-parser)\/|^src\/core\/(review|pr|audit|ci|controls|init|planning)\//;
const CONFIG_ALLOWED = new Set([...ZONE_ALLOWED, 'src/core/review/checkIds.ts', 'src/core/review/checklist/readSkillFile.ts']);

function checkConfigStaysLight(metafile) {
  const heavy = Object.keys(metafile.outputs['dist/config.js']?.inputs ?? {}).filter((input) => CONFIG_EXCLUDES.test(input.replace(/^(?:\.\.\/)*(?:[^/]+\/)*?(?=node_modules\/)/, '')) && !CONFIG_ALLOWED.has(input));
  if (heavy.length > 0) throw new Error(`dist/config.js bundles ${heavy.slice(0, 5).join(', ')}: check-config loads it on every call; import what it needs by file, or move the light part of a module to one of its own`);
}

/** The bundles that read the zone, which require the guard's files apart (guardLibrariesApart) rather than carry a copy of them. */
export const GUARD_FILES_READERS = ['dist/zone.js', 'dist/config.js', 'dist/review.js', 'dist/editor-policy.js'];
const GUARD_FILES_APART = new RegExp(`node_modules/(${[...GUARD_LIBRARIES, ...GUARD_GLOB, 'brace-expansion', 'balanced-match', '@isaacs/nonrecursive-glob-match', 'eslint-visitor-keys'].map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})/`);

/** The inputs of `outfile` that belong in dist/guard-glob.js or dist/guard-libraries.js: none, for the bundles that read the zone. */
export function guardFilesCopied(metafile, outfile) {
  return Object.keys(metafile.outputs[outfile]?.inputs ?? {}).filter((input) => GUARD_FILES_APART.test(input));
}

function checkGuardFilesApart(metafile, outfile) {
  const copied = guardFilesCopied(metafile, outfile);
  if (copied.length > 0) throw new Error(`${outfile} bundles ${copied.slice(0, 5).join(', ')}: add guardLibrariesApart to its plugins, so that minimatch and the settings parsers are required from their files apart when needed`);
}

/**
 * A release's bundles are ASCII. A source with one character past ASCII is a two-byte string to V8: twice the memory
 * to decode it into and to compile from, in pages each command touches for the first time (0.5 MB more for
 * dist/review.js). esbuild escapes such characters in strings and names, not in a regular expression's literal (nor
 * in comments, which only a release leaves out): write `\u2019` there, not the character.
 */
export function checkReleaseIsAscii(folder = 'dist') {
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.js'))) {
    const bytes = readFileSync(path.join(folder, name));
    const at = bytes.findIndex((byte) => byte > 0x7f);
    if (at >= 0) throw new Error(`${path.basename(folder)}/${name} holds a character past ASCII at byte ${at} (${JSON.stringify(bytes.subarray(Math.max(0, at - 40), at + 8).toString('utf8'))}): escape it in its source (\\uXXXX), as esbuild does not in a regular expression's literal`);
  }
}

/** dist/identity.json: the name, version and hash of every bundle, signed (scripts/identity.mjs). */
function stampIdentity() {
  const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
  const bundles = [...builds.map((options) => options.outfile.replace(/^dist\//, '')), ...SHELL_PARSER_WASM.map((file) => file.slice(file.indexOf('/') + 1))];
  if (bundles.every((file) => existsSync(`dist/${file}`))) writeIdentity('dist', bundles, { name, version }, signer);
}

async function main() {
  if (clean) rmSync('dist', { recursive: true, force: true });
  copyShellParserWasm();
  if (watch) {
    const stamp = { name: 'stamp-identity', setup: (build) => build.onEnd(stampIdentity) };
    for (const options of builds) {
      const context = await esbuild.context({ ...options, plugins: [...options.plugins, stamp] });
      await context.watch();
    }
    console.log('[watch] bundling on change');
    return;
  }
  try {
    coreExports = await domainExports();
    const results = await Promise.all(builds.map((options) => esbuild.build({ ...options, metafile: options.outfile !== 'dist/core.js' })));
    const metafileOf = (outfile) => results[builds.findIndex((options) => options.outfile === outfile)].metafile;
    checkExtensionStaysLight(metafileOf('dist/extension.js'));
    checkEagerCoreIsChosen(metafileOf('dist/extension.js'));
    checkSharesCore(metafileOf('dist/cli.js'), 'dist/cli.js', 'src/cli');
    checkSharesCore(metafileOf('dist/run.js'), 'dist/run.js', 'src/cli');
    checkLauncherStaysSmall(metafileOf('dist/cli.js'));
    checkSharesCore(metafileOf('dist/action.js'), 'dist/action.js', 'src/action');
    checkGuardStaysLight(metafileOf('dist/guard.js'));
    checkZoneStaysLight(metafileOf('dist/zone.js'));
    checkReviewStaysLight(metafileOf('dist/review.js'));
    checkConfigStaysLight(metafileOf('dist/config.js'));
    for (const outfile of GUARD_FILES_READERS) checkGuardFilesApart(metafileOf(outfile), outfile);
    for (const outfile of ['dist/guard.js', 'dist/cli.js', 'dist/run.js', 'dist/zone.js', 'dist/review.js', 'dist/config.js', 'dist/extension.js']) checkShellParserApart(metafileOf(outfile), outfile);
    if (production) checkReleaseIsAscii();
    stampIdentity();
  } catch (error) {
    console.error(`build failed: ${error.message}`);
    process.exit(1);
  }
}

// Run as a program, not when the test of the walls imports the bundles' options.
if (process.argv[1] && realpathSync(process.argv[1]) === import.meta.filename) void main();
