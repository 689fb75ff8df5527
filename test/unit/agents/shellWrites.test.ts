import * as assert from 'node:assert/strict';
import { patchPaths, shellWrites, toolWrites } from '../../../src/core/agents';

// What a shell command writes, read without running it; a file only the
// shell knows is unnamed rather than guessed or left out.
const writes = (command: string) => shellWrites(command).map((t) => `${t.effect} ${t.path}${t.glob ? ' (glob)' : ''}${t.sources ? ` <- ${t.sources.join(',')}` : ''}${t.patch ? ' (patch)' : ''}${t.setting ? ` (${t.setting})` : ''}${t.top ? ` (top ${t.top})` : ''}${t.anyCase ? ' (any case)' : ''}${t.unnamed === undefined ? '' : ` (unnamed: ${t.unnamed})`}${t.changesOf ? ` (changes of ${t.changesOf.join(' ')})` : ''}`);

describe('the files a shell command writes', () => {
  const cases: [string, string[]][] = [
    ['echo hi > src/auth/x.ts', ['write src/auth/x.ts']],
    ['printf x >>notes.md; echo done 2>&1', ['write notes.md']],
    ['cmd &> out.log', ['write out.log']],
    ['echo x 1> a.txt 2> err.txt', ['write a.txt', 'write err.txt']],
    ['cat < input.txt', []],
    ['npm test 2>&1 | tee -a build.log', ['write build.log']],
    ['sed -i "s/a/b/" src/auth/a.ts src/b.ts', ['write src/auth/a.ts', 'write src/b.ts']],
    ["sed -i.bak -e 's/x/y/' -e 's/p/q/' f.txt", ['write f.txt']],
    ["sed 's/a/b/' f.txt", []],
    ["perl -pi -e 's/a/b/' src/auth/a.ts", ['write src/auth/a.ts']],
    ['cp a.ts b.ts src/auth/', ['write src/auth/ <- a.ts,b.ts']],
    ['cp -t src/auth a.ts', ['write src/auth/ <- a.ts']],
    ['cp -tsrc/auth a.ts', ['write src/auth/ <- a.ts']],
    ['cp -rt src/auth a.ts', ['write src/auth/ <- a.ts']],
    ['cp --target=src/auth a.ts', ['write src/auth/ <- a.ts']],
    ['cp --target-directory src/auth a.ts', ['write src/auth/ <- a.ts']],
    ["sed -Ei 's/a/b/' CLAUDE.md", ['write CLAUDE.md']],
    ["sed -ri -e 's/a/b/' CLAUDE.md", ['write CLAUDE.md']],
    ["sed --in 's/a/b/' CLAUDE.md", ['write CLAUDE.md']],
    ["sed -E -i 's/a/b/' f.txt", ['write f.txt']],
    ["bash -lc 'echo x > CLAUDE.md'", ['write CLAUDE.md']],
    ["sh -ec 'echo x > CLAUDE.md'", ['write CLAUDE.md']],
    ["bash -o pipefail -c 'echo x > CLAUDE.md'", ['write CLAUDE.md']],
    ['nice -n 5 cp README.md CLAUDE.md', ['write CLAUDE.md <- README.md']],
    ['env -u X cp README.md CLAUDE.md', ['write CLAUDE.md <- README.md']],
    ['timeout 5 cp README.md CLAUDE.md', ['write CLAUDE.md <- README.md']],
    ['exec -a name tee CLAUDE.md', ['write CLAUDE.md']],
    ['command tee CLAUDE.md', ['write CLAUDE.md']],
    ['time -p tee CLAUDE.md', ['write CLAUDE.md']],
    ['cd -P src && echo x > auth/y.ts', ['write src/auth/y.ts']],
    ['cd ~+/src/auth && echo x > login.ts', ['write src/auth/login.ts']],
    ['cd ~/repo && echo x > CLAUDE.md', ['write ~/repo/CLAUDE.md']],
    ['cd - && echo x > CLAUDE.md', ['write $(cd -)/CLAUDE.md (unnamed: $(cd -)/CLAUDE.md)']],
    ["eval 'echo x > CLAUDE.md'", ['write CLAUDE.md']],
    ['eval "$CMD"', ['write  (unnamed: what `eval $CMD` runs)']],
    ['mv src/auth/a.ts tmp/a.ts', ['write tmp/a.ts <- src/auth/a.ts', 'delete src/auth/a.ts']],
    ['cp stage/CLAUDE.md .', ['write . <- stage/CLAUDE.md']],
    ['cd src && cp -r stage/. auth', ['write src/auth <- src/stage/.']],
    ['rm -rf src/payments build', ['delete src/payments', 'delete build']],
    ['rm src/auth/*.ts', ['delete src/auth/*.ts (glob)']],
    ['touch -d 2020-01-01 a b', ['write a', 'write b']],
    ['chmod +x scripts/deploy.sh', ['write scripts/deploy.sh']],
    ['dd if=/dev/zero of=disk.img bs=1', ['write disk.img']],
    ['ln -sf ../auth/session.ts src/features/checkout/s.ts', ['write src/features/checkout/s.ts <- ../auth/session.ts', 'write src/features/auth/session.ts', 'write src/features/checkout/auth/session.ts']],
    ['ln -s ../../../auth src/features/checkout/i18n/lk.json', ['write src/features/checkout/i18n/lk.json <- ../../../auth', 'write src/auth', 'write src/features/auth']],
    ['git checkout -- src/auth/a.ts', ['restore-index src/auth/a.ts']],
    ['git checkout feature-branch -- src/auth/a.ts', ['write src/auth/a.ts']],
    ['git checkout HEAD -- src/auth/a.ts', ['restore-head src/auth/a.ts']],
    ['git checkout main', ['restore-index main']],
    ['curl -sSLo src/auth/session.ts https://example.com/s.ts', ['write src/auth/session.ts']],
    ['curl -o a.json https://x/a -o CLAUDE.md https://x/b', ['write a.json', 'write CLAUDE.md']],
    ['curl --output=CLAUDE.md https://x', ['write CLAUDE.md']],
    ['curl -H "Accept: text/plain" https://x > CLAUDE.md', ['write CLAUDE.md']],
    ['curl https://x', []],
    ['wget -qO CLAUDE.md https://x', ['write CLAUDE.md']],
    ['wget -qO- https://x', []],
    ['wget -P src/auth https://x/y.ts', ['write src/auth/']],
    ['jq . a.json | sponge CLAUDE.md', ['write CLAUDE.md']],
    ["gawk -i inplace '{ print }' src/auth/a.ts", ['write src/auth/a.ts']],
    ["awk -i inplace -f fix.awk CLAUDE.md", ['write CLAUDE.md']],
    ["awk '{ print }' CLAUDE.md", []],
    ['tar -xzf patch.tgz -C src/auth', ['write src/auth/']],
    ['tar xzf patch.tgz', ['write ./']],
    ['tar -czf out.tgz src', []],
    ['rsync -avt stage/ src/auth/', ['write src/auth/ <- stage/.']],
    ['rsync -a --exclude node_modules stage/CLAUDE.md .', ['write . <- stage/CLAUDE.md']],
    ['git checkout main src/auth/a.ts CLAUDE.md', ['write src/auth/a.ts', 'write CLAUDE.md']],
    ['git checkout HEAD src/auth/a.ts', ['restore-head src/auth/a.ts']],
    ['git checkout -b fix main', []],
    ['git checkout -qB fix origin/main', []],
    ['git restore src/auth/a.ts', ['restore-index src/auth/a.ts']],
    ['git restore --source=HEAD --staged --worktree src/auth/a.ts', ['restore-head src/auth/a.ts']],
    ['git -C sub rm a.ts', ['delete sub/a.ts']],
    ['git mv a.ts src/auth/a.ts', ['write src/auth/a.ts <- a.ts', 'delete a.ts']],
    ['git config --local user.email dana@acme.test', ['write  (git config user.email)']],
    ['cd "$D" && git config --unset-all pmZone.identity', ['write  (git config pmZone.identity)']],
    ['git config user.email', []],
    ['git config get --all user.name', []],
    ['git apply --check fix.patch', []],
    ['git apply -p1 fix.patch', ['write fix.patch (patch)']],
    ['patch -p1 -i fix.diff', ['write fix.diff (patch)']],
    ['patch -p1 < fix.diff', ['write fix.diff (patch)']],
    ['patch CLAUDE.md fix.diff', ['write fix.diff (patch)', 'write CLAUDE.md']],
    ['patch -o out.md README.md < fix.diff', ['write fix.diff (patch)', 'write README.md', 'write out.md']],
    ['cd src && echo x > auth/y.ts', ['write src/auth/y.ts']],
    ['cd src; cd auth; rm y.ts', ['delete src/auth/y.ts']],
    ['cd "$DIR" && echo x > y && echo z > /abs/k', ['write $DIR/y (unnamed: $DIR/y)', 'write /abs/k']],
    ['echo $(rm src/auth/z)', ['delete src/auth/z']],
    ['echo `touch src/auth/t`', ['write src/auth/t']],
    ['FOO=1 sudo -E tee src/auth/k >/dev/null', ['write src/auth/k']],
    ["bash -c 'echo x > src/auth/q'", ['write src/auth/q']],
    ['sh -c "$CMD"', ['write  (unnamed: what `sh -c $CMD` runs)']],
    ['echo "$HOME/x" > "$F"', ['write $F (unnamed: $F)']],
    ['echo x > ~/notes', ['write ~/notes']],
    ['cd src && echo x > ~/notes ~+/a', ['write ~/notes']],
    ['echo x > ~+/CLAUDE.md', ['write ./CLAUDE.md']],
    ['echo x > ~bob/notes', []],
    ['echo x > /dev/../CLAUDE.md', ['write /dev/../CLAUDE.md']],
    ['echo x > /dev/null', []],
    ['rm {CLAUDE,README}.md', ['delete CLAUDE.md', 'delete README.md']],
    ['touch f{1..3}.md "{a,b}"', ['write f1.md', 'write f2.md', 'write f3.md', 'write {a,b}']],
    ['ln CLAUDE.md src/z.md', ['write src/z.md <- CLAUDE.md', 'write CLAUDE.md']],
    ['ln -sf CLAUDE.md src/z.md', ['write src/z.md <- CLAUDE.md', 'write src/CLAUDE.md', 'write src/z.md/CLAUDE.md']],
    ['chmod -x .pmzone/guard.cjs', ['write .pmzone/guard.cjs']],
    ['chmod -R -w .pmzone', ['write .pmzone']],
    ['(( x = 1 << 2 ))\necho x > CLAUDE.md', ['write CLAUDE.md']],
    ["git checkout main -- ':/CLAUDE.md' ':!src/auth'", ['write CLAUDE.md (top .)']],
    ["git -C src restore ':(top)CLAUDE.md'", ['restore-index CLAUDE.md (top src/.)']],
    ["git restore ':(icase)claude.md'", ['restore-index claude.md (any case)']],
    ['find . -name "*.ts" | xargs rm', ['delete **/*.ts (glob)']],
    ['if [ -f x ]; then rm src/auth/a.ts; elif true; then touch b; else rm c; fi', ['delete src/auth/a.ts', 'write b', 'delete c']],
    ['while true; do rm a; done; until false; do rm b; done', ['delete a', 'delete b']],
    ['{ rm a; } && ! rm b', ['delete a', 'delete b']],
    ['F=src/auth/a.ts; rm "$F" "${F}.bak"', ['delete src/auth/a.ts', 'delete src/auth/a.ts.bak']],
    ['export D=src/auth; touch $D/x', ['write src/auth/x']],
    ['F=a.ts G=$(pwd); rm $F $G/b', ['delete a.ts', 'delete $G/b (unnamed: $G/b)']],
    ['F=src/auth/a.ts cmd; rm $F', ['delete $F (unnamed: $F)']],
    ['F=x; read F; rm $F', ['delete $F (unnamed: $F)']],
    ['for f in a.md b.md; do sed -i s/x/y/ "$f"; done', ['write a.md', 'write b.md']],
    ['for f in src/auth/*.ts; do rm "$f"; done', ['delete src/auth/*.ts (glob)']],
    ['for f; do rm "$f"; done', ['delete $f (unnamed: $f)']],
    ['rm "${F%.ts}"', ['delete ${F%.ts} (unnamed: ${F%.ts})']],
    ['echo x > "$PWD/CLAUDE.md"', ['write ./CLAUDE.md']],
    ['"$EDITOR" CLAUDE.md', ['write  (unnamed: what `$EDITOR CLAUDE.md` runs)']],
    ['git -C "$D" rm a.ts', ['delete $D/a.ts (unnamed: $D/a.ts)']],
    ['find src/auth -delete', ['delete src/auth/**/* (glob)', 'delete src/auth']],
    ['find -L src -name "*.ts" -name x -exec sed -i s/a/b/ {} \\;', ['write src/**/*.ts (glob)', 'write src/**/x (glob)']],
    ['find src \\( -name a -o -name b \\) -exec rm {} +', ['delete src/**/* (glob)', 'delete src']],
    ['find . -iname Ab -execdir rm {} +', ['delete **/[aA][bB] (glob)']],
    ['find . -type f -fprint out.txt', ['write out.txt']],
    ['find . -name "*.md" -exec cp {} backup/ \\;', ['write backup/ <- **/*.md']],
    ['find . -name "*.md"', []],
    ['echo a b | xargs rm', ['delete a', 'delete b']],
    ['git ls-files docs | xargs -n1 sed -i s/a/b/', ['write docs', 'write docs/**/* (glob)']],
    ['ls | xargs -I % mv % old/', ['write old/ <- *', 'delete * (glob)']],
    ['xargs -a list.txt rm', ['delete  (unnamed: the files `xargs` gives `rm`)']],
    ['grep -l TODO -r src | xargs rm', ['delete  (unnamed: the files `xargs` gives `rm`)']],
    ['find . -name "*.ts" | xargs grep foo', []],
    ["python3 -c \"import pathlib; pathlib.Path('CLAUDE.md').write_text('')\"", ['write CLAUDE.md']],
    ["python -c \"open('a.txt')\"", []],
    ["python3 -c \"import os; os.remove(p)\"", ['write  (unnamed: the files the `python3` code writes)']],
    ["node -e \"require('fs').writeFileSync('CLAUDE.md', '')\"", ['write CLAUDE.md']],
    ["node -p \"require('./package.json').version\"", []],
    ["ruby -e \"File.write('CLAUDE.md', '')\"", ['write CLAUDE.md']],
    ["perl -e \"unlink 'CLAUDE.md'\"", []],
    ["perl -e \"unlink('CLAUDE.md')\"", ['write CLAUDE.md']],
    ["deno eval \"Deno.writeTextFileSync('CLAUDE.md', '')\"", ['write CLAUDE.md']],
    ['python3 -c "$CODE"', ['write  (unnamed: the files the `python3` code only the shell knows writes)']],
    ['coproc rm a', ['delete a']],
    ["awk '{ print $1 > \"src/auth/x\" }' in.txt", ['write src/auth/x']],
    ["awk -F, '{ printf \"%s\", $2 >> \"out.csv\" }' in.csv", ['write out.csv']],
    ["sed -n 'w CLAUDE.md' in.txt", ['write CLAUDE.md']],
    ["sed 's/a/b/gw changes.txt' f", ['write changes.txt']],
    ["sed -e '1,3w part.txt' -e p f", ['write part.txt']],
    ["sed 's/w x/y/' f", []],
    ["sed '/w/d' f", []],
    ['vim -c wq src/auth/a.ts', ['write src/auth/a.ts']],
    ['ed -s CLAUDE.md <<< w', ['write CLAUDE.md']],
    ['npx prettier --write .', ['write **/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts,json,jsonc,json5,md,mdx,css,scss,less,html,vue,svelte,yaml,yml,graphql,gql,hbs,handlebars} (glob)']],
    ['npx --yes prettier -w src/features/checkout/i18n/fr.json', ['write src/features/checkout/i18n/fr.json']],
    ['npx prettier --check .', []],
    ['pnpm exec eslint --fix src/auth', ['write src/auth/**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts,vue,svelte} (glob)']],
    ['yarn eslint --fix "src/**/*.ts"', ['write src/**/*.ts (glob)']],
    ['npx eslint src', []],
    ['python -m black --check .', []],
    ['uv run ruff check --fix', ['write **/*.{py,pyi,ipynb} (glob)']],
    ['gofmt -w ./cmd main.go', ['write ./cmd/**/*.go (glob)', 'write main.go']],
    ['unzip -o patch.zip -d src/auth', ['write src/auth/']],
    ['unzip -l patch.zip', []],
    ['git cherry-pick -x -m 1 abc123 def456', ['write  (changes of abc123 def456)']],
    ['git revert --no-edit HEAD~2..HEAD', ['write  (changes of HEAD~2..HEAD)']],
    ['git cherry-pick --continue', []],
    ['git stash pop', ['write  (changes of stash:stash@{0})']],
    ['git stash apply --index stash@{2}', ['write  (changes of stash:stash@{2})']],
    ['git stash push -m wip', []],
    ['git am -3 fix.mbox', ['write fix.mbox (patch)']],
    ["sed -i '' 's/a/b/' fr.json", ['write fr.json']],
    ["sed -i .bak -e 's/a/b/' fr.json", ['write fr.json']],
    ['jq . a.json > a.json.tmp && mv a.json.tmp a.json', ['write a.json <- a.json.tmp', 'delete a.json.tmp']],
    ['echo x > CLAUDE.md; rm CLAUDE.md', ['delete CLAUDE.md']],
    ['git checkout -- a.ts', ['restore-index a.ts']],
    ['git checkout .', ['restore-index .']],
    ['git restore a.ts', ['restore-index a.ts']],
    ['git restore --source=main a.ts', ['write a.ts']],
    ['env -C .github rm CODEOWNERS', ['delete .github/CODEOWNERS']],
    ['env --chdir=src/auth tee session.ts > log.txt', ['write log.txt', 'write src/auth/session.ts']],
    ['sudo -D src rm auth/x', ['delete src/auth/x']],
    ['pushd src; pushd /tmp; popd; rm auth/session.ts', ['delete src/auth/session.ts']],
    ['popd; rm a', ['delete $(popd)/a (unnamed: $(popd)/a)']],
    ['CDPATH=/elsewhere cd .github && rm CODEOWNERS', ['delete $(cd .github)/CODEOWNERS (unnamed: $(cd .github)/CODEOWNERS)']],
    ['F=".github/CODEOWNERS README.md"; tee -a $F', ['write .github/CODEOWNERS README.md', 'write .github/CODEOWNERS', 'write README.md']],
    ['IFS=:; F=CLAUDE.md:README.md; rm $F', ['delete $F (unnamed: $F)']],
    ["cat > src/auth/new.ts <<'EOF'\nrm -rf src/payments\nEOF\necho done > done.txt", ['write src/auth/new.ts', 'write done.txt']],
    ['cat <<-END > a.txt\n\tbody\n\tEND\n', ['write a.txt']],
    ['grep x <<< "rm a" > out', ['write out']],
    ['echo "a > b" # > not-a-file', []],
    ["echo 'x' > 'file with spaces.md'", ['write file with spaces.md']],
    ['echo x >| forced.txt', ['write forced.txt']],
  ];
  for (const [command, expected] of cases) {
    it(JSON.stringify(command), () => assert.deepEqual(writes(command), expected));
  }
});

