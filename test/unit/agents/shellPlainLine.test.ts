import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { loadBashParser, type BashParser } from '../../../src/core/agents/shellParser';
import { plainLineTree, readPlain } from '../../../src/core/agents/shellPlainLine';
import { readLine, shellWrites } from '../../../src/core/agents/shellWrites';
import { cpuBound } from '../helpers/cpuBound';

// A plain command line is read without bash's grammar: the tree built for it
// must be the grammar's, node for node, and what the guard makes of it the
// same. Every line either is declined (and goes to the grammar) or gives
// the grammar's tree.

interface Fielded {
  type: string;
  isNamed: boolean;
  startIndex: number;
  endIndex: number;
  text: string;
  hasError: boolean;
  children: Fielded[];
  fieldNameForChild(index: number): string | null;
}

/** Every node, with its field in its parent, as one text. */
function serialised(node: Fielded, field: string | null = null): unknown {
  return {
    type: node.type, isNamed: node.isNamed, start: node.startIndex, end: node.endIndex, text: node.text, hasError: node.hasError, field,
    children: node.children.map((child, index) => serialised(child, node.fieldNameForChild(index))),
  };
}

/** Lines agents run. */
const CORPUS = [
  'git status', 'git status --short', 'git diff', 'git diff --stat HEAD~1', 'git diff --cached -- src/a.ts', 'git log --oneline -10', 'git log -1 --format=%H',
  'git add src/features/checkout/i18n/en.json && git commit -m "Checkout: clearer pay button copy"',
  "git add -A && git commit -m 'Fix the build'", 'git add . && git commit -m "wip" && git push origin HEAD',
  'git commit -am "Update README.md, docs (typos)"', 'git checkout -b feature/x', 'git checkout main', 'git switch -c fix/a-b',
  'git restore src/auth/session.ts', 'git rm --cached secrets.env', 'git mv a.md docs/b.md', 'git stash && git pull --rebase && git stash pop',
  'git branch -D old', 'git reset --hard HEAD', 'git show HEAD:src/a.ts', 'git config user.email', 'git push -u origin feature/x',
  'npm test', 'npm run build', 'npm run lint -- --fix', 'npm install --save-dev typescript', 'npm ci', 'npx tsc --noEmit', 'npx prettier --write src/a.ts',
  'pnpm test', 'pnpm run build && pnpm test', 'pnpm exec eslint --fix src', 'yarn test', 'yarn run lint', 'yarn add -D vitest', 'bun test',
  'ls', 'ls -la', 'ls -la src/auth', 'cat package.json', 'cat src/a.ts | head -50', 'wc -l src/a.ts', 'head -20 README.md', 'tail -n 5 log.txt',
  'rm -rf dist', 'rm src/auth/session.ts', 'rm -f CLAUDE.md', 'mv a.ts b.ts', 'mv src/a.ts src/auth/', 'cp a.ts b.ts', 'cp -r src dist', 'mkdir -p src/new',
  'touch src/auth/x.ts', 'chmod +x run.sh', 'ln -s a b', 'pytest', 'pytest -x tests/test_a.py', 'python -m pytest -q', 'python3 manage.py test',
  'go test ./...', 'go build ./cmd/app', 'go vet ./... && go test -race ./...', 'cargo test', 'cargo build --release', 'cargo fmt', 'cargo clippy -- -D warnings',
  'make', 'make test', 'make -j4 all', 'tsc -p . ; echo done', 'grep -rn TODO src', 'grep -rn "TODO: fix" src | wc -l', "sed -i 's/a/b/' src/a.ts",
  'sed -i "s/foo/bar/g" src/auth/a.ts', 'tee out.txt', 'echo hello | tee -a notes.md', 'sh -c "rm CLAUDE.md"', "bash -c 'git add . && git commit -m x'",
  'sudo rm -rf /etc/x', 'env FOO=1 node app.js', 'node scripts/build.mjs --production', 'docker compose up -d', 'kubectl apply -f k8s/deploy.yaml',
  'find . -name node_modules -prune', 'xargs rm', 'curl -o out.json https://example.com/a.json', 'wget https://example.com/x.tar.gz', 'tar -xzf x.tar.gz',
  'git commit -m "feat(auth): add login, logout; and session refresh"', 'git commit -m "Fix: it\'s done"', 'echo "a" "" \'\' b', 'pwd', 'true || false',
  'cd src && ls', 'cd src/auth && rm session.ts', 'cd .. ; rm -rf build', 'pushd src && popd', 'echo 42 -5 0x10 -0x1f', 'sort -u a.txt | uniq -c | sort -rn',
  'git log --author=alice@acme.test --since=2024-01-01', 'npm version patch -m "Release %s"', 'git tag -a v1.2.3 -m "Version 1.2.3"', 'ruff check --fix .',
  'black src', 'eslint --fix src/a.ts', 'rubocop -a', 'bundle exec rspec', 'mvn test', './gradlew build', 'php artisan test', 'dotnet test',
  // The message agents give git commit, as a here-document.
  "git add src/features/checkout/i18n/en.json && git commit -m \"$(cat <<'EOF'\nCheckout: clearer pay button copy\nEOF\n)\"",
  "git commit -m \"$(cat <<'EOF'\nAdd the login form\n\nValidates the e-mail; shows \"Sign in\" (was `Login`), costs $0.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\nEOF\n)\" && git push",
  "git commit -m \"$(cat <<'EOF'\nfix\n  EOF \nEOF\n)\"", "git commit -m \"$(cat <<'EOF'\n\tfix\nEOF\n)\"", "git commit -F - <<'EOF'\nfix\nEOF",
  '  git status  ', 'git\tstatus', 'a;b', 'a&&b', 'a||b|c', 'echo é "café — ok" \'ü\'', 'git commit -m "emoji 🎉 done"',
];

