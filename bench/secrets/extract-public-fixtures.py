#!/usr/bin/env python3
"""Extracts the rule test cases of three public secret scanners into
test/support/secretCorpus/public.json, each with where it came from.

    python3 bench/secrets/extract-public-fixtures.py GITLEAKS SECRETLINT DETECT_SECRETS > test/support/secretCorpus/public.json

Each argument is a git directory (a clone or a bare copy) of gitleaks/gitleaks,
secretlint/secretlint and Yelp/detect-secrets; only objects at HEAD are read.

- gitleaks: cmd/generate/config/rules/*.go, the literal `tps` (true positives:
  the secret given to GenerateSampleSecrets, and literal lines appended) and
  `fps` (false positives) of each rule. Values gitleaks generates at test time
  (secrets.NewSecret, fmt.Sprintf) are not literal and are left out.
- secretlint: packages/@secretlint/secretlint-rule-*/test/snapshots/*/input.*:
  a case whose output.json lists messages is a positive on those lines, one
  with none a negative.
- detect-secrets: tests/plugins/*_test.py, the literal lines of
  pytest.mark.parametrize, with their expected verdict.

Every value is written with a `¦` after each fifth character, so that no
secret scanner (or push protection) takes this repository for a leak; the
benchmark removes them before use.
"""
import ast
import json
import re
import subprocess
import sys


def git(repo, *args):
    return subprocess.run(['git', '-C', repo, *args], capture_output=True, check=True).stdout.decode('utf-8', 'replace')


def head(repo):
    return git(repo, 'rev-parse', 'HEAD').strip()


def files(repo, prefix, pattern):
    return [path for path in git(repo, 'ls-tree', '-r', '--name-only', 'HEAD', '--', prefix).splitlines() if re.search(pattern, path)]


def split(text):
    return '¦'.join(text[i:i + 5] for i in range(0, len(text), 5))


GO_STRING = re.compile(r'`([^`]*)`|"((?:[^"\\\n]|\\.)*)"')


def string_end(text, i):
    """Where the Go string literal starting at `i` ends, or None when none starts there."""
    m = GO_STRING.match(text, i) if text[i] in '`"' else None
    return m.end() if m else None


def nesting(c):
    return 1 if c in '([{' else -1 if c in ')]}' else 0


def go_items(block):
    """The items of a Go composite literal or call argument list, split at top-level commas, comments dropped."""
    return [item for item, _ in go_items_with_notes(block)]


def go_items_with_notes(block):
    """Each item with the comments written on their own lines just before it (`// False Negative`)."""
    items, depth, current, notes, i = [], 0, '', '', 0
    while i < len(block):
        c = block[i]
        if block.startswith('//', i):
            end = block.find('\n', i)
            if depth == 0 and not current.strip():
                notes += block[i + 2:end if end >= 0 else len(block)].strip() + ' '
            i = end
            if i < 0:
                break
            continue
        end = string_end(block, i)
        if end:
            current += block[i:end]
            i = end
            continue
        depth += nesting(c)
        if c == ',' and depth == 0:
            items.append((current.strip(), notes.strip()))
            current, notes = '', ''
            # A comment after the comma, on the item's own line, is about that item, not the next.
            line_end = block.find('\n', i)
            if line_end >= 0 and block[i + 1:line_end].strip().startswith('//'):
                i = line_end
                continue
        else:
            current += c
        i += 1
    if current.strip():
        items.append((current.strip(), notes.strip()))
    return items


def go_literal(item):
    """The value of an item made only of string literals joined by +; None when anything is computed."""
    rest = GO_STRING.sub('', item)
    if re.sub(r'[\s+]', '', rest):
        return None
    value = ''
    for m in GO_STRING.finditer(item):
        value += m.group(1) if m.group(1) is not None else bytes(m.group(2), 'utf-8').decode('unicode_escape', 'replace')
    return value


def balanced(text, start):
    """The text inside the bracket opened at `start`; brackets inside string literals do not count."""
    depth, i = 0, start
    while i < len(text):
        end = string_end(text, i)
        if end:
            i = end
            continue
        depth += nesting(text[i])
        if depth == 0:
            return text[start + 1:i]
        i += 1
    return text[start + 1:]


