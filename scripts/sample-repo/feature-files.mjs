// The two pilot feature folders of the sample repository: checkout (@alice)
// and search (@bob). Copy, prompts, analytics events, flags and components:
// the files a PM may change, and an API client they may not.

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

const checkoutEn = {
  checkout: {
    title: 'Checkout',
    greeting: 'Welcome back, {name}!',
    summary: {
      heading: 'Order summary',
      items: '{count} items in your cart',
      subtotal: 'Subtotal: {subtotal}',
      shipping: 'Shipping: {shipping}',
      total: 'Total: {total}',
    },
    delivery: {
      estimate: 'Arrives by {date}',
      freeOver: 'Free delivery on orders over {threshold}',
    },
    button: {
      placeOrder: 'Place order',
      payAmount: 'Pay {total}',
      back: 'Back to cart',
    },
    errors: {
      cardDeclined: 'Your card was declined. Try another card or contact {bank}.',
      outOfStock: '{product} is out of stock.',
    },
  },
};

const checkoutFr = {
  checkout: {
    title: 'Paiement',
    greeting: 'Bon retour, {name} !',
    summary: {
      heading: 'Récapitulatif de la commande',
      items: '{count} articles dans votre panier',
      subtotal: 'Sous-total : {subtotal}',
      shipping: 'Livraison : {shipping}',
      total: 'Total : {total}',
    },
    delivery: {
      estimate: 'Livraison prévue le {date}',
      freeOver: 'Livraison offerte dès {threshold} d’achat',
    },
    button: {
      placeOrder: 'Passer la commande',
      payAmount: 'Payer {total}',
      back: 'Retour au panier',
    },
    errors: {
      cardDeclined: 'Votre carte a été refusée. Essayez une autre carte ou contactez {bank}.',
      outOfStock: '{product} est en rupture de stock.',
    },
  },
};

const searchEn = {
  search: {
    placeholder: 'Search products',
    results: '{count} results for “{query}”',
    empty: 'No results for “{query}”. Check the spelling or try a shorter search.',
    didYouMean: 'Did you mean {suggestion}?',
    filters: { heading: 'Filters', clear: 'Clear all', price: 'Price up to {max}' },
  },
};

const searchFr = {
  search: {
    placeholder: 'Rechercher des produits',
    results: '{count} résultats pour « {query} »',
    empty: 'Aucun résultat pour « {query} ». Vérifiez l’orthographe ou raccourcissez la recherche.',
    didYouMean: 'Vouliez-vous dire {suggestion} ?',
    filters: { heading: 'Filtres', clear: 'Tout effacer', price: 'Prix jusqu’à {max}' },
  },
};