// The generator: parts inside the plain form and just outside it.
const WORDS = ['git', 'add', 'commit', '-m', 'ls', 'rm', '-rf', 'src/a.ts', 'a', 'x', '.', '..', '-', '--', '--output=x', 'a=b', '=', '==', '=x', 'x=', '=~', '-1', '42', '0x1f', '0x', '1.5', '-0x1', 'v1.2',
  '12:30', '@x', '%1', '+x', ',', ':', '_', '-a', '-o', '-eq', '-f', '-n', '-z', 'in', 'do', 'done', 'if', 'then', 'fi', 'for', 'while', 'until', 'case', 'esac', 'function', 'select', 'elif', 'else',
  'export', 'declare', 'local', 'readonly', 'typeset', 'unset', 'unsetenv', 'time', 'coproc', 'eval', 'exec', 'sudo', 'env', 'sh', 'bash', 'cd', 'echo', 'test', '[', ']', '[[', ']]', '{', '}', '!',
  '((', '))', 'a#b', '#', '#x', '~', '~/x', 'a~', '*', 'a*', '?', '[ab]', '{a,b}', 'x{', '}x', '$x', '${x}', '$(ls)', '`ls`', 'a\\ b', '\\', 'a$', '$', '1#a', '2>', '>', '>>', '<', '<<', '<<<', '&>',
  '(', ')', 'k', 'u', 'A', 'E', 'Q', 'U', 'a,b', 'a:b', 'a.b.c', 'é', '0', '00', '-0', '1e5', '9', '-9x'];
/** Command names and words in the plain form. */
const NAMES = ['git', 'npm', 'ls', 'rm', 'a', 'x1', './run.sh', '.', '..', 'v1.2', 'a-b', '_x', 'cd', 'sh', 'eval', 'sudo', 'env', 'time', 'test', 'python3'];
const PLAIN_WORDS = ['add', 'commit', '-m', '-rf', 'src/a.ts', 'a', 'x', '.', '..', '-', '--', '--output=x', 'a=b', 'x=', '-1', '42', '0x1f', '0x', '1.5', '-0x1', 'v1.2', '12:30', '@x', '%1', '+x', ',', ':', '_', 'é'];
const OPERATORS = ['&&', '||', ';', '|', '&', '|&', ';;', ';&', '&&&', '||', '|', '&&', ';', '\n', '\r\n'];
const BLANKS = [' ', ' ', ' ', '\t', '  ', '', '\v', '\\\n'];
const INNER = 'abc XYZ 019 -_./:@%+,=#~*?[]{}()<>;|&\'\t'.split('').concat(['$', '`', '\\', '"', '!', '\n', '\r', 'é', '—', '🎉', '\x00', '\x7f', '\x01']);

