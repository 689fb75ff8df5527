// The pull request a PM sees before it is sent, and may edit: title, body,
// labels, reviewers, draft. Pure: everything it needs is in its input.

import { readPlanningSummary } from '../../planning';
import { aiDisclosure } from './ai';
import { composeBody } from './body';
import { draftReasonOf, reviewersOf, signOffsOf } from './people';
import { decide } from './refusal';
import { composeTitle } from './title';
import { DEFAULT_LABELS, type ComposedPullRequest, type ComposeInput } from './types';

export function composePullRequest(input: ComposeInput): ComposedPullRequest {
  const labelNames = { ...DEFAULT_LABELS, ...definedOnly(input.labels ?? {}) };
  const summary = input.planning ? readPlanningSummary(input.planning.text) : undefined;
  const findings = input.review.result.findings;
  const decision = decide(findings, input.pairing ?? false);
  const ai = aiDisclosure(input.change.commits, input.aiFiles, input.planning && { text: input.planning.text, aiSection: summary?.aiAssistance }, input.aiUsed);
  const regulated = input.policy.zone.mode === 'regulated';
  const understood = input.understood ?? false;
  const signOffs = signOffsOf(input.policy, summary);
  const draft = input.draft ?? (regulated || decision.pairing);
  const draftReason = draftReasonOf(draft, decision.pairing, signOffs);

  const body = composeBody({
    summary,
    planning: input.planning,
    remote: input.remote,
    head: input.head,
    files: input.change.files,
    policy: input.policy,
    checklist: input.review.checklist,
    findings,
    applicable: input.review.applicable,
    ticked: input.ticked,
    signOffs,
    ...(draftReason && !decision.pairing ? { draftReason } : {}),
    ai,
    understood,
    pairing: decision.pairing,
    ...(input.energy !== undefined && Number.isInteger(input.energy) && input.energy >= 1 && input.energy <= 5 ? { energy: input.energy } : {}),
  });
  const labels = unique([
    labelNames.pmAuthored,
    ...(ai.involved ? [labelNames.aiAssisted] : []),
    ...(decision.pairing ? [labelNames.needsPairing] : []),
  ]);

  return {
    title: composeTitle(summary, input.change.commits, input.head),
    body,
    labels,
    reviewers: reviewersOf(input.policy, summary),
    draft,
    ...(draftReason ? { draftReason } : {}),
    base: input.base,
    head: input.head,
    blockers: decision.blockers,
    canOpen: decision.canOpen,
    ...(decision.refusal ? { refusal: decision.refusal } : {}),
    pairing: decision.pairing,
    pairingPossible: decision.pairingPossible,
    aiFiles: ai.files,
    aiStatement: ai.planningSays,
  };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => typeof value === 'string' && value.trim() !== '')) as Partial<T>;
}

function unique(labels: string[]): string[] {
  const seen = new Set<string>();
  return labels.map((label) => label.trim()).filter((label) => label !== '' && !seen.has(label.toLowerCase()) && Boolean(seen.add(label.toLowerCase())));
}
