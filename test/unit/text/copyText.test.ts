import * as assert from 'node:assert/strict';
import { MAX_COPY_TEXT, copyLanguageOf, copyText } from '../../../src/core/text/copyText';

/** The copy of a file, each line with its blanks at the end trimmed. */
function copyLines(text: string, path: string): string[] {
  const copy = copyText(text, path);
  assert.ok(copy !== undefined, path);
  assert.equal(copy.length, text.length, 'every offset is kept');
  return copy.split('\n').map((line) => line.trimEnd());
}

describe('copyText', () => {
  it('names the languages it reads, Blade before PHP, and no others', () => {
    assert.deepEqual(
      ['main.go', 'views.py', 'mailer.rb', 'A.kt', 'build.gradle.kts', 'A.swift', 'a.blade.php', 'a.php', 'a.phtml', 'a.html.twig', 'a.jinja2', 'a.j2', 'show.html.erb', 'a.tsx', 'a.json', 'Makefile'].map(copyLanguageOf),
      ['Go', 'Python', 'Ruby', 'Kotlin', 'Kotlin', 'Swift', 'Blade', 'PHP', 'PHP', 'Twig', 'Jinja', 'Jinja', 'ERB', undefined, undefined, undefined],
    );
  });

  it('keeps string literals at their columns and blanks code and comments', () => {
    assert.deepEqual(copyLines('x := 4155552671 // call\ns := `raw` + "quoted"\n', 'main.go'), ['', '     `raw`   "quoted"', '']);
    assert.deepEqual(copyLines("val a = \"Hi ${name}\" /* c */\nval c = 'c'\n", 'A.kt'), ['        "Hi ${name}"', "        'c'", '']);
  });

  it('keeps the text between tags and attribute values in templates, not tags, comments or code', () => {
    assert.deepEqual(copyLines('<p class="lead">Hello <b>there</b></p><!-- note -->\n<?php echo $x; // c ?>\n', 'a.php'), ['        ="lead" Hello    there', '', '']);
    assert.deepEqual(copyLines("{{-- note --}}\n<p>{{ __('Hi') }} @lang('a.b')</p>\n", 'a.blade.php'), ['', "         'Hi'           'a.b'", '']);
    assert.deepEqual(copyLines('{# note #}{% if user %}Hi {{ "you"|upper }}{% endif %}\n', 'a.twig'), ['                       Hi    "you"', '']);
    assert.deepEqual(copyLines('<%# note %><p><%= t("hi") %> text</p>\n', 'a.html.erb'), ['                    "hi"     text', '']);
  });

  it('leaves out Python docstrings, not a triple-quoted value', () => {
    const text = '"""Module."""\ndef f():\n    """Doc."""\n    return {"k": """Value."""}\n';
    assert.deepEqual(copyLines(text, 'a.py'), ['', '', '', '            "k"  """Value."""', '']);
  });

  it('reads nothing past its limit, and no other language', () => {
    assert.equal(copyText(`s = "${'a'.repeat(MAX_COPY_TEXT)}"`, 'a.py'), undefined);
    assert.equal(copyText('const a = "b";', 'a.ts'), undefined);
  });

  it('leaves no global Prism behind', () => {
    copyText('x = 1', 'a.py');
    assert.equal(Object.prototype.hasOwnProperty.call(globalThis, 'Prism'), false);
  });
});
