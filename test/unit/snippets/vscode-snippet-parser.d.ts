/**
 * Types for the part of VS Code's own snippet parser (shipped by monaco-editor-core, which has no
 * typings for its internal modules) that the snippet tests use.
 */
declare module 'monaco-editor-core/esm/vs/editor/contrib/snippet/browser/snippetParser.js' {
  export abstract class Marker {
    readonly parent: Marker | undefined;
    get children(): readonly Marker[];
    toString(): string;
  }
  export class Text extends Marker {
    readonly value: string;
  }
  export class Choice extends Marker {
    readonly options: readonly Text[];
  }
  export class Placeholder extends Marker {
    readonly index: number;
    get isFinalTabstop(): boolean;
    get choice(): Choice | undefined;
  }
  export class Variable extends Marker {
    readonly name: string;
  }
  export class TextmateSnippet extends Marker {
    get placeholders(): readonly Placeholder[];
    /** Visits markers depth-first in text order; returning false stops the walk. */
    walk(visitor: (marker: Marker) => boolean): void;
  }
  export class SnippetParser {
    static escape(value: string): string;
    parse(value: string, insertFinalTabstop?: boolean, enforceFinalTabstop?: boolean): TextmateSnippet;
  }
}
