import * as vscode from 'vscode';

/**
 * Where the PM starts writing a new planning doc: the line after the
 * Problem heading and its guidance comment (else after the first required
 * section's), so the first keystroke lands in the first section to write.
 */
export async function writingPosition(text: string): Promise<vscode.Position> {
  const { readPlanningDoc } = await import('../../core/planning/index.js');
  const doc = readPlanningDoc(text);
  const lines = doc.text.split('\n');
  const section =
    doc.sections.find((entry) => entry.section?.id === 'problem') ??
    doc.sections.find((entry) => entry.section?.required) ??
    doc.sections[0];
  if (!section) {
    const afterFrontMatter = doc.frontMatter?.block.closed ? doc.frontMatter.closingLine : 0;
    return new vscode.Position(Math.min(afterFrontMatter, lines.length - 1), 0);
  }
  const first = section.nodes[0];
  const guidance = first?.type === 'html' && first.value.trimStart().startsWith('<!--') ? first : undefined;
  // 1-based line of the heading or of the comment's end = 0-based index of the line after it.
  const after = guidance?.position?.end.line ?? section.line;
  if (after < lines.length && lines[after].trim() === '') return new vscode.Position(after, 0);
  // No blank line to write on (the next section follows at once): end of the heading or comment.
  return new vscode.Position(after - 1, lines[after - 1].length);
}
