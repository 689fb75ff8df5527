// The rest of the sample repository: the engineering zone (auth, payments,
// migrations, infrastructure, CI), a design-system primitive, and the
// repository's own README, package.json and style guide.

export const engineeringFiles = {
  'README.md': `# Acme Shop

The storefront of Acme: product search, cart and checkout.

## Getting started

\`\`\`sh
npm ci
npm run dev
\`\`\`

Open http://localhost:3000.

## Layout

| folder | what | who changes it |
| --- | --- | --- |
| \`src/features/checkout\` | checkout page | PM pilot (@alice), DRI @dana |
| \`src/features/search\` | search page | PM pilot (@bob), DRI @erin |
| \`src/auth\`, \`src/payments\` | sessions, login, payments | engineering only |
| \`src/components\` | design-system primitives | engineering |
| \`db/migrations\`, \`infra\` | database and infrastructure | platform team |

How product managers ship changes here is written down in CLAUDE.md ("PM zone").
`,
  'package.json': `${JSON.stringify(
    {
      name: 'acme-shop',
      version: '3.14.0',
      private: true,
      scripts: { dev: 'vite', build: 'vite build', test: 'vitest run', lint: 'eslint src' },
      dependencies: { react: '^18.3.1', 'react-dom': '^18.3.1', stripe: '^16.2.0' },
      devDependencies: { typescript: '^5.5.4', vite: '^5.4.0', vitest: '^2.0.5' },
    },
    null,
    2,
  )}\n`,
  'docs/style-guide.md': `# Acme voice and style

- Plain words, short sentences. "Pay now", not "Proceed to payment".
- Sentence case for buttons and headings: "Place order", not "Place Order".
- Address the customer as "you"; never blame them ("Your card was declined", not "You entered a wrong card").
- Numbers and dates come from placeholders (\`{total}\`, \`{date}\`), never written into the copy.
- French copy uses a non-breaking space before \`!\`, \`?\`, \`:\` and \`;\`.
`,
  'src/components/Button.tsx': `import type { ButtonHTMLAttributes, ReactNode } from 'react';

/** Design-system primitive: every button of the shop is one of these. */
export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger';
  size?: 'small' | 'medium' | 'large';
  children: ReactNode;
}

export function Button({ variant = 'secondary', size = 'medium', children, ...rest }: ButtonProps) {
  return (
    <button className={\`acme-button acme-button--\${variant} acme-button--\${size}\`} {...rest}>
      {children}
    </button>
  );
}
`,
  'src/auth/session.ts': `import { randomUUID } from 'node:crypto';

const SESSION_TTL_MS = 30 * 60 * 1000;

export interface Session {
  id: string;
  userId: string;
  expiresAt: number;
}

const sessions = new Map<string, Session>();

export function createSession(userId: string, now = Date.now()): Session {
  const session = { id: randomUUID(), userId, expiresAt: now + SESSION_TTL_MS };
  sessions.set(session.id, session);
  return session;
}

export function readSession(id: string, now = Date.now()): Session | undefined {
  const session = sessions.get(id);
  if (!session || session.expiresAt <= now) return undefined;
  return session;
}
`,
  'src/auth/login.ts': `import { createSession, type Session } from './session';
import { verifyPassword } from './passwords';

export async function login(email: string, password: string): Promise<Session> {
  const user = await verifyPassword(email, password);
  if (!user) throw new Error('Invalid e-mail or password');
  return createSession(user.id);
}
`,
  'src/payments/stripe.ts': `import Stripe from 'stripe';

// The key comes from the environment, never from the repository.
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '', { apiVersion: '2024-06-20' });

export async function chargeCart(totalCents: number, currency: string, paymentMethod: string) {
  return stripe.paymentIntents.create({
    amount: totalCents,
    currency,
    payment_method: paymentMethod,
    confirm: true,
  });
}
`,
  'src/payments/refunds.ts': `import { chargeCart } from './stripe';

export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

export async function refund(paymentIntentId: string, reason: RefundReason): Promise<void> {
  void chargeCart;
  throw new Error(\`Refunds go through the payments team (\${paymentIntentId}, \${reason})\`);
}
`,
  'db/migrations/001_init.sql': `-- Initial schema of Acme Shop.
CREATE TABLE customers (
  id          UUID PRIMARY KEY,
  email       TEXT NOT NULL UNIQUE,
  first_name  TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE orders (
  id            UUID PRIMARY KEY,
  customer_id   UUID NOT NULL REFERENCES customers (id),
  total_cents   INTEGER NOT NULL CHECK (total_cents >= 0),
  currency      CHAR(3) NOT NULL,
  placed_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
`,
  'infra/terraform/main.tf': `terraform {
  required_version = ">= 1.6"
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "assets" {
  bucket = "acme-shop-assets"
}
`,
  '.github/workflows/ci.yml': `name: CI
on:
  pull_request:
  push:
    branches: [main]

jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci
      - run: npm run lint
      - run: npm test
`,
  '.gitignore': 'node_modules/\ndist/\n.env\n',
};

/** Added with the `unenforced` option: engineering-only in CLAUDE.md, owned by no CODEOWNERS rule. */
export const auditFiles = {
  'src/audit/trail.ts': `// Writes every flag flip to the audit log.
export function recordFlagFlip(flag: string, author: string, enabled: boolean): void {
  console.info(JSON.stringify({ kind: 'flag-flip', flag, author, enabled, at: new Date().toISOString() }));
}
`,
};