/** A commit message's lines, and lines that end it or leave the form. */
const MESSAGE_LINES = ['Fix the build', '', '  indented', '\tTabbed', 'Costs $5, `x` and \\n', 'a "quoted" (word)', ')"', ')', '"', "'", '🤖 Generated with [Claude Code](https://claude.com/claude-code)',
  'Co-Authored-By: Claude <noreply@anthropic.com>', '# not a comment', 'EOF', ' EOF', 'EOF ', '\tEOF', 'EOFX', 'xEOF', 'END', 'a\rb', '\r', '$(rm x)', 'é — ü'];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed: number): () => string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const chance = (p: number) => next() < p;
  const inner = (outside: number) => {
    let text = '';
    const length = Math.floor(next() * 8);
    for (let i = 0; i < length; i++) text += chance(outside) ? pick(INNER) : pick(['a', 'b', ' ', 'x y', ':', ',', '(', ')', ';', '|', '#', '*', "'", 'é', '\t', '-']);
    return text;
  };
  const message = (outside: number) => {
    const delimiter = chance(outside) ? pick(['EOF', 'END', 'E_1', '1E', 'E-F', "'EOF'", '"EOF"', 'EOF\'x\'']) : pick(['EOF', 'EOF', 'END']);
    const opening = chance(outside) ? pick([`cat <<"${delimiter}"`, `cat << '${delimiter}'`, `cat <<-'${delimiter}'`, `cat <<${delimiter}`, `cat  <<'${delimiter}'`, `tee <<'${delimiter}'`]) : `cat <<'${delimiter}'`;
    const lines = Array.from({ length: Math.floor(next() * 5) + (chance(outside) ? 0 : 1) }, () => (chance(outside) ? pick(MESSAGE_LINES) : pick(MESSAGE_LINES.slice(0, 12))));
    const closing = chance(outside) ? pick([`${delimiter})"`, `${delimiter}\n )"`, `${delimiter}\n)`, `${delimiter}\n) "`, ` ${delimiter}\n)"`, `${delimiter} \n)"`]) : `${delimiter}\n)"`;
    return `"$(${opening}\n${lines.map((one) => `${one}\n`).join('')}${closing}`;
  };
  const part = (outside: number, first: boolean): string => {
    const roll = next();
    if (!first && roll < 0.04) return message(outside);
    if (first && roll < 0.8) return chance(outside) ? pick(WORDS) : pick(NAMES);
    if (roll < 0.55) return chance(outside) ? pick(WORDS) : pick(PLAIN_WORDS);
    if (roll < 0.75) return `"${inner(outside)}"`;
    if (roll < 0.97 || !chance(outside * 2)) return `'${inner(outside).replace(/'/g, chance(outside) ? "'" : '')}'`;
    // A word and a quoted text side by side.
    return part(outside, first) + part(outside, false);
  };
  return () => {
    const outside = pick([0, 0, 0, 0.01, 0.02, 0.05, 0.2, 0.5]);
    const blank = () => (chance(outside) ? pick(BLANKS) : ' ');
    let line = chance(outside) ? pick(BLANKS) : '';
    const commands = 1 + Math.floor(next() * 4);
    for (let c = 0; c < commands; c++) {
      if (c > 0) line += `${blank()}${chance(outside) ? pick(OPERATORS) : pick(['&&', '||', ';', '|'])}${blank()}`;
      const words = 1 + Math.floor(next() * 5);
      for (let w = 0; w < words; w++) line += (w > 0 ? blank() : '') + part(outside, w === 0);
    }
    if (chance(outside)) line += pick([...OPERATORS, ...BLANKS]);
    return line;
  };
}

