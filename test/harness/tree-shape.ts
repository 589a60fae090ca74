import type { Tree } from 'web-tree-sitter';

/** Type, range and children of every node of a tree: stricter than toString(), which omits ranges. */
export function treeShape(tree: Tree): string {
  const out: string[] = [];
  const cursor = tree.walk();
  let depth = 0;
  for (;;) {
    out.push(`${depth}:${cursor.nodeType}${cursor.nodeIsMissing ? '!' : ''}@${cursor.startIndex}-${cursor.endIndex}(${cursor.startPosition.row}:${cursor.startPosition.column})`);
    if (cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return out.join(' ');
      }
      depth--;
    }
  }
}
