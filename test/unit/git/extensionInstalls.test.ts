import * as assert from 'node:assert/strict';
import { hookRunsInstall, newerInstallsGlob } from '../../../src/core/git/extensionInstalls';
import { renderPreCommitHook } from '../../../src/core/git/hookScript';

const EXTENSIONS = '/home/pm/.vscode/extensions';

describe('installs of the editor extension', () => {
  it('finds the versions of an installed extension next to each other, whatever the case of its id', () => {
    assert.equal(newerInstallsGlob(`${EXTENSIONS}/pm-zone.pm-zone-0.1.0`, 'pm-zone.pm-zone', 'dist/cli.js'), `${EXTENSIONS}/pm-zone.pm-zone-[0-9]*/dist/cli.js`);
    assert.equal(newerInstallsGlob(`${EXTENSIONS}/acme.pm-zone-1.2.3-linux-x64`, 'Acme.PM-Zone', 'dist/cli.js'), `${EXTENSIONS}/acme.pm-zone-[0-9]*/dist/cli.js`);
  });

  it('has none for an extension run from a source checkout, or another extension\'s folder', () => {
    assert.equal(newerInstallsGlob('/home/dana/src/pm-zone', 'pm-zone.pm-zone', 'dist/cli.js'), undefined);
    assert.equal(newerInstallsGlob(`${EXTENSIONS}/pm-zone.pm-zone-extras-0.1.0`, 'pm-zone.pm-zone-extra', 'dist/cli.js'), undefined);
    assert.equal(newerInstallsGlob(`${EXTENSIONS}/other.tool-0.1.0`, 'pm-zone.pm-zone', 'dist/cli.js'), undefined);
  });

  it('tells a hook written by this extension, any version, from one written by the command line from npm', () => {
    const cli = `${EXTENSIONS}/pm-zone.pm-zone-0.2.0/dist/cli.js`;
    const glob = newerInstallsGlob(`${EXTENSIONS}/pm-zone.pm-zone-0.2.0`, 'pm-zone.pm-zone', 'dist/cli.js');
    const byOlderVersion = renderPreCommitHook(['/usr/bin/node', `${EXTENSIONS}/pm-zone.pm-zone-0.1.0/dist/cli.js`, 'review', '--staged'], { newerInstalls: glob });
    const byNpm = renderPreCommitHook(['/usr/bin/node', '/usr/lib/node_modules/pm-zone/dist/cli.js', 'review', '--staged']);
    assert.equal(hookRunsInstall(byOlderVersion, cli, glob), true);
    assert.equal(hookRunsInstall(byNpm, cli, glob), false);
    assert.equal(hookRunsInstall(byNpm, '/usr/lib/node_modules/pm-zone/dist/cli.js', undefined), true);
  });
});