def gitleaks(repo):
    sha = head(repo)
    samples = []
    for path in files(repo, 'cmd/generate/config/rules', r'\.go$'):
        source = git(repo, 'show', f'HEAD:{path}')
        for func in re.finditer(r'\nfunc (\w+)\(\)[^{]*\{', source):
            end = source.find('\nfunc ', func.end())
            body = source[func.end(): end if end > 0 else len(source)]
            rule = re.search(r'RuleID:\s*"([^"]+)"', body)
            rule = rule.group(1) if rule else func.group(1)
            where = f'gitleaks/gitleaks@{sha[:12]}:{path} {rule}'
            for m in re.finditer(r'GenerateSampleSecrets\(\s*("[^"]*"|`[^`]*`)\s*,', body):
                args = go_items(balanced(body, m.start() + len('GenerateSampleSecrets')))
                value = go_literal(args[1]) if len(args) > 1 else None
                if value:
                    samples.append({'source': where, 'positive': True, 'text': f'{rule.replace("-", "_")}_secret = "{value}"'})
            for m in re.finditer(r'\b(tps|fps)\s*(?::=\s*\[\]string\{|=\s*append\(\s*(?:tps|fps)\s*,)', body):
                opener = body.rfind('{' if m.group(0).endswith('{') else '(', 0, m.end())
                for item, notes in go_items_with_notes(balanced(body, opener))[(1 if 'append' in m.group(0) else 0):]:
                    value = go_literal(item)
                    if value and value.strip():
                        # gitleaks lists a secret its rule misses among the false positives, marked `// False Negative`.
                        positive = m.group(1) == 'tps' or re.search(r'\bfalse negative\b', notes, re.I) is not None
                        samples.append({'source': where, 'positive': positive, 'text': value})
    return samples


def secretlint(repo):
    sha = head(repo)
    samples = []
    for path in files(repo, 'packages/@secretlint', r'secretlint-rule-[^/]+/test/snapshots/[^/]+/input\.[^/]+$'):
        rule = re.search(r'secretlint-rule-([^/]+)/', path).group(1)
        if rule in ('example', 'pattern', 'filter-comments', 'no-homedir', 'no-dotenv', 'no-k8s-kind-secret') or rule.startswith('internal-test') or rule.startswith('preset'):
            continue
        folder = path[: path.rfind('/')]
        try:
            output = json.loads(git(repo, 'show', f'HEAD:{folder}/output.json'))
        except subprocess.CalledProcessError:
            continue
        text = git(repo, 'show', f'HEAD:{path}')
        lines = sorted({message['loc']['start']['line'] for message in output.get('messages', []) if message.get('severity') == 'error'})
        sample = {'source': f'secretlint/secretlint@{sha[:12]}:{path}', 'positive': bool(lines), 'text': text, 'name': path[path.rfind('/') + 1:]}
        if lines:
            sample['lines'] = lines
        samples.append(sample)
    return samples


def detect_secrets(repo):
    sha = head(repo)
    samples = []
    for path in files(repo, 'tests/plugins', r'_test\.py$'):
        tree = ast.parse(git(repo, 'show', f'HEAD:{path}'))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for decorator in node.decorator_list:
                if not (isinstance(decorator, ast.Call) and getattr(decorator.func, 'attr', '') == 'parametrize' and len(decorator.args) >= 2):
                    continue
                try:
                    names = ast.literal_eval(decorator.args[0])
                    values = ast.literal_eval(decorator.args[1])
                except ValueError:
                    continue
                names = [name.strip() for name in (names.split(',') if isinstance(names, str) else names)]
                where = f'Yelp/detect-secrets@{sha[:12]}:{path} {node.name}'
                for value in values:
                    row = value if isinstance(value, tuple) else (value,)
                    if len(names) == 1 and isinstance(row[0], str) and node.name == 'test_analyze':
                        samples.append({'source': where, 'positive': True, 'text': row[0]})
                    elif len(row) == len(names) and isinstance(row[0], str):
                        verdict = [row[i] for i, name in enumerate(names) if re.search(r'should_flag|expected|is_secret|should_find', name)]
                        if len(verdict) == 1 and isinstance(verdict[0], bool):
                            samples.append({'source': where, 'positive': verdict[0], 'text': row[0]})
    return samples


def main():
    gitleaks_repo, secretlint_repo, detect_secrets_repo = sys.argv[1:4]
    samples = gitleaks(gitleaks_repo) + secretlint(secretlint_repo) + detect_secrets(detect_secrets_repo)
    for sample in samples:
        sample['text'] = split(sample['text'])
    json.dump(samples, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write('\n')


main()
