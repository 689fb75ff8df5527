import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The manifest and the code must say the same thing: a command, view or
// setting declared in package.json but never registered or read (or the
// other way round) is a broken promise to the user.

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({ path: join(dir, file), text: readFileSync(join(root, dir, file), 'utf8') }));
}

const editorSources = [...sources('src/vscode'), { path: 'src/extension.ts', text: readFileSync(join(root, 'src/extension.ts'), 'utf8') }];
const allEditorText = editorSources.map((s) => s.text).join('\n');
const commandIdsText = readFileSync(join(root, 'src/vscode/commandIds.ts'), 'utf8');
const enumMembers = (name: string) => {
  const body = new RegExp(`export const enum ${name} \\{([^}]*)\\}`).exec(commandIdsText)?.[1] ?? '';
  return new Map([...body.matchAll(/^\s*(\w+) = '([\w.]+)',?$/gm)].map((m) => [m[1], m[2]]));
};
const commandEnum = enumMembers('CommandId');
const viewEnum = enumMembers('ViewId');
const contextEnum = enumMembers('ContextKey');

/** Every when clause of the manifest: menus, views, their welcome content, keybindings, command enablement, walkthrough steps and their onContext events. */
function whenClauses(): string[] {
  const clauses: (string | undefined)[] = [
    ...Object.values<{ when?: string }[]>(contributes.menus ?? {}).flat().map((entry) => entry.when),
    ...Object.values<{ when?: string }[]>(contributes.views ?? {}).flat().map((view) => view.when),
    ...(contributes.viewsWelcome ?? []).map((welcome: { when?: string }) => welcome.when),
    ...(contributes.keybindings ?? []).map((binding: { when?: string }) => binding.when),
    ...(contributes.commands ?? []).map((command: { enablement?: string }) => command.enablement),
  ];
  for (const walkthrough of contributes.walkthroughs ?? []) {
    for (const step of walkthrough.steps as { when?: string; completionEvents?: string[] }[]) {
      clauses.push(step.when, ...(step.completionEvents ?? []).map((event) => /^onContext:(.+)$/.exec(event)?.[1]));
    }
  }
  return clauses.filter((clause): clause is string => typeof clause === 'string');
}

/** The context keys a when clause reads: the left side of each term (`view == pmZone.myChange` reads `view`). */
function contextKeysOf(clause: string): string[] {
  return clause
    .split(/&&|\|\||[()!]/)
    .map((term) => term.trim().split(/\s*(?:===?|!==?|=~|<=|>=|<|>)\s*|\s+(?:not\s+)?in\s+/)[0]!.trim())
    .filter((key) => key !== '');
}

