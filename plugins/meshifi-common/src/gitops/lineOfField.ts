import {
  Document,
  isMap,
  isSeq,
  LineCounter,
  Node,
  parseDocument,
  ParsedNode,
} from 'yaml';

/**
 * The offset of the deepest part of a dotted field path (`spec.access.owners.1`)
 * that a YAML document has: the key of a field, the item of a list. A field
 * that is missing points at its nearest parent, where it belongs.
 */
function offsetOfField(
  document: Document<ParsedNode | Node, boolean>,
  field: string,
): number | undefined {
  let node: unknown = document.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const part of field.split('.').filter(Boolean)) {
    if (isMap(node)) {
      const pair = node.items.find(
        item => (item.key as { value?: unknown } | null)?.value === part,
      );
      if (!pair) {
        break;
      }
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(part)) {
      const item = node.items[Number(part)] as Node | undefined;
      if (!item) {
        break;
      }
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

/** The 1-based line of a field in a parsed document, as positioned by its LineCounter. */
export function lineOfNode(
  document: Document<ParsedNode | Node, boolean>,
  lineCounter: LineCounter,
  field: string,
): number | undefined {
  const offset = offsetOfField(document, field);
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

/**
 * The 1-based line of a field (`spec.info.name`) in a YAML file's content,
 * for messages that point an analyst at it; undefined when the content has
 * no such place. Never expands aliases.
 */
export function lineOfField(
  content: string,
  field: string,
): number | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(content, { lineCounter });
  return lineOfNode(document, lineCounter, field);
}
