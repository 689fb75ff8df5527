import * as vscode from 'vscode';
import { ContextKey } from '../commandIds';
import { setContext } from './contextKeys';

// The "First week as a PM author" walkthrough's steps, which the surfaces
// mark done as the PM takes them (walkthrough.ts registers the walkthrough).

const WALKTHROUGH_ID = 'pmZone.firstWeek';

/** The steps of the walkthrough, as package.json names them. */
export type WalkthroughStep = 'zone' | 'branch' | 'styleGuide' | 'styleGuideMissing' | 'planning' | 'copyChange' | 'review' | 'pullRequest' | 'guardAgents';

/** `<publisher>.<name>`, known once the walkthrough is registered. */
let extensionId: string | undefined;

/** Called by the walkthrough's registration: steps are marked from then on. */
export function markStepsOf(id: string): void {
  extensionId = id;
}

/** The walkthrough as VS Code's commands name it: `<extension id>#pmZone.firstWeek`. */
export function walkthroughArgument(): string {
  return `${extensionId}#${WALKTHROUGH_ID}`;
}

/**
 * Marks a step done. VS Code records a step's `completionEvents` only while
 * its walkthrough service is alive, and that service starts with the Welcome
 * page or the walkthrough itself: a PM who asks why a file is locked before
 * ever opening the walkthrough would find the step still open. Marking the
 * step directly keeps it, across windows too. The command is VS Code's own
 * ("Mark Step Complete"); where it is missing the completion events remain.
 */
export function completeStep(step: WalkthroughStep): void {
  if (!extensionId) return;
  void Promise.resolve(vscode.commands.executeCommand('welcome.markStepComplete', `${walkthroughArgument()}#${step}`)).catch(() => undefined);
}

/** The shakedown pull request is done when it is open on GitHub, not when the command ran. */
export function pullRequestSent(): void {
  completeStep('pullRequest');
  void setContext(ContextKey.PullRequestSent, true);
}

/** Wraps a command handler so that running it completes `step`, as its `onCommand:` event says. */
export function completingStep<Args extends unknown[], Result>(step: WalkthroughStep, handler: (...args: Args) => Result): (...args: Args) => Result {
  return (...args: Args) => {
    completeStep(step);
    return handler(...args);
  };
}

/**
 * Wraps a command handler so that `step` completes only when it did what
 * the step says (`done` of its result): a branch created, a planning doc
 * written, the guide opened. Cancelling at question 2 of 5 ticks nothing.
 * The step's completion event is the context key, set here.
 */
export function completingWhen<Args extends unknown[], Result>(
  step: WalkthroughStep,
  key: ContextKey,
  handler: (...args: Args) => Promise<Result>,
  done: (result: Result) => boolean,
): (...args: Args) => Promise<Result> {
  return async (...args: Args) => {
    const result = await handler(...args);
    if (done(result)) {
      completeStep(step);
      void setContext(key, true);
    }
    return result;
  };
}