describe('package.json and the code agree', () => {
  const declaredCommands: string[] = contributes.commands.map((c: { command: string }) => c.command);

  it('declares exactly the commands of the CommandId enum', () => {
    assert.deepEqual([...declaredCommands].sort(), [...commandEnum.values()].sort());
  });


  it('registers every declared command in the editor layer', () => {
    for (const [member, id] of commandEnum) {
      const registered = new RegExp(`registerCommand\\(\\s*(CommandId\\.${member}|'${id.replace('.', '\\.')}')`).test(allEditorText);
      assert.ok(registered, `${id} is declared in package.json but never registered`);
    }
  });

  it('registers no command that package.json does not declare', () => {
    const literal = [...allEditorText.matchAll(/registerCommand\(\s*'(pmZone\.[\w.]+)'/g)].map((m) => m[1]);
    for (const id of literal) assert.ok(declaredCommands.includes(id), `${id} is registered but not declared`);
  });

  it('gives every command a title and the PM Zone category', () => {
    for (const command of contributes.commands) {
      assert.ok(command.title, `${command.command} has no title`);
      assert.equal(command.category, 'PM Zone', `${command.command} is not in the PM Zone category`);
    }
  });

  it('reads every declared setting through the typed accessor, and declares every setting it reads', () => {
    const declared = Object.keys(contributes.configuration.properties).map((key) => key.replace(/^pmZone\./, ''));
    const configText = readFileSync(join(root, 'src/vscode/config.ts'), 'utf8');
    const settingsInterface = configText.slice(configText.indexOf('interface PmZoneSettings'), configText.indexOf('}\n', configText.indexOf('interface PmZoneSettings')));
    const interfaceKeys = [...settingsInterface.matchAll(/^\s*'?([\w.]+)'?: /gm)].map((m) => m[1]);
    assert.deepEqual([...interfaceKeys].sort(), [...declared].sort(), 'PmZoneSettings and package.json differ');
    for (const key of declared) {
      const read = new RegExp(`(?:setting|policyPath)\\(\\s*'${key.replace('.', '\\.')}'`).test(allEditorText);
      assert.ok(read, `pmZone.${key} is declared but never read`);
    }
  });

  it('gives every setting an explicit scope and a description', () => {
    for (const [key, property] of Object.entries<Record<string, unknown>>(contributes.configuration.properties)) {
      assert.ok(property.scope, `${key} has no scope`);
      assert.ok(property.description || property.markdownDescription, `${key} has no description`);
      assert.ok('default' in property, `${key} has no default`);
    }
  });

  // A remote window (VS Code for the web, SSH, containers) reads a machine or
  // machine-overridable setting from the remote's settings, never from the
  // User settings: VS Code 1.139.1 for the web dropped one written there in 19
  // windows of 20 and withdrew it from the 20th seconds after activation, with
  // an event that did not name it. A workspace's settings may set a
  // machine-overridable one, and a committed .vscode/settings.json would then
  // make everyone who opens the repository that PM.
  it('reads who the user is from the User settings only, in every window: pmZone.identity is application-scoped', () => {
    assert.equal(contributes.configuration.properties['pmZone.identity'].scope, 'application');
  });

  it('declares no machine-scoped setting, which a remote window would not read from the User settings', () => {
    const machineScoped = Object.entries<Record<string, unknown>>(contributes.configuration.properties)
      .filter(([, property]) => property.scope === 'machine' || property.scope === 'machine-overridable')
      .map(([key]) => key);
    assert.deepEqual(machineScoped, []);
  });

  it('registers every declared view, and declares every view it registers', () => {
    const declaredViews: string[] = Object.values<{ id: string }[]>(contributes.views).flat().map((view) => view.id);
    // A view is registered by its id, written out or as a ViewId member.
    const registered = [...allEditorText.matchAll(/(?:createTreeView|registerTreeDataProvider|registerWebviewViewProvider)\(\s*(?:'([\w.]+)'|ViewId\.(\w+))/g)]
      .map((m) => m[1] ?? viewEnum.get(m[2]) ?? `ViewId.${m[2]}`);
    assert.deepEqual([...new Set(registered)].sort(), [...declaredViews].sort());
  });

  it('shows the sidebar only in a repository with a PM zone, on the context key the editor sets', () => {
    for (const view of contributes.views.pmZone) assert.equal(view.when, contextEnum.get('HasZone'), view.id);
  });

  it('reads in its when clauses only the context keys of the ContextKey enum, and sets and reads every one', () => {
    const read = new Set(whenClauses().flatMap(contextKeysOf).filter((key) => key.startsWith('pmZone.')));
    assert.ok(read.size > 0);
    for (const key of read) assert.ok([...contextEnum.values()].includes(key), `package.json reads ${key}, which is not in the ContextKey enum`);
    for (const [member, key] of contextEnum) {
      assert.ok(read.has(key), `ContextKey.${member} (${key}) is in no when clause of package.json`);
      // Set directly, or by completingWhen once its command did what the walkthrough step says.
      assert.match(allEditorText, new RegExp(`setContext\\(ContextKey\\.${member},|completingWhen\\('\\w+', ContextKey\\.${member},`), `ContextKey.${member} is never set`);
    }
    // Only through the enum: a key written out would escape this test.
    assert.deepEqual([...allEditorText.matchAll(/'setContext',\s*'pmZone\.[\w.]+'/g)].map((m) => m[0]), []);
  });

  it('only names declared commands in menus and walkthroughs', () => {
    for (const [menu, entries] of Object.entries<{ command?: string; submenu?: string }[]>(contributes.menus ?? {})) {
      for (const entry of entries) if (entry.command) assert.ok(declaredCommands.includes(entry.command), `${menu} names ${entry.command}`);
    }
    for (const walkthrough of contributes.walkthroughs ?? []) {
      for (const step of walkthrough.steps) {
        for (const event of step.completionEvents ?? []) {
          const command = /^onCommand:(.+)$/.exec(event)?.[1];
          if (command) assert.ok(declaredCommands.includes(command), `walkthrough step ${step.id} waits for ${command}`);
        }
      }
    }
  });

  it('marks every walkthrough step done from the code, and only steps the walkthrough has', () => {
    // VS Code records completion events only while its walkthrough service runs; the code marks each step itself too.
    const steps = (contributes.walkthroughs ?? []).flatMap((walkthrough: { steps: { id: string }[] }) => walkthrough.steps.map((step) => step.id));
    const marked = [...allEditorText.matchAll(/(?:completeStep|completingStep|completingWhen)\('(\w+)'/g)].map((m) => m[1]);
    assert.ok(marked.length > 0);
    assert.deepEqual([...new Set(marked)].sort(), [...steps].sort());
  });

  it('contributes the theme colours the decorations use', () => {
    const declared = contributes.colors.map((c: { id: string }) => c.id);
    const used = [...new Set([...allEditorText.matchAll(/ThemeColor\('(pmZone\.[\w.]+)'\)/g)].map((m) => m[1]))];
    assert.ok(used.length > 0);
    for (const id of used) assert.ok(declared.includes(id), `${id} is used but not contributed`);
  });

  it('gives every zone colour at least 3:1 contrast against the side bar of the default light and dark themes', () => {
    // sideBar.background of VS Code's themes: Light Modern, Light+, Dark Modern, Dark+, and the high-contrast pair.
    const backgrounds = { light: ['#F8F8F8', '#F3F3F3'], dark: ['#181818', '#252526'], highContrast: ['#000000'], highContrastLight: ['#FFFFFF'] };
    const colours = contributes.colors.filter((colour: { id: string }) => colour.id.startsWith('pmZone.') && colour.id.endsWith('Foreground'));
    assert.equal(colours.length, 3);
    for (const colour of colours) {
      for (const [theme, sideBars] of Object.entries(backgrounds)) {
        const value: string = colour.defaults[theme];
        assert.match(value, /^#[0-9A-Fa-f]{6}$/, `${colour.id} ${theme}: an opaque colour, so its contrast is known`);
        for (const sideBar of sideBars) assert.ok(contrast(value, sideBar) >= 3, `${colour.id} ${theme}: ${value} on ${sideBar} is ${contrast(value, sideBar).toFixed(2)}:1`);
      }
    }
    // Muted, yet not lighter than git's ignored files (#8E8E90 in the light themes).
    const outside = colours.find((colour: { id: string }) => colour.id === 'pmZone.outsideForeground');
    assert.ok(contrast(outside.defaults.light, '#F8F8F8') > contrast('#8E8E90', '#F8F8F8'));
  });

  it('activates lazily, never on every start', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(manifest.activationEvents.every((event: string) => event.startsWith('workspaceContains:') || event.startsWith('onView:') || event.startsWith('onCommand:')));
  });

  it('declares limited support for untrusted workspaces', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });
});

/** WCAG 2 contrast ratio of two `#RRGGBB` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}
