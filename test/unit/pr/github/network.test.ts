import * as assert from 'node:assert/strict';
import { createPullRequest, getAuthenticatedUser, GitHubError } from '../../../../src/core/pr/github/client';
import { closedPort, FakeGitHub } from '../../../support/fakeGitHub';
import { change } from './support';


async function networkFailure(action: Promise<unknown>): Promise<GitHubError> {
  const error = await action.then(
    () => assert.fail('expected a network failure'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof GitHubError);
  assert.equal(error.kind, 'network');
  assert.equal(error.status, undefined);
  return error;
}

describe('GitHub out of reach', () => {
  it('a closed port: cannot reach GitHub (apiUrl), check the network or VPN', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}`;
    const error = await networkFailure(createPullRequest(change, { token: 'ghp_x', apiUrl }));
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(error.message, `PM Zone cannot reach GitHub (${apiUrl}) (ECONNREFUSED). Check the network or VPN, then try again.`);
  });

  it('a host name that does not resolve', async () => {
    const error = await networkFailure(getAuthenticatedUser({ token: 'ghp_x', apiUrl: 'http://github.invalid/api/v3' }));
    assert.match(String(error.code), /ENOTFOUND|EAI_AGAIN/);
    assert.match(error.message, /cannot reach GitHub \(http:\/\/github\.invalid\/api\/v3\)/);
  });

  it('an API address that is not a URL, or not http(s)', async () => {
    for (const apiUrl of ['not a url', 'ftp://ghe.example.com/api/v3']) {
      const error = await networkFailure(getAuthenticatedUser({ token: 'ghp_x', apiUrl }));
      assert.match(error.nextStep, /GitHub Enterprise address/);
    }
  });

  it('credentials written into the API address never show in the message', async () => {
    const apiUrl = `http://someone:ghp_inUrl@127.0.0.1:${await closedPort()}`;
    const error = await networkFailure(getAuthenticatedUser({ token: 'ghp_x', apiUrl }));
    assert.doesNotMatch(error.message, /ghp_inUrl|someone/);
  });

  describe('a server that drops the connection or never answers', () => {
    let github: FakeGitHub;
    before(async () => {
      github = await FakeGitHub.start();
      github.addRepo('acme', 'shop', { branches: { copy: 1 } });
    });
    after(() => github.close());

    it('the socket destroyed mid-request is a network failure, with nothing created', async () => {
      github.failNext('GET /repos/:o/:r/pulls', 'destroy-socket');
      const error = await networkFailure(createPullRequest(change, { token: github.token, apiUrl: github.apiUrl }));
      assert.match(error.message, /cannot reach GitHub/);
      assert.equal(github.pull('acme', 'shop', 1), undefined);
    });

    it('no answer within the time limit is a network failure that says so', async () => {
      github.failNext('GET /user', 'hang');
      // The server never answers: only the 150 ms limit ends the request (TimeoutError), long before the test's own timeout.
      const error = await networkFailure(getAuthenticatedUser({ token: github.token, apiUrl: github.apiUrl, timeoutMs: 150 }));
      assert.equal(error.code, 'TimeoutError');
      assert.match(error.message, /did not answer in time/);
    });
  });
});
