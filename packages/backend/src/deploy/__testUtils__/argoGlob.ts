/**
 * Argo CD's directory include/exclude match: github.com/gobwas/glob, which
 * Argo CD compiles without separators, so `*` and `?` also match `/`. With
 * `separator: '/'` they do not, as in most other glob dialects: patterns
 * meant to work either way are checked with both. Supports `*`, `**`, `?`,
 * `[abc]`, `[!abc]`, `[a-z]`, `{a,b}` (nested) and `\` escapes.
 */
export function argoGlobMatch(
  pattern: string,
  text: string,
  options: { separator?: '/' } = {},
): boolean {
  return new RegExp(`^${toRegExp(pattern, options.separator)}$`, 's').test(
    text,
  );
}

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function toRegExp(pattern: string, separator?: '/'): string {
  const notSeparator = separator ? '[^/]' : '.';
  let out = '';
  const alternatives: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      if (i >= pattern.length) {
        throw new Error(`pattern ends with an escape: ${pattern}`);
      }
      out += escape(pattern[i]);
    } else if (c === '*') {
      const superAsterisk = pattern[i + 1] === '*';
      if (superAsterisk) {
        i++;
      }
      out += superAsterisk ? '.*' : `${notSeparator}*`;
    } else if (c === '?') {
      out += notSeparator;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) {
        throw new Error(`unclosed [ in ${pattern}`);
      }
      const body = pattern.slice(i + 1, end);
      const negated = body.startsWith('!');
      const chars = (negated ? body.slice(1) : body)
        .split('')
        .map(ch => (ch === '-' ? '-' : escape(ch)))
        .join('');
      out += `[${negated ? '^' : ''}${chars}]`;
      i = end;
    } else if (c === '{') {
      alternatives.push(i);
      out += '(?:';
    } else if (c === ',' && alternatives.length > 0) {
      out += '|';
    } else if (c === '}' && alternatives.length > 0) {
      alternatives.pop();
      out += ')';
    } else {
      out += escape(c);
    }
  }
  if (alternatives.length > 0) {
    throw new Error(`unclosed { in ${pattern}`);
  }
  return out;
}
