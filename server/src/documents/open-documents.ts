import type { Grammars } from '../parsing/grammars';
import { fileKindOf, type FileKind } from '../parsing/file-kind';
import { ParsedDocument, type ContentChange } from '../parsing/parsed-document';

/** The documents open in the editor, each with its incrementally maintained syntax tree. */
export class OpenDocuments {
  private readonly docs = new Map<string, { doc: ParsedDocument; kind: FileKind }>();

  constructor(private readonly grammars: Grammars) {}

  open(uri: string, languageId: string, version: number, text: string): { doc: ParsedDocument; kind: FileKind } | undefined {
    const kind = kindFor(uri, languageId);
    if (kind === undefined) return undefined;
    this.close(uri);
    const doc = new ParsedDocument(uri, languageId, version, text, this.grammars, kind === 'yaml' ? 'yaml' : 'terraform');
    const entry = { doc, kind };
    this.docs.set(uri, entry);
    return entry;
  }

  change(uri: string, changes: readonly ContentChange[], version: number): { doc: ParsedDocument; kind: FileKind } | undefined {
    const entry = this.docs.get(uri);
    if (entry === undefined) return undefined;
    entry.doc.update(changes, version);
    return entry;
  }

  close(uri: string): boolean {
    const entry = this.docs.get(uri);
    if (entry === undefined) return false;
    entry.doc.dispose();
    this.docs.delete(uri);
    return true;
  }

  get(uri: string): ParsedDocument | undefined {
    return this.docs.get(uri)?.doc;
  }

  isOpen(uri: string): boolean {
    return this.docs.has(uri);
  }

  /** Whether a document of this kind is open. */
  hasOpen(kind: FileKind): boolean {
    for (const entry of this.docs.values()) if (entry.kind === kind) return true;
    return false;
  }

  dispose(): void {
    for (const uri of [...this.docs.keys()]) this.close(uri);
  }
}

/** File name decides; the language id rescues untitled or oddly named documents. */
function kindFor(uri: string, languageId: string): FileKind | undefined {
  const byName = fileKindOf(uri.split('?')[0] ?? uri);
  if (byName !== undefined) return byName;
  if (languageId === 'terraform') return 'terraform';
  if (languageId === 'terraform-vars') return 'terraform-vars';
  if (languageId === 'yaml') return 'yaml';
  return undefined;
}
