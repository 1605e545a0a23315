import {
  dataDomainManifest,
  dataProductManifest,
  DataProduct,
  gitopsPath,
  hasControlCharacter,
  PlatformConfig,
} from '@meshifi/common';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { domainFilePath } from './composeProductFile';
import { formatPlanMarkdown } from './formatPlanMarkdown';
import { formatPlanText } from './formatPlanText';
import { planChange } from './planChange';
import { planReport } from './planReport';
import { RepositorySnapshot } from './repositorySnapshot';

const platform: PlatformConfig = {
  project: 'platform-project',
  location: 'EU',
};
const base = {
  ref: 'main',
  commit: 'a'.repeat(40),
  description: 'main (aaaa)',
};

const domain = {
  [domainFilePath('sales')]: stringify(
    dataDomainManifest('sales', {
      owner: 'group:default/s',
      gcpProject: 'acme-sales-data',
    }),
  ),
};
const orders = (title: string): DataProduct =>
  dataProductManifest({
    info: { name: 'orders', version: '1.0.0', title },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
  });
const side = (files: Record<string, string>): RepositorySnapshot => ({
  files: new Map(Object.entries(files)),
  unreadable: new Map(),
});

/** The plan of retitling the product from one title to another. */
function retitled(from: string, to: string) {
  return planReport(
    base,
    planChange(
      side({ ...domain, [gitopsPath(orders(from))]: stringify(orders(from)) }),
      side({ ...domain, [gitopsPath(orders(to))]: stringify(orders(to)) }),
      platform,
    ),
  );
}

const hostile = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '<img src=x onerror=alert(1)>',
    '| a | b |',
    '[click](https://evil.example)',
    '`code` **bold** ~~gone~~',
    'line\nbreak\u2028and\u202eoverride',
  ),
);

describe('plans as text and Markdown', () => {
  it('keeps any title inert in a pull request comment: no HTML, link, cell or line of its own', () => {
    fc.assert(
      fc.property(hostile, hostile, (from, to) => {
        fc.pre(from !== to);
        const report = retitled(from, to);
        // Three datasets change their display name: the rows under test.
        expect(report.products[0].change).toHaveLength(3);
        const markdown = formatPlanMarkdown(report);
        for (const row of markdown
          .split('\n')
          .filter(l => l.startsWith('| '))) {
          expect(row.match(/(?<!\\)\|/g)).toHaveLength(3);
        }
        expect(markdown).not.toMatch(/(?<!\\)</);
        expect(markdown).not.toMatch(/(?<!\\)\[click\]/);
        expect(markdown).not.toMatch(/[\u2028\u202e]/);
      }),
    );
  });

  it('gives each resource of the text one line, whatever the title holds', () => {
    fc.assert(
      fc.property(hostile, hostile, (from, to) => {
        fc.pre(from !== to);
        const text = formatPlanText(retitled(from, to));
        // One line for each dataset's new display name.
        expect(text.split('\n').filter(l => l.startsWith('  ~ '))).toHaveLength(
          3,
        );
        expect(
          text.split('\n').filter(line => hasControlCharacter(line)),
        ).toEqual([]);
      }),
    );
  });
});