export const featureFiles = {
  'src/features/checkout/components/CheckoutButton.tsx': `import { Button } from '../../../components/Button';
import { useFlag } from '../../../lib/flags';
import { t } from '../../../lib/i18n';
import { track } from '../analytics/events';

export interface CheckoutButtonProps {
  total: string;
  disabled?: boolean;
  onConfirm: () => void;
}

/** The primary action of the checkout page. */
export function CheckoutButton({ total, disabled = false, onConfirm }: CheckoutButtonProps) {
  const newCopy = useFlag('checkout_copy_v2');
  const label = newCopy ? t('checkout.button.payAmount', { total }) : t('checkout.button.placeOrder');

  return (
    <Button
      variant="primary"
      size="large"
      disabled={disabled}
      onClick={() => {
        track({ name: 'checkout_button_clicked', copyVariant: newCopy ? 'v2' : 'v1' });
        onConfirm();
      }}
    >
      {label}
    </Button>
  );
}
`,
  'src/features/checkout/i18n/en.json': json(checkoutEn),
  'src/features/checkout/i18n/fr.json': json(checkoutFr),
  'src/features/checkout/prompts/summary.md': `# Order summary prompt

You write the one-paragraph order summary shown above the pay button.

Customer first name: {{customer_name}}
Items in the cart: {{cart_items}}
Delivery estimate: {{delivery_date}}

Rules:
- At most 40 words, in the customer's language ({{locale}}).
- Mention the delivery date; never mention prices, discounts or payment details.
- Friendly and plain; follow the tone of docs/style-guide.md.
- If the cart is empty, answer exactly: "Your cart is empty."
`,
  'src/features/checkout/analytics/events.ts': `// Checkout analytics events. PMs may add events; changing or removing one
// breaks the dashboards built on it.

export type CheckoutEvent =
  | { name: 'checkout_viewed'; itemCount: number }
  | { name: 'checkout_button_clicked'; copyVariant: 'v1' | 'v2' }
  | { name: 'checkout_payment_failed'; reason: 'declined' | 'network' | 'unknown' }
  | { name: 'checkout_completed'; itemCount: number; totalCents: number };

export const CHECKOUT_EVENT_NAMES = [
  'checkout_viewed',
  'checkout_button_clicked',
  'checkout_payment_failed',
  'checkout_completed',
] as const;

export function track(event: CheckoutEvent): void {
  window.dispatchEvent(new CustomEvent('acme:analytics', { detail: { feature: 'checkout', ...event } }));
}
`,
  'src/features/checkout/flags.yaml': `# Feature flags of checkout. Rollout is a percentage of sessions.
flags:
  - name: checkout_copy_v2
    owner: "@alice"
    description: New wording of the order summary and the pay button
    enabled: true
    rollout: 10
  - name: checkout_express_pay
    owner: "@dana"
    description: One-tap payment for returning customers
    enabled: false
    rollout: 0
`,
  'src/features/checkout/api.ts': `// The checkout API client: an engineering contract with the orders service.
import type { Cart } from '../../lib/cart';

export interface PlaceOrderResponse {
  orderId: string;
  estimatedDelivery: string;
}

export async function placeOrder(cart: Cart, paymentToken: string): Promise<PlaceOrderResponse> {
  const response = await fetch('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items: cart.items, paymentToken }),
  });
  if (!response.ok) throw new Error(\`Order failed: \${response.status}\`);
  return (await response.json()) as PlaceOrderResponse;
}
`,
  'src/features/search/components/SearchBox.tsx': `import { useState } from 'react';
import { TextField } from '../../../components/TextField';
import { t } from '../../../lib/i18n';
import { track } from '../analytics/events';

export function SearchBox({ onSearch }: { onSearch: (query: string) => void }) {
  const [query, setQuery] = useState('');

  return (
    <form
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        track({ name: 'search_submitted', queryLength: query.length });
        onSearch(query.trim());
      }}
    >
      <TextField value={query} placeholder={t('search.placeholder')} onChange={setQuery} />
    </form>
  );
}
`,
  'src/features/search/i18n/en.json': json(searchEn),
  'src/features/search/i18n/fr.json': json(searchFr),
  'src/features/search/prompts/rerank.md': `# Search re-ranking prompt

Re-order the candidate products for the query "{{query}}" so that the most
relevant come first. Candidates (JSON): {{candidates}}

Answer with the product ids only, one per line, best first. Never invent ids.
`,
  'src/features/search/analytics/events.ts': `// Search analytics events. Additions only.

export type SearchEvent =
  | { name: 'search_submitted'; queryLength: number }
  | { name: 'search_result_clicked'; position: number }
  | { name: 'search_no_results'; queryLength: number };

export function track(event: SearchEvent): void {
  window.dispatchEvent(new CustomEvent('acme:analytics', { detail: { feature: 'search', ...event } }));
}
`,
  'src/features/search/flags.yaml': `# Feature flags of search. Rollout is a percentage of sessions.
flags:
  - name: search_ranking_v3
    owner: "@bob"
    description: Re-rank results with the prompt in prompts/rerank.md
    enabled: true
    rollout: 25
  - name: search_typo_tolerance
    owner: "@erin"
    enabled: true
    rollout: 100
`,
};
