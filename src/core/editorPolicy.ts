// dist/editor-policy.js: what the editor's first badges need, and nothing
// else: the policy read from the cache in the git folder (or parsed, with the
// markdown parser from dist/review-libraries.js) and git's user.email. Bundled
// apart from dist/core.js, whose megabyte took about 200 ms to compile on
// the extension host's one thread, which git's extension shares while it
// reads the repository for its own decorations. Everything else the editor
// does reaches the core through dist/core.js, once git has decorated.

export { buildStamp, cachedRepositoryPolicy, EDITOR_POLICY_CACHE_FILE, loadRepositoryPolicy } from './repository';
export { Git, userEmail } from './git';
