import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeUserFile } from '../../../src/core/agents/personal/walls';
import { tempDir } from '../helpers/tempRepo';

// An agent's user settings are merged, never replaced: a settings file kept
// with the user's dotfiles and linked home stays a link to them.

describe("a user's agent settings file, written by agents init --me", () => {
  it('writes through a link to where it points, and the link stays', async () => {
    const home = await tempDir('home');
    const dotfiles = await tempDir('dotfiles');
    await fs.writeFile(path.join(dotfiles, 'settings.json'), '{"theme":"dark"}\n');
    await fs.mkdir(path.join(home, '.claude'));
    const linked = path.join(home, '.claude', 'settings.json');
    await fs.symlink(path.join(dotfiles, 'settings.json'), linked);
    await writeUserFile(linked, '{"theme":"dark","hooks":{}}\n');
    assert.ok((await fs.lstat(linked)).isSymbolicLink(), 'the link was replaced by a file');
    assert.equal(await fs.readFile(path.join(dotfiles, 'settings.json'), 'utf8'), '{"theme":"dark","hooks":{}}\n');
    assert.deepEqual((await fs.readdir(dotfiles)).sort(), ['settings.json'], 'a temporary file was left behind');
  });

  it('creates a missing file and its folder', async () => {
    const home = await tempDir('home');
    const file = path.join(home, '.gemini', 'settings.json');
    await writeUserFile(file, '{}\n');
    assert.equal(await fs.readFile(file, 'utf8'), '{}\n');
  });
});
