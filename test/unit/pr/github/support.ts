import type { PullRequestRequest } from '../../../../src/core/pr/github/client';

/** The smallest pull request the client tests send: no labels, no reviewers. */
export const change: PullRequestRequest = {
  owner: 'acme',
  repo: 'shop',
  title: 'Checkout copy',
  body: '',
  head: 'copy',
  base: 'main',
  draft: false,
  labels: [],
  reviewers: [],
};
