import * as path from 'node:path';
import { readFile } from 'node:fs/promises';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { parseOrThrow } from './parsed-document';

/** The grammars the server parses with. */
export type GrammarId = 'terraform' | 'yaml';

const grammarFiles: Readonly<Record<GrammarId, string>> = {
  terraform: 'tree-sitter-terraform.wasm',
  yaml: 'tree-sitter-yaml.wasm',
};

/** Where the tree-sitter runtime wasm and the grammar wasm files live. */
export interface AssetLocation {
  /** Folder holding web-tree-sitter.wasm and the grammar .wasm files. */
  readonly wasmDir: string;
}

async function wasmBytes(file: string): Promise<Uint8Array> {
  const bytes = await readFile(file);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

let runtimeReady: Promise<void> | undefined; // Parser.init is process-global: do it once.

/**
 * Parsers abandoned after a wasm trap, kept reachable for the life of the process: web-tree-sitter
 * frees an unreachable parser from a FinalizationRegistry callback, and freeing a corrupt parser traps
 * again — outside any try, which would end the process.
 */
const abandonedParsers: Parser[] = [];

/**
 * Loaded tree-sitter languages plus one parser per language. Bytes are read by us (not by
 * emscripten's environment sniffing), so the same code runs from the bundle, the CLI and tests.
 */
export class Grammars {
  private constructor(
    private readonly languages: ReadonlyMap<GrammarId, Language>,
    private readonly parsers: Map<GrammarId, Parser>,
  ) {}

  static async load(assets: AssetLocation): Promise<Grammars> {
    const runtime = path.join(assets.wasmDir, 'web-tree-sitter.wasm');
    runtimeReady ??= wasmBytes(runtime).then((wasmBinary) =>
      Parser.init({ wasmBinary, locateFile: () => runtime } as object),
    );
    await runtimeReady;
    const ids = Object.keys(grammarFiles) as GrammarId[];
    const loaded = await Promise.all(
      ids.map(async (id) => [id, await Language.load(await wasmBytes(path.join(assets.wasmDir, grammarFiles[id])))] as const),
    );
    return new Grammars(new Map(loaded), new Map());
  }

  language(id: GrammarId): Language {
    const language = this.languages.get(id);
    if (language === undefined) throw new Error(`grammar not loaded: ${id}`);
    return language;
  }

  /** One shared parser per grammar; parsing is synchronous, so sharing is safe. */
  parser(id: GrammarId): Parser {
    let parser = this.parsers.get(id);
    if (parser === undefined) {
      parser = new Parser();
      parser.setLanguage(this.language(id));
      this.parsers.set(id, parser);
    }
    return parser;
  }

  /**
   * Parses with this grammar's shared parser, reusing `oldTree` (already edited) when given. A wasm
   * trap (WebAssembly.RuntimeError) — a grammar's scanner failing on hostile input — may leave the
   * parser's memory corrupt, so that parser is abandoned (never used or freed again) and the next
   * parse gets a new one.
   */
  parse(id: GrammarId, text: string, oldTree?: Tree): Tree {
    const parser = this.parser(id);
    try {
      return parseOrThrow(parser, text, oldTree);
    } catch (error) {
      if (error instanceof Error && error.name === 'RuntimeError') {
        this.parsers.delete(id);
        abandonedParsers.push(parser);
      }
      throw error;
    }
  }

  dispose(): void {
    for (const parser of this.parsers.values()) parser.delete();
    this.parsers.clear();
  }
}
