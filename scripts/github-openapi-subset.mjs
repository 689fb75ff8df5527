#!/usr/bin/env node
// Writes test/fixtures/github/openapi-subset.json: the operations the local
// GitHub API server (test/support/fakeGitHub.ts) answers, copied unchanged
// from GitHub's published OpenAPI description of api.github.com as the npm
// package @octokit/openapi ships it (generated/api.github.com.json), with the
// components they reference and nothing else. The tests validate every
// answer of that server, and every request body PM Zone sends it, against
// these schemas. Run it when the server learns a route, or to move to a newer
// description:
//
//   node scripts/github-openapi-subset.mjs [VERSION]
//
// It fetches the package with `npm pack` into a temporary folder (the whole
// description is 13 MB, its package 29 MB: too much for every `npm ci`).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = process.argv[2] ?? '23.0.2';

/** Each route of the local server, as GitHub's description names the operation. */
export const OPERATIONS = [
  'GET /user',
  'GET /repos/{owner}/{repo}',
  'GET /repos/{owner}/{repo}/pulls',
  'POST /repos/{owner}/{repo}/pulls',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
  'GET /repos/{owner}/{repo}/commits/{ref}/status',
  'GET /repos/{owner}/{repo}/rules/branches/{branch}',
  'GET /repos/{owner}/{repo}/rulesets',
  'POST /repos/{owner}/{repo}/rulesets',
  'GET /repos/{owner}/{repo}/rulesets/{ruleset_id}',
  'PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}',
  'GET /repos/{owner}/{repo}/branches/{branch}',
  'GET /repos/{owner}/{repo}/branches/{branch}/protection',
  'GET /repos/{owner}/{repo}/codeowners/errors',
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
  'GET /apps/{app_slug}',
  'GET /orgs/{org}/teams',
  'GET /orgs/{org}/teams/{team_slug}',
  'GET /orgs/{org}/teams/{team_slug}/memberships/{username}',
];

function main() {
  const scratch = mkdtempSync(join(tmpdir(), 'github-openapi-'));
  try {
    const tarball = execFileSync('npm', ['pack', `@octokit/openapi@${VERSION}`, '--silent'], { cwd: scratch, encoding: 'utf8' }).trim().split('\n').at(-1);
    execFileSync('tar', ['-xzf', tarball, 'package/generated/api.github.com.json'], { cwd: scratch });
    const description = JSON.parse(readFileSync(join(scratch, 'package/generated/api.github.com.json'), 'utf8'));
    const subset = subsetOf(description);
    const out = join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures/github/openapi-subset.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(subset)}\n`);
    console.log(`${out}: ${OPERATIONS.length} operations, ${Object.keys(subset.components.schemas).length} schemas, ${Math.round(Buffer.byteLength(JSON.stringify(subset)) / 1024)} KB`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The operations' parameters, request bodies and responses, and every component they reach; examples and descriptions of operations left out. */
function subsetOf(description) {
  const paths = {};
  for (const operation of OPERATIONS) {
    const [method, path] = operation.split(' ');
    const found = description.paths[path]?.[method.toLowerCase()];
    if (!found) throw new Error(`${operation} is not in @octokit/openapi ${VERSION}`);
    const { operationId, parameters, requestBody, responses } = found;
    paths[path] = { ...paths[path], [method.toLowerCase()]: { operationId, parameters, requestBody, responses: withoutExamples(responses) } };
  }
  const components = { schemas: {}, responses: {}, parameters: {}, headers: {} };
  const pending = [paths];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string') {
        const [, kind, name] = /^#\/components\/(\w+)\/(.+)$/.exec(node.$ref) ?? [];
        if (kind && components[kind] && !(name in components[kind])) {
          components[kind][name] = withoutExamples(description.components[kind][name]);
          pending.push(components[kind][name]);
        }
      }
      pending.push(...Object.values(node));
    }
  }
  return {
    $comment: `The operations test/support/fakeGitHub.ts answers, copied unchanged from GitHub's OpenAPI description of api.github.com (github/rest-api-description) as the npm package @octokit/openapi ${VERSION} ships it (generated/api.github.com.json), examples left out. Written by scripts/github-openapi-subset.mjs.`,
    openapi: description.openapi,
    info: { title: description.info.title, version: description.info.version },
    paths,
    components,
  };
}

function withoutExamples(value) {
  if (Array.isArray(value)) return value.map(withoutExamples);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'examples' && key !== 'example').map(([key, inner]) => [key, withoutExamples(inner)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
