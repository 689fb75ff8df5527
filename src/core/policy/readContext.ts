import type { Node } from 'mdast';
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
  private readonly lineStarts: number[];

  constructor(
    readonly source: string,
    readonly file: string,
  ) {
    this.lineStarts = [0];
    for (let i = 0; i < source.length; i++) {
      if (source[i] === '\n') this.lineStarts.push(i + 1);
    }
  }

  /** The point of an offset into `source`. */
  pointAt(offset: number): Point {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
  }

  /** The markdown a node was written as. */
  sourceOf(node: Node): string {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? '' : this.source.slice(start, end);
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
