// AI and model providers: keys billed per call, and often over-privileged.
import type { SecretRule } from '../secretRules';
import { mixesCase, token } from './shapes';

export const AI_RULES: readonly SecretRule[] = [
  // Anthropic's keys end `AA`.
  token('Anthropic API key', /^sk-ant-(?:[a-z]+\d*-)?/, 'sk-ant-(?:api|admin|oat)\\d\\d-[A-Za-z0-9_-]{78,118}AA', { edge: 'A-Za-z0-9_-' }),
  // Every OpenAI key holds `T3BlbkFJ` ("OpenAI" in base64) between two random halves.
  token('OpenAI API key', /^sk-(?:proj-|svcacct-|admin-)?/, 'sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160}', { edge: 'A-Za-z0-9_-' }),
  token('OpenAI API key', /^sk-(?:proj|svcacct|admin)-/, 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}', { edge: 'A-Za-z0-9_-' }),
  // Keys made before project keys: 48 characters, upper, lower case and digits.
  token('OpenAI API key', /^sk-/, 'sk-[A-Za-z0-9]{48}', { edge: 'A-Za-z0-9_-', confirm: mixesCase }),
  token('Hugging Face token', /^(?:hf_|api_org_)/, '(?:hf_|api_org_)[A-Za-z]{34}'),
  token('Groq API key', /^gsk_/, 'gsk_[A-Za-z0-9]{52}'),
  token('Replicate token', /^r8_/, 'r8_[A-Za-z0-9]{37}'),
  token('Perplexity API key', /^pplx-/, 'pplx-[A-Za-z0-9]{48}', { edge: 'A-Za-z0-9_-' }),
  token('xAI API key', /^xai-/, 'xai-[A-Za-z0-9]{80}', { edge: 'A-Za-z0-9_-' }),
];
