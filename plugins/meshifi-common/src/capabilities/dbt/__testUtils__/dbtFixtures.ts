import fc from 'fast-check';
import { dataProductManifest } from '../../../model/manifests';
import { DataProduct } from '../../../model/types';
import { productContextOf } from '../../productContext';
import { SHELL_METACHARACTERS } from '../dbtCommand';
import { DbtSpec } from '../dbtSchema';
import { DbtSettings, PACKAGED_DBT_SETTINGS } from '../dbtSettings';

/** A product in the sales domain with a dbt project. */
export function productWithDbt(
  dbt: unknown = {
    repository: 'https://github.com/acme/sales-dbt.git',
    schedule: '0 6 * * *',
  },
  name = 'customer-orders',
): DataProduct {
  return dataProductManifest({
    info: { name, version: '0.1.0', title: 'Customer orders' },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
    location: 'europe-west2',
    capabilities: { dbt },
  });
}

/** What the core step passes on for a product of the sales domain. */
export function contextOf(product: DataProduct = productWithDbt()) {
  return productContextOf(
    product,
    { project: 'meshifi-platform', location: 'EU' },
    {
      apiVersion: 'meshifi.io/v1alpha1',
      kind: 'DataDomain',
      metadata: { name: 'sales' },
      spec: { gcpProject: 'acme-sales', owners: ['ana@example.com'] },
    } as never,
  );
}

export const settings: DbtSettings = { ...PACKAGED_DBT_SETTINGS };

export const spec: DbtSpec = {
  repository: 'https://github.com/acme/sales-dbt.git',
  schedule: '0 6 * * *',
};

/**
 * Text an attacker would try: shell syntax, option injection, paths out of
 * the clone, control characters, and everything fast-check makes up.
 */
export const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../..',
    '/etc/passwd',
    '$(id)',
    '`id`',
    '; rm -rf /',
    '| sh',
    '&& curl x',
    '--upload-pack=touch /tmp/x',
    '-c core.sshCommand=id',
    "'quoted'",
    '"quoted"',
    'a\nb',
    'a\tb',
    '*',
    '~',
    '#',
    '${HOME}',
    '\u0000',
    'https://user:pass@github.com/acme/x.git',
    'https://github.com/acme/../evil.git',
  ),
  fc
    .array(
      fc.constantFrom(
        'dbt',
        'build',
        'run',
        'source',
        'freshness',
        '--select',
        '-s',
        '--exclude',
        '--selector',
        '--full-refresh',
        '-x',
        '--vars',
        '--profiles-dir',
        'tag:daily',
        '+orders',
        'path:models/..',
        '$(id)',
        ';',
        '|',
        '..',
        '=',
        '--select=a',
        '--select=$(id)',
        '*',
        ' ',
        '  ',
        '\t',
        'https://github.com',
        '/acme',
        '/x.git',
        '@',
        ':',
        '/',
        'main',
        '-',
      ),
      { maxLength: 10 },
    )
    .map(words => words.join(' ')),
  fc
    .array(
      fc.constantFrom(
        'https://',
        'github.com',
        '/',
        'acme',
        '..',
        '.',
        '@',
        ':',
        '443',
        'x.git',
        '%2e',
        ' ',
        '?a',
        '#b',
      ),
      { maxLength: 8 },
    )
    .map(parts => parts.join('')),
);

/** What in a text could mean something to a shell, or lead out of a folder. */
export function unsafeParts(text: string): string[] {
  return [
    ...SHELL_METACHARACTERS.filter(character => text.includes(character)).map(
      character => `has ${JSON.stringify(character)}`,
    ),
    ...(text.includes('..') ? ['has ".."'] : []),
  ];
}

/** What a call gave or threw, for assertions that need no condition. */
export function outcomeOf<T>(
  call: () => T,
): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: call() };
  } catch (error) {
    return { ok: false, error };
  }
}
