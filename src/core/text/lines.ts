// Offsets into a text and the 1-based lines and columns people read.

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** Maps offsets of one text to 1-based lines and columns (LF and CRLF alike: `\r` stays at a line's end). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  /** 0-based offset where a 1-based line starts; undefined past the last line. */
  lineStart(line: number): number | undefined {
    return this.starts[line - 1];
  }

  positionOf(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] + 1 };
  }
}

/** 1-based line and column of one offset. For many offsets into one text, build one `LineIndex`. */
export function positionOf(text: string, offset: number): Position {
  return new LineIndex(text).positionOf(offset);
}

/** A line of a text split on LF: a CRLF file's lines keep their CR, which is no part of what they say. */
export function withoutCR(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
