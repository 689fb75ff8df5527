// init's draft on the layouts real repositories have: the names engineering's
// folders and files go by in Node, Go, PHP/Laravel, Python and Ruby trees,
// locked through the drafted section as every surface reads it (parse, then
// resolveZone); PM copy about the same topics left editable.
import * as assert from 'node:assert/strict';
import { draftZoneSection, scanRepository } from '../../../src/core/init';
import { parseZonePolicy, resolveZone } from '../../../src/core/policy';

const ENGINEERING = [
  // Node monorepos (medusa, dub, cal.com shapes).
  'packages/modules/providers/auth-google/src/services/google.ts',
  'packages/modules/providers/auth-emailpass/src/index.ts',
  'packages/plugins/better-auth/src/index.ts',
  'packages/modules/providers/payment-stripe/src/core/stripe-base.ts',
  'packages/core/framework/src/http/middlewares/authenticate-middleware.ts',
  'packages/modules/api-key/src/services/api-key-module.ts',
  'apps/web/lib/apiKeys/create.ts',
  'apps/web/app/(auth)/login/page.tsx',
  'apps/web/lib/stripe/client.ts',
  'apps/web/app/api/billing/route.ts',
  'apps/web/app/invoices/[id]/page.tsx',
  'apps/web/prisma/schema.prisma',
  'apps/web/lib/crypto.ts',
  'apps/web/lib/encryption/keys.ts',
  'apps/web/lib/audit-logs/record.ts',
  'apps/web/lib/rbac/roles.ts',
  'apps/web/lib/passport/strategy.ts',
  // Go (memos shapes).
  'store/migration/sqlite/0.22/00__memo.sql',
  'server/router/api/v1/session.go',
  'internal/permission/check.go',
  // PHP / Laravel.
  'backend/app/Http/Middleware/Authenticate.php',
  'backend/config/auth.php',
  'backend/config/session.php',
  'backend/database/migrations/2024_01_01_000000_create_users.php',
  // Python / Django and Alembic.
  'saleor/payment/gateways/adyen/plugin.py',
  'saleor/permission/enums.py',
  'service/alembic/versions/0001_initial.py',
  // Ruby on Rails.
  'db/migrate/20240101000000_create_accounts.rb',
  'db/schema.rb',
  'app/controllers/sessions_controller.rb',
  // Infrastructure and CI.
  'Dockerfile.dev',
  'docker/backend/Dockerfile',
  'docker-compose.yml',
  'deploy/helm/app/Chart.yaml',
  'infra/terraform/main.tf',
  '.github/workflows/ci.yml',
  '.github/dependabot.yml',
  '.changeset/brave-lions.md',
];

/** Copy a PM edits: strings files (Laravel's PHP arrays too, in either layout) and documentation (MDX pages too) about the same
 * topics: never locked by their words, and PM-editable. */
const PM_COPY = [
  'backend/lang/en/auth.php',
  'backend/lang/de/passwords.php',
  'resources/lang/en/validation.php',
  'apps/web/locales/en/billing.json',
  'docs/auth/overview.md',
  'www/apps/book/app/learn/fundamentals/auth/page.mdx',
  'apps/web/README.md',
];

const ELSEWHERE = ['apps/web/lib/author.ts', 'apps/web/app/blog/authors/page.tsx', 'apps/web/hooks/useSessionStorage.ts'];

describe('init: the draft locks what engineering owns on real layouts', () => {
  const paths = [...ENGINEERING, ...PM_COPY, ...ELSEWHERE, 'apps/web/app/page.tsx', 'package.json'];
  const scan = scanRepository(paths);
  const draft = draftZoneSection(scan, { mode: 'standard', pilots: [], policyFile: 'CLAUDE.md', codeownersFile: '.github/CODEOWNERS' });
  const policy = parseZonePolicy(draft.text);
  const zoneOf = (path: string) => resolveZone(path, { policy, policyFiles: ['CLAUDE.md'] }).zone;

  it('reads the drafted section with no problem', () => {
    assert.deepEqual(policy.problems.filter((problem) => problem.severity === 'error'), []);
  });

  for (const path of ENGINEERING) {
    it(`locks ${path}`, () => assert.equal(zoneOf(path), 'locked', draft.text));
  }

  for (const path of PM_COPY) {
    it(`does not lock ${path}`, () => assert.notEqual(zoneOf(path), 'locked', draft.text));
  }

  it('leaves the strings files and markdown it drafts globs for PM-editable', () => {
    for (const path of PM_COPY) assert.equal(zoneOf(path), 'editable', `${path}\n${draft.text}`);
  });

  it("makes Laravel's PHP strings editable, not its configuration, and says what each glob was drawn from", () => {
    assert.match(draft.text, /^- `\*\*\/lang\/\*\/\*\.php` \(user-facing strings\)$/m);
    assert.ok(draft.drawnFrom.includes('`**/lang/*/*.php`: 3 PHP strings files'), draft.drawnFrom.join('\n'));
    assert.ok(draft.drawnFrom.includes('`**/*.mdx`: 1 MDX page'), draft.drawnFrom.join('\n'));
    const laravel = parseZonePolicy(draftZoneSection(scanRepository(['backend/lang/en/messages.php', 'backend/config/app.php', 'backend/config/mail.php', 'backend/app/Models/Event.php', 'backend/routes/api.php']), { mode: 'standard', pilots: [], policyFile: 'CLAUDE.md', codeownersFile: 'CODEOWNERS' }).text);
    const laravelZone = (path: string) => resolveZone(path, { policy: laravel, policyFiles: ['CLAUDE.md'] }).zone;
    assert.equal(laravelZone('backend/lang/en/messages.php'), 'editable');
    for (const path of ['backend/config/app.php', 'backend/config/mail.php', 'backend/app/Models/Event.php', 'backend/routes/api.php']) assert.notEqual(laravelZone(path), 'editable', path);
  });

  it('drafts no MDX glob where the repository has no MDX page', () => {
    assert.doesNotMatch(draftZoneSection(scanRepository(['docs/intro.md', 'src/index.ts']), { mode: 'standard', pilots: [], policyFile: 'CLAUDE.md', codeownersFile: 'CODEOWNERS' }).text, /\.mdx/);
  });

  it('locks no name that only holds the letters of a topic (author, session storage)', () => {
    assert.deepEqual(ELSEWHERE.filter((path) => zoneOf(path) === 'locked'), [], draft.text);
  });

  it('says in the section what each glob was drawn from', () => {
    assert.match(draft.text, /<!-- Inferred from this repository's paths/);
    assert.match(draft.text, /\*\*\/auth-\*\/\*\*: authentication, from packages\/modules\/providers\/auth-emailpass, packages\/modules\/providers\/auth-google/);
    assert.match(draft.text, /backend\/config\/\*\*\/auth\.php: authentication, from backend\/config\/auth\.php|backend\/config\/auth\.php: authentication/);
  });

  it('lists as feature folders only folders a PM works in, not test suites or engineering modules', () => {
    const folders = scanRepository([
      'src/features/checkout/components/Button.tsx',
      'src/features/auth/components/Login.tsx',
      'integration-tests/modules/__tests__/cart.spec.ts',
      'packages/modules/cart/src/service.ts',
      'packages/modules/cart/package.json',
      'packages/modules/cart/README.md',
      'www/utils/generated/modules/cart/index.ts',
      // dub: a route's own "domains" folder, whose components/ is no feature.
      'apps/web/app/(dashboard)/domains/components/add-domain.tsx',
      'src/features/hooks/useCart.tsx',
    ]).featureFolders;
    assert.deepEqual(folders, ['src/features/checkout']);
  });
});
