// The sections of the starter skill file, in order, with the items no check
// can answer (the PM ticks them). Each check places its own item in one of
// them (`item` in its definition).

export const STARTER_SECTIONS = [
  { title: 'Scope', manual: [] },
  { title: 'Planning', manual: ['The engineering DRI has read the planning doc'] },
  { title: 'Feature flags', manual: [] },
  { title: 'Analytics', manual: ['The dashboard that reads the new events is linked from PLANNING.md'] },
  { title: 'Copy and i18n', manual: ['The copy follows the style guide'] },
  { title: 'Prompts', manual: ['I tried the changed prompt on real examples'] },
  { title: 'Security and privacy', manual: [] },
  { title: 'AI assistance', manual: [] },
] as const satisfies readonly { title: string; manual: readonly string[] }[];

export type StarterSection = (typeof STARTER_SECTIONS)[number]['title'];
