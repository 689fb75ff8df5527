import * as vscode from 'vscode';

/** What a step gives when the PM pressed the Back button. */
export const BACK = Symbol('back');

/** The answer, BACK, or undefined when the PM cancelled (Esc). */
export type Answer<T> = T | typeof BACK | undefined;

/** Where a question sits in the flow: the title bar reads "<title> (<step>/<totalSteps>)". */
export interface StepPosition {
  title: string;
  step: number;
  totalSteps: number;
  /** Show the Back button: there is an earlier question to return to. */
  back: boolean;
}

export interface TextQuestion extends StepPosition {
  prompt: string;
  placeholder?: string;
  value?: string;
  /** Checked as the PM types and again on Enter: an error blocks Enter, a warning or an info only informs. */
  validate?(value: string): vscode.InputBoxValidationMessage | undefined;
}

export interface PickQuestion<T extends vscode.QuickPickItem> extends StepPosition {
  placeholder: string;
  items: readonly T[];
  /** The item highlighted when the question opens (the earlier answer, or the safe default). */
  active?: T;
}

/** One free-text step of a multi-step input. */
export function askText(question: TextQuestion): Promise<Answer<string>> {
  const input = vscode.window.createInputBox();
  place(input, question);
  input.prompt = question.prompt;
  input.placeholder = question.placeholder;
  input.value = question.value ?? '';
  input.validationMessage = question.value ? question.validate?.(question.value) : undefined;
  return settle<string>(input, (finish) => [
    input.onDidChangeValue((value) => {
      input.validationMessage = question.validate?.(value);
    }),
    input.onDidAccept(() => {
      const message = question.validate?.(input.value);
      input.validationMessage = message;
      if (message?.severity !== vscode.InputBoxValidationSeverity.Error) finish(input.value);
    }),
  ]);
}

/** One choice step of a multi-step input. */
export function askPick<T extends vscode.QuickPickItem>(question: PickQuestion<T>): Promise<Answer<T>> {
  const pick = vscode.window.createQuickPick<T>();
  place(pick, question);
  pick.placeholder = question.placeholder;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = question.items;
  if (question.active) pick.activeItems = [question.active];
  return settle<T>(pick, (finish) => [
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (chosen) finish(chosen);
    }),
  ]);
}

function place(input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, position: StepPosition): void {
  input.title = position.title;
  input.step = position.step;
  input.totalSteps = position.totalSteps;
  // Answers typed over several steps are not lost by a click into the editor; Esc still cancels.
  input.ignoreFocusOut = true;
  if (position.back) input.buttons = [vscode.QuickInputButtons.Back];
}

/** Shows the input and resolves once: with the answer, BACK, or undefined when it is hidden (Esc). */
function settle<T>(input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, listen: (finish: (answer: Answer<T>) => void) => vscode.Disposable[]): Promise<Answer<T>> {
  return new Promise((resolve) => {
    let settled = false;
    const listeners: vscode.Disposable[] = [];
    const finish = (answer: Answer<T>) => {
      if (settled) return;
      settled = true;
      for (const listener of listeners) listener.dispose();
      input.dispose();
      resolve(answer);
    };
    listeners.push(
      ...listen(finish),
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish(BACK);
      }),
      input.onDidHide(() => finish(undefined)),
    );
    input.show();
  });
}
