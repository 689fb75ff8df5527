// AI and model providers: keys billed per call, and often over-privileged.
import type { SecretRule } from '../secretRules';
import { token } from './shapes';

export const AI_RULES: readonly SecretRule[] = [
  // Anthropic's keys end `AA`.
  token('Anthropic API key', /^sk-ant-(?:[a-z]+\d*-)?/, 'sk-ant-(?:api|admin|oat)\\d\\d-[A-Za-z0-9_-]{78,118}AA', { edge: 'A-Za-z0-9_-' }),
  // Every OpenAI key, user, project, service account or admin, holds
  // `T3BlbkFJ` ("OpenAI" in base64) between two random halves: an `sk-` value
  // without it is another vendor's or made up (`sk-proj-…abcdefgh…test`).
  token('OpenAI API key', /^sk-(?:proj-|svcacct-|admin-)?/, 'sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160}', { edge: 'A-Za-z0-9_-', hint: 'T3BlbkFJ' }),
  token('Hugging Face token', /^(?:hf_|api_org_)/, '(?:hf_|api_org_)[A-Za-z]{34}'),
  token('Groq API key', /^gsk_/, 'gsk_[A-Za-z0-9]{52}'),
  token('Replicate token', /^r8_/, 'r8_[A-Za-z0-9]{37}'),
  token('Perplexity API key', /^pplx-/, 'pplx-[A-Za-z0-9]{48}', { edge: 'A-Za-z0-9_-' }),
  token('xAI API key', /^xai-/, 'xai-[A-Za-z0-9]{80}', { edge: 'A-Za-z0-9_-' }),
];