describe('a plain shell line, read without the grammar', function () {
  // 100,000 generated lines parsed twice: bound by the CPU it gets.
  this.timeout(cpuBound(120_000));
  let grammar: BashParser;
  const treeOf = (line: string) => grammar.read(line, (root) => serialised(root as unknown as Fielded));

  before(async () => {
    grammar = await loadBashParser();
  });

  it("gives the grammar's tree, node for node, for every line of agents' it reads", () => {
    let accepted = 0;
    for (const line of CORPUS) {
      const plain = plainLineTree(line);
      if (!plain) continue;
      accepted++;
      assert.deepEqual(serialised(plain as unknown as Fielded), treeOf(line), line);
    }
    // Nearly all of them are plain.
    assert.ok(accepted >= CORPUS.length - 10, `${accepted} of ${CORPUS.length}`);
  });

  it("gives the grammar's tree for 100,000 generated lines, in the plain form and just outside it, or declines", () => {
    const line = generator(20261126);
    let accepted = 0;
    let messages = 0;
    const total = 100_000;
    for (let n = 0; n < total; n++) {
      const text = line();
      const plain = plainLineTree(text);
      if (!plain) continue;
      accepted++;
      if (text.includes('$(cat <<')) messages++;
      assert.deepEqual(serialised(plain as unknown as Fielded), treeOf(text), JSON.stringify(text));
    }
    console.log(`      ${accepted} of ${total} generated lines read without the grammar, ${messages} with a here-document message`);
    assert.ok(accepted > total / 5 && accepted < total * 0.9, `${accepted} accepted`);
  });

  it('gives what the guard makes of a line the same with and without the grammar', async () => {
    const generated = generator(7);
    for (const line of [...CORPUS, ...Array.from({ length: 5_000 }, generated)]) {
      const plain = readPlain((parser) => readLine(line, parser));
      if (plain === undefined) continue;
      assert.deepEqual(plain, readLine(line, grammar), line);
      assert.deepEqual(await shellWrites(line), plain, line);
    }
  });

  it("reads a commit's message given as a here-document without the grammar, and only where the grammar reads the same", () => {
    const message = "git commit -m \"$(cat <<'EOF'\nCheckout: clearer pay button copy\nEOF\n)\"";
    assert.ok(plainLineTree(message));
    assert.ok(plainLineTree(`${message} && git push`));
    // A line that starts with the delimiter after blanks ends the grammar's here-document, not bash's; a first line that starts with a blank loses it in the grammar's.
    for (const declined of [message.replace('clearer', 'EOF'), message.replace('Checkout', '  Checkout'), message.replace('Checkout', '\nCheckout'), message.replace('\nEOF\n)', 'EOF\n)'), message.replace("<<'EOF'", '<<EOF'), message.replace('\n)"', ')"')]) {
      assert.equal(plainLineTree(declined), undefined, declined);
    }
  });

  it('does not load the grammar for a plain line, and still does for another', () => {
    const loads = (line: string) => execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', `
      const { shellWrites } = require(${JSON.stringify(path.resolve('src/core/agents/shellWrites.ts'))});
      shellWrites(${JSON.stringify(line)}).then((targets) => {
        const loaded = Object.keys(require.cache).filter((file) => /shellParser|web-tree-sitter/.test(file));
        console.log(JSON.stringify({ targets, loaded: loaded.length > 0 }));
      });`], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(loads('git add a.ts && git rm -f CLAUDE.md')), { targets: [{ path: 'CLAUDE.md', effect: 'delete' }], loaded: false });
    assert.deepEqual(JSON.parse(loads('git add a.ts && rm $(cat list)')).loaded, true);
    assert.deepEqual(JSON.parse(loads('sh -c "rm x; echo $HOME"')).loaded, true);
  });
});
