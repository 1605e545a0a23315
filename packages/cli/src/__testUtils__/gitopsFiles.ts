import {
  dataAccessManifest,
  dataDomainManifest,
  dataProductManifest,
  DataProductSpec,
  OutputPort,
} from '@meshifi/common';
import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import path from 'path';
import { stringify } from 'yaml';

/** A data product's file content, built by the model as the Create page writes it. */
export function productYaml(name: string, domain = 'sales'): string {
  return stringify(
    dataProductManifest({
      info: { name, version: '1.0.0', title: `The ${name}` },
      access: { owners: ['ana@example.com'] },
      domain,
    }),
  );
}

/** A table of orders with a contract, for products with output ports. */
export function ordersTable(name = 'orders'): OutputPort {
  return {
    name,
    contract: {
      columns: [
        { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
        { name: 'amount', type: 'NUMERIC' },
      ],
      primaryKey: ['order_id'],
    },
  };
}

/**
 * A data product's file content with output ports (`orders` when not
 * given), the tables it reads as `product.port`, and other fields.
 */
export function portedProductYaml(
  name: string,
  options: {
    domain?: string;
    version?: string;
    ports?: OutputPort[];
    reads?: string[];
    spec?: Partial<DataProductSpec>;
  } = {},
): string {
  return stringify(
    dataProductManifest({
      info: { name, version: options.version ?? '1.0.0' },
      access: { owners: ['ana@example.com'] },
      domain: options.domain ?? 'sales',
      outputPorts: options.ports ?? [ordersTable()],
      ...(options.reads
        ? {
            inputPorts: options.reads.map(read => {
              const [product, port] = read.split('.');
              return { product, port };
            }),
          }
        : {}),
      ...options.spec,
    }),
  );
}

/** An access grant's file content, built by the model: marketing may read the product's curated layer. */
export function grantYaml(name: string, product: string, namespace = 'sales') {
  return stringify(
    dataAccessManifest(name, namespace, {
      product,
      consumer: {
        type: 'group',
        email: 'marketing@example.com',
        entityRef: 'group:default/marketing',
      },
      layer: 'curated',
      level: 'read',
      purpose: 'Weekly campaign reporting.',
      expires: '2027-03-31',
    }),
  );
}

/** A data domain's file content, built by the model. */
export function domainYaml(name: string, gcpProject = `acme-${name}-data`) {
  return stringify(
    dataDomainManifest(name, {
      owner: `group:default/${name}-team`,
      gcpProject,
    }),
  );
}

/** Writes files (path → content) under a folder, making their folders. */
export function writeFiles(root: string, files: Record<string, string>) {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

/**
 * Makes a git repository in `root` holding `files` in one commit, as a
 * person would: `git init`, `git add`, `git commit`.
 */
export function gitRepository(root: string, files: Record<string, string>) {
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=ana', '-c', 'user.email=ana@example.com', ...args],
      { cwd: root, stdio: 'pipe' },
    );
  mkdirSync(root, { recursive: true });
  git('init', '--quiet', '--initial-branch=main');
  writeFiles(root, files);
  git('add', '-A');
  git('commit', '--quiet', '--allow-empty', '-m', 'The data mesh');
  return root;
}

/** A YAML "billion laughs": nine levels of nine aliases each. */
export const ALIAS_BOMB = [
  'a0: &a0 "lol"',
  ...Array.from(
    { length: 9 },
    (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`,
  ),
].join('\n');
