import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import path from 'path';
import { promisify } from 'util';
import { parseAllDocuments, stringify } from 'yaml';
import { crossplaneDir } from '../testing/paths';

const run = promisify(execFile);

/** An object `crossplane render` prints: the XR, a composed resource or a Result. */
export type RenderedObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any;
  data?: Record<string, string>;
  status?: any;
};

/** A path in the Crossplane package. */
export const inPackage = (...parts: string[]) =>
  path.join(crossplaneDir, ...parts);

/**
 * The real `crossplane render` with the functions served for the tests:
 * what it prints, or, for renderError, what it says when it fails.
 */
export function crossplaneRenderer(crossplane: string, functionsFile: string) {
  async function render(
    xr: string,
    composition: string,
    extra: string[] = [],
  ): Promise<RenderedObject[]> {
    const { stdout } = await run(
      crossplane,
      ['render', xr, composition, functionsFile, ...extra],
      { maxBuffer: 20 * 1024 * 1024 },
    );
    return parseAllDocuments(stdout).map(d => d.toJS() as RenderedObject);
  }

  /** What `crossplane render` says on stderr when it fails; throws when it succeeds. */
  async function renderError(
    xr: string,
    composition: string,
    extra: string[] = [],
  ): Promise<string> {
    const outcome = await render(xr, composition, extra).then(
      output => ({ output }),
      error => error as { stderr: string },
    );
    if (!('stderr' in outcome)) {
      throw new Error(
        `crossplane render composed ${JSON.stringify(
          outcome.output.map(o => `${o.kind} ${o.metadata.name}`),
        )} instead of failing`,
      );
    }
    return outcome.stderr;
  }

  return { render, renderError };
}

/**
 * A folder holding the example domain and the namespace it composes,
 * labelled as Crossplane does: what a product's function asks Crossplane
 * for, given to the render with --required-resources.
 */
export async function exampleDomainRequired(
  render: ReturnType<typeof crossplaneRenderer>['render'],
  workDir: string,
): Promise<string> {
  const domainFile = inPackage('examples/datadomain.yaml');
  const domainOutput = await render(
    domainFile,
    inPackage('apis/datadomains/composition.yaml'),
  );
  const required = path.join(workDir, 'sales-required');
  await fs.mkdir(required);
  await fs.copyFile(domainFile, path.join(required, 'datadomain.yaml'));
  await fs.writeFile(
    path.join(required, 'namespace.yaml'),
    stringify(domainOutput.find(o => o.kind === 'Namespace')),
  );
  return required;
}
