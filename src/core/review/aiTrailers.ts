import type { CommitInfo, Trailer } from './model';

export type AiTool = 'Claude' | 'Copilot' | 'Cursor' | 'Codex' | (string & {});

/** One commit that says an AI tool helped write it. */
export interface AiAssistance {
  tool: AiTool;
  /** The commit's sha. */
  commit: string;
  /** The trailer as written: `Co-authored-by: Claude <noreply@anthropic.com>`. */
  trailer: string;
  /** Paths the commit touched. */
  files: string[];
}

/** Trailers that name a co-author; only AI tools among them count. */
const CO_AUTHOR_KEYS = new Set(['co-authored-by']);
/** Trailers that exist to declare AI help; whatever they name counts. */
const AI_KEYS = new Set(['generated-by', 'assisted-by', 'ai-assisted-by', 'generated-with']);

/**
 * How the tools sign their commits. Names alone are matched strictly (a
 * person may be called Claude); the tools' own addresses are matched
 * anywhere.
 */
const KNOWN_TOOLS: readonly { tool: AiTool; name: RegExp; email: RegExp }[] = [
  { tool: 'Claude', name: /^claude(?:[ -](?:code|opus|sonnet|haiku|\d)[\w .-]*)?$/i, email: /@anthropic\.com$/i },
  { tool: 'Copilot', name: /^(?:github )?copilot(?:-swe-agent)?(?:\[bot\])?$/i, email: /copilot/i },
  { tool: 'Cursor', name: /^cursor(?: agent)?(?:\[bot\])?$/i, email: /@cursor\.(?:com|sh)$/i },
  { tool: 'Codex', name: /^(?:openai )?codex(?: cli)?(?:\[bot\])?$|^chatgpt-codex-connector(?:\[bot\])?$/i, email: /^codex@openai\.com$/i },
  { tool: 'Gemini', name: /^gemini(?:[ -](?:code assist|cli|\d)[\w .-]*)?$/i, email: /^gemini[\w.+-]*@google\.com$/i },
  { tool: 'Devin', name: /^devin(?:-ai-integration)?(?:\[bot\])?$/i, email: /@cognition\.ai$/i },
  { tool: 'Aider', name: /^aider(?: \(.*\))?$/i, email: /@aider\.chat$/i },
];

/**
 * Commits whose trailers say an AI tool helped: `Co-authored-by:` naming a
 * known tool, or `Generated-by:` / `Assisted-by:` naming anything. Keys and
 * names are case-insensitive. One entry per commit and tool.
 */
export function detectAiAssistance(commits: CommitInfo[]): AiAssistance[] {
  const found: AiAssistance[] = [];
  for (const commit of commits) {
    const seen = new Set<string>();
    for (const trailer of trailersOf(commit)) {
      const tool = toolOf(trailer);
      if (tool === undefined || seen.has(tool.toLowerCase())) continue;
      seen.add(tool.toLowerCase());
      found.push({ tool, commit: commit.sha, trailer: `${trailer.key}: ${trailer.value}`, files: [...commit.files] });
    }
  }
  return found;
}

/** Sorted unique paths touched by AI-assisted commits. */
export function aiFiles(commits: CommitInfo[]): string[] {
  const assisted = new Set(detectAiAssistance(commits).map((entry) => entry.commit));
  const paths = commits.filter((commit) => assisted.has(commit.sha)).flatMap((commit) => commit.files);
  return [...new Set(paths)].sort();
}

/** The AI tool a trailer names, or undefined when it names none (or a person). */
export function toolOf(trailer: Trailer): AiTool | undefined {
  const key = trailer.key.trim().toLowerCase();
  if (!CO_AUTHOR_KEYS.has(key) && !AI_KEYS.has(key)) return undefined;
  const { name, email } = splitIdentity(trailer.value);
  const known = KNOWN_TOOLS.find((tool) => tool.name.test(name) || (email !== undefined && tool.email.test(email)));
  if (known) return known.tool;
  if (!AI_KEYS.has(key)) return undefined;
  // `Assisted-by: GitHub Copilot` and friends, loosely: the key already says it is AI.
  const loose = KNOWN_TOOLS.find((tool) => new RegExp(`\\b${tool.tool}\\b`, 'i').test(name));
  return loose?.tool ?? (name || email);
}

/**
 * The trailers of a commit: the parsed ones, plus trailer-shaped lines of the
 * body in case the commit was parsed without them. Duplicates are harmless:
 * one entry per tool is kept.
 */
function trailersOf(commit: CommitInfo): Trailer[] {
  const fromBody = [...commit.body.matchAll(/^([A-Za-z][\w-]{0,40}):[ \t]*(\S[^\r\n]*)$/gm)]
    .map((m) => ({ key: m[1] ?? '', value: (m[2] ?? '').trim() }))
    .filter((trailer) => CO_AUTHOR_KEYS.has(trailer.key.toLowerCase()) || AI_KEYS.has(trailer.key.toLowerCase()));
  return [...commit.trailers, ...fromBody];
}

/** `Name <email>` → its parts; a bare value is a name. */
function splitIdentity(value: string): { name: string; email: string | undefined } {
  const match = /^(.*?)\s*<([^<>]*)>\s*$/.exec(value.trim());
  if (!match) return { name: value.trim(), email: undefined };
  return { name: (match[1] ?? '').trim(), email: (match[2] ?? '').trim() || undefined };
}