describe('the files a tool call writes', () => {
  it('reads every agent\'s path fields, and nothing from tools that only read', () => {
    assert.deepEqual(toolWrites('Write', { file_path: '/r/a.ts' }), { kind: 'files', paths: ['/r/a.ts'] });
    assert.deepEqual(toolWrites('NotebookEdit', { notebook_path: '/r/n.ipynb' }), { kind: 'files', paths: ['/r/n.ipynb'] });
    assert.deepEqual(toolWrites('create_file', { filePath: '/r/a.ts', content: '' }), { kind: 'files', paths: ['/r/a.ts'] });
    assert.deepEqual(toolWrites('edit', '{"path":"/r/a.ts"}'), { kind: 'files', paths: ['/r/a.ts'] });
    assert.deepEqual(toolWrites('editFiles', { files: ['src/a.ts', 'src/b.ts'] }), { kind: 'files', paths: ['src/a.ts', 'src/b.ts'] });
    assert.deepEqual(toolWrites('run_shell_command', { command: 'ls', dir_path: 'src' }), { kind: 'shell', command: 'ls', cwd: 'src' });
    assert.deepEqual(toolWrites('Shell', { command: 'ls', working_directory: '/r' }), { kind: 'shell', command: 'ls', cwd: '/r' });
    assert.deepEqual(toolWrites('Read', { file_path: '/r/a.ts' }), { kind: 'none' });
    assert.deepEqual(toolWrites('mcp__github__create_issue', { title: 'x' }), { kind: 'none' });
    // PowerShell is not analysed: its commands are the agent's to approve, and the Stop backstop sees what they changed.
    assert.deepEqual(toolWrites('PowerShell', { command: 'Set-Content a.txt x' }), { kind: 'none' });
    assert.deepEqual(toolWrites('Write', { content: 'x' }), { kind: 'unreadable', tool: 'Write' });
  });

  it('reads `file://` URIs as the files they name, and places no other URI', () => {
    assert.deepEqual(toolWrites('create_file', { filePath: 'file:///r/docs/CLAUDE%20notes.md' }), { kind: 'files', paths: ['/r/docs/CLAUDE notes.md'] });
    assert.deepEqual(toolWrites('apply_patch', { input: '*** Begin Patch\n*** Update File: file:///r/CLAUDE.md\n*** End Patch\n' }), { kind: 'files', paths: ['/r/CLAUDE.md'] });
    assert.deepEqual(toolWrites('replace_string_in_file', { filePath: 'vscode-remote://ssh-remote+box/r/CLAUDE.md' }), { kind: 'unplaceable', tool: 'replace_string_in_file', given: 'vscode-remote://ssh-remote+box/r/CLAUDE.md' });
    assert.deepEqual(toolWrites('create_file', { filePath: 'file://fileserver/share/a.md' }), { kind: 'unplaceable', tool: 'create_file', given: 'file://fileserver/share/a.md' });
  });

  it('reads the files of a patch: the apply_patch envelope and unified diffs', () => {
    assert.deepEqual(patchPaths('*** Begin Patch\n*** Add File: src/a.ts\n+x\n*** Update File: src/b.ts\n*** Move to: src/c.ts\n@@\n-a\n+b\n*** Delete File: src/d.ts\n*** End Patch\n'), ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts']);
    assert.deepEqual(patchPaths('diff --git a/src/auth/x.ts b/src/auth/x.ts\n--- a/src/auth/x.ts\n+++ b/src/auth/x.ts\n@@ -1 +1 @@\n--- not a header\n+b\n'), ['src/auth/x.ts']);
    assert.deepEqual(patchPaths('--- /dev/null\n+++ b/new.ts\t2024-01-01\n'), ['new.ts']);
    // Names git quotes, headers without prefixes (`-p0`, a mode change alone), renames and copies.
    assert.deepEqual(patchPaths('diff --git "a/CLAUDE.md" "b/CLAUDE.md"\n@@ -1 +1 @@\n-a\n+b\n'), ['CLAUDE.md']);
    assert.deepEqual(patchPaths('diff --git "a/caf\\303\\251 x.md" "b/caf\\303\\251 x.md"\n'), ['café x.md']);
    assert.deepEqual(patchPaths('diff --git CLAUDE.md CLAUDE.md\nold mode 100644\nnew mode 100755\n'), ['CLAUDE.md']);
    assert.deepEqual(patchPaths('diff --git a/a.md b/CLAUDE.md\nsimilarity index 100%\nrename from a.md\nrename to CLAUDE.md\n'), ['a.md', 'CLAUDE.md']);
  });
});
