import type { Node, Nodes } from 'mdast';
import { LineIndex } from '../text/lines';
import { sourceOf } from '../text/markdown';
import type { Problem, Severity, TextFix } from '../types';

/** A 1-based line and column, as editors count them. */
export interface Point {
  line: number;
  column: number;
}

/**
 * What every reader of the PM zone section shares: the markdown source (BOM
 * removed, so remark's offsets index it directly), the file name problems are
 * filed under, and the list they go to.
 */
export class ReadContext {
  readonly problems: Problem[] = [];
  private readonly lines: LineIndex;

  constructor(
    readonly source: string,
    readonly file: string,
  ) {
    this.lines = new LineIndex(source);
  }

  /** The point of an offset into `source`. */
  pointAt(offset: number): Point {
    return this.lines.positionOf(offset);
  }

  /** The markdown a node was written as. */
  sourceOf(node: Node): string {
    return sourceOf(this.source, node as Nodes);
  }

  report(
    at: Point,
    severity: Severity,
    kind: string,
    message: string,
    extra: { endColumn?: number; fix?: TextFix } = {},
  ): void {
    this.problems.push({ file: this.file, line: at.line, column: at.column, severity, kind, message, ...extra });
  }

  /** Report at a node: its start, and its end column when it ends on the same line. */
  reportAt(node: Node, severity: Severity, kind: string, message: string, fix?: TextFix): void {
    const start = startOf(node);
    const end = node.position?.end;
    const endColumn = end && end.line === start.line ? end.column : undefined;
    const extra: { endColumn?: number; fix?: TextFix } = {};
    if (endColumn !== undefined) extra.endColumn = endColumn;
    if (fix !== undefined) extra.fix = fix;
    this.report(start, severity, kind, message, extra);
  }
}

export function startOf(node: Node): Point {
  const start = node.position?.start;
  return { line: start?.line ?? 1, column: start?.column ?? 1 };
}
