import { GUARD_LAUNCHER } from './configPaths';

/** Said once per agent session when the guard is not installed where the hook runs. */
export const GUARD_MISSING_MESSAGE =
  "PM Zone: this repository's coding-agent hooks run PM Zone's guard, which is not installed here (no node_modules/pm-zone, and no pm-zone on PATH), so edits are not checked against the PM zone. " +
  'Tell the user: run `npm install` (the repository lists pm-zone as a devDependency) or `npm install --save-dev pm-zone`, then try again. PM Zone says this once per session.';

/**
 * `.pmzone/guard.cjs`, the one command every hook runs. It is committed and
 * runs on every machine, so it names no folder of one: PM Zone is found
 * where the project installs it (node_modules/pm-zone, a devDependency),
 * else on PATH (a global install). When it is nowhere, the first tool call
 * of each session is refused once with the reason (exit 2 blocks on every
 * agent, with the reason on standard error), so the agent tells its user;
 * later calls pass as if no hook were set, instead of failing every edit
 * or passing them all in silence. CommonJS (`.cjs`) whatever the project's
 * package.json says about modules.
 */
export function launcherScript(): string {
  return `#!/usr/bin/env node
// PM Zone's guard for coding agents: the hooks in .claude/settings.json,
// .github/hooks/pm-zone.json, .cursor/hooks.json and .gemini/settings.json run
// \`node ${GUARD_LAUNCHER} --agent NAME\`. Written by \`pm-zone agents init\`;
// engineering's file (PMs cannot edit it), rewritten by the next init.
'use strict';
const fs = require('fs');
const path = require('path');

const project = path.resolve(__dirname, '..');
const installed = path.join(project, 'node_modules', 'pm-zone', 'dist', 'guard.js');
const guard = fs.existsSync(installed) ? installed : onPath();
if (guard) require(guard);
else sayOnce();

function onPath() {
  for (const folder of (process.env.PATH || '').split(path.delimiter)) {
    if (!folder) continue;
    try {
      const program = fs.realpathSync(path.join(folder, 'pm-zone'));
      const beside = path.join(path.dirname(program), 'guard.js');
      if (fs.existsSync(beside)) return beside;
    } catch (error) {
      // Not in this folder.
    }
  }
  return undefined;
}

function sayOnce() {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (input += chunk));
  process.stdin.on('end', () => {
    let payload;
    try {
      payload = JSON.parse(input);
    } catch (error) {
      // Not an agent's payload: say it now.
    }
    if (payload && !('tool_name' in payload) && !('toolName' in payload)) return;
    const session = String((payload && (payload.session_id || payload.sessionId || payload.conversation_id)) || 'no-session');
    const marker = path.join(require('os').tmpdir(), 'pm-zone-guard-missing-' + require('crypto').createHash('sha256').update(project + '\\0' + session).digest('hex').slice(0, 24));
    if (fs.existsSync(marker)) return;
    try {
      fs.writeFileSync(marker, '');
    } catch (error) {
      // Said again next time.
    }
    process.stderr.write(${JSON.stringify(`${GUARD_MISSING_MESSAGE}\n`)});
    process.exitCode = 2;
  });
}
`;
}
