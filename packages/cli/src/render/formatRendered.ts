import { Document, isScalar, parseDocument, visit } from 'yaml';
import { RenderedComposite } from './renderComposite';

/** Whether a text, written plain, would read back as something else (a date, a boolean, null). */
function readsAsOtherType(text: string): boolean {
  const document = parseDocument(text, { version: '1.1' });
  return (
    isScalar(document.contents) && typeof document.contents.value !== 'string'
  );
}

/**
 * One object as Kubernetes' YAML serializer (go-yaml v2) writes it: keys
 * sorted, sequences not indented, lines folded at 80 columns, a text that
 * would read as another type in double quotes, one that cannot be plain
 * in single quotes.
 */
function kubernetesYaml(object: unknown): string {
  const document = new Document(object, {
    version: '1.1',
    sortMapEntries: true,
  });
  visit(document, {
    Scalar(_key, node) {
      if (
        typeof node.value === 'string' &&
        (node.value === '' || readsAsOtherType(node.value))
      ) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return document.toString({
    indentSeq: false,
    lineWidth: 80,
    minContentWidth: 0,
    singleQuote: true,
  });
}

/**
 * A render as `crossplane render` prints it: each object a YAML document
 * opened by `---`, the XR first, then its composed resources.
 */
export function formatRendered(rendered: RenderedComposite): string {
  return [rendered.xr, ...rendered.composed]
    .map(object => `---\n${kubernetesYaml(object)}`)
    .join('');
}
