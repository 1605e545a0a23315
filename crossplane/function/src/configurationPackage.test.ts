/*
 * The Configuration package of crossplane/, built with the real
 * `crossplane xpkg build` into test-results/ as crossplane/README.md says,
 * then read back: an image tarball whose package layer holds the
 * Configuration's metadata, every XRD and Composition of crossplane/apis, and
 * dependencies that cover what the Compositions use.
 */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import path from 'path';
import { promisify } from 'util';
import { parseAllDocuments } from 'yaml';
import { GCP_KINDS, KubernetesObject } from '@meshifi/common';
import { crossplaneTools } from '@meshifi/test-utils';
import { FUNCTION_NAMES } from './compositions';

jest.setTimeout(120_000);

const run = promisify(execFile);
const crossplaneDir = path.resolve(__dirname, '..', '..');
const repositoryRoot = path.resolve(crossplaneDir, '..');
const outDir = path.join(
  repositoryRoot,
  'test-results',
  'configuration-package',
);
const packageFile = path.join(outDir, 'configuration-meshifi.xpkg');

interface Dependency {
  provider?: string;
  function?: string;
  configuration?: string;
  version: string;
}

/** The objects of a YAML stream; empty documents (a closing `---`) left out. */
const readYaml = async (file: string) =>
  parseAllDocuments(await fs.readFile(file, 'utf8'))
    .map(d => d.toJS() as (KubernetesObject & { spec?: any }) | null)
    .filter(<T>(o: T | null): o is T => o !== null);

/** Extracts a (gzipped) tar archive into a new folder and returns it. */
async function extract(archive: string, into: string): Promise<string> {
  await fs.mkdir(into, { recursive: true });
  await run('tar', ['-xf', archive, '-C', into]);
  return into;
}

let crossplane: string;
/** The image tarball's manifest.json and image config. */
let manifest: Array<{ Config: string; Layers: string[] }>;
let config: {
  config: { Labels: Record<string, string> };
  rootfs: { diff_ids: string[] };
};
let packageYaml: Array<KubernetesObject & { spec?: any }>;
let examplesYaml: string | undefined;

beforeAll(async () => {
  crossplane = crossplaneTools().crossplane;
  await fs.rm(outDir, { recursive: true, force: true });
  await fs.mkdir(outDir, { recursive: true });
  // The command of crossplane/README.md, from the repository's root.
  await run(
    crossplane,
    [
      'xpkg',
      'build',
      '--package-root=crossplane',
      '--examples-root=crossplane/examples',
      '--ignore=function/*/*',
      `--package-file=${packageFile}`,
    ],
    { cwd: repositoryRoot },
  );

  const image = await extract(packageFile, path.join(outDir, 'image'));
  manifest = JSON.parse(
    await fs.readFile(path.join(image, 'manifest.json'), 'utf8'),
  );
  const [{ Config: configFile, Layers: layers }] = manifest;
  config = JSON.parse(await fs.readFile(path.join(image, configFile), 'utf8'));
  // Crossplane labels each of its layers in the image config by digest.
  const layerOf = (annotation: string) =>
    layers.find(
      layer =>
        config.config.Labels[
          `io.crossplane.xpkg:sha256:${path.basename(layer, '.tar.gz')}`
        ] === annotation,
    );
  const base = layerOf('base');
  if (!base) {
    throw new Error(`no package layer among ${layers.join(', ')}`);
  }
  const baseDir = await extract(
    path.join(image, base),
    path.join(outDir, 'package'),
  );
  packageYaml = await readYaml(path.join(baseDir, 'package.yaml'));

  const examples = layerOf('upbound');
  if (examples) {
    const examplesDir = await extract(
      path.join(image, examples),
      path.join(outDir, 'examples'),
    );
    examplesYaml = await fs.readFile(
      path.join(examplesDir, '.up', 'examples.yaml'),
      'utf8',
    );
  }
});

const meta = () =>
  packageYaml.filter(o => o.apiVersion.startsWith('meta.pkg.crossplane.io/'));
const ofKind = (kind: string) => packageYaml.filter(o => o.kind === kind);

describe('the Configuration package built with crossplane xpkg build', () => {
  it('is an image tarball of one image, its layers labelled by Crossplane', () => {
    expect(manifest).toHaveLength(1);
    const { Layers: layers } = manifest[0];
    expect(config.rootfs.diff_ids).toHaveLength(layers.length);
    const labels = layers.map(
      layer =>
        config.config.Labels[
          `io.crossplane.xpkg:sha256:${path.basename(layer, '.tar.gz')}`
        ],
    );
    // The package layer, then the examples layer.
    expect(labels).toEqual(['base', 'upbound']);
  });

  it("holds crossplane.yaml's Configuration as its one metadata", async () => {
    const [source] = await readYaml(
      path.join(crossplaneDir, 'crossplane.yaml'),
    );
    expect(meta()).toHaveLength(1);
    expect(meta()[0]).toMatchObject({
      apiVersion: source.apiVersion,
      kind: 'Configuration',
      metadata: { name: source.metadata.name },
      spec: source.spec,
    });
  });

  it('holds every XRD and Composition of crossplane/apis, as written there', async () => {
    const sources = (
      await Promise.all(
        ['datadomains', 'dataproducts', 'dataaccesses'].flatMap(api =>
          ['definition.yaml', 'composition.yaml'].map(file =>
            readYaml(path.join(crossplaneDir, 'apis', api, file)),
          ),
        ),
      )
    ).flat();
    const key = (o: KubernetesObject) => `${o.kind} ${o.metadata.name}`;
    const objects = packageYaml.filter(o => !meta().includes(o));
    expect(objects.map(key).sort()).toEqual(sources.map(key).sort());
    for (const source of sources) {
      expect(objects.find(o => key(o) === key(source))).toMatchObject(source);
    }
    expect(ofKind('CompositeResourceDefinition')).toHaveLength(3);
    expect(ofKind('Composition')).toHaveLength(3);
  });

  it('depends on the GCP providers of every resource meshifi composes', () => {
    const dependsOn: Dependency[] = meta()[0].spec.dependsOn;
    const providers = dependsOn.flatMap(d => (d.provider ? [d.provider] : []));
    const services = new Set(
      Object.values(GCP_KINDS).map(k => k.apiVersion.split('.')[0]),
    );
    expect([...services].sort()).toEqual(['bigquery', 'cloudplatform']);
    for (const service of services) {
      expect(providers).toContain(
        `xpkg.upbound.io/upbound/provider-gcp-${service}`,
      );
    }
    for (const dependency of dependsOn) {
      expect(dependency.version).toMatch(/^>=v\d+\.\d+\.\d+$/);
    }
  });

  it('depends on every function its Compositions run but its own', async () => {
    const dependsOn: Dependency[] = meta()[0].spec.dependsOn;
    const functions = dependsOn.flatMap(d => (d.function ? [d.function] : []));
    const used = new Set(
      ofKind('Composition').flatMap(c =>
        c.spec.pipeline.map(
          (step: { functionRef: { name: string } }) => step.functionRef.name,
        ),
      ),
    );
    expect([...used].sort()).toEqual(
      [FUNCTION_NAMES.autoReady, FUNCTION_NAMES.meshifi].sort(),
    );
    // meshifi's own function is a package of its own, installed by name.
    const [ownFunction] = await readYaml(
      path.join(crossplaneDir, 'function', 'package', 'crossplane.yaml'),
    );
    expect(ownFunction.metadata.name).toBe(FUNCTION_NAMES.meshifi);
    for (const name of [...used].filter(n => n !== FUNCTION_NAMES.meshifi)) {
      expect(functions.map(f => f.split('/').pop())).toContain(name);
    }
  });

  it('carries the examples of crossplane/examples', async () => {
    expect(examplesYaml).toBeDefined();
    const kinds = parseAllDocuments(examplesYaml!)
      .map(d => d.toJS())
      .filter(Boolean)
      .map((o: KubernetesObject) => `${o.kind} ${o.metadata.name}`);
    const expected = (
      await Promise.all(
        (
          await fs.readdir(path.join(crossplaneDir, 'examples'))
        ).map(file => readYaml(path.join(crossplaneDir, 'examples', file))),
      )
    )
      .flat()
      .map(o => `${o.kind} ${o.metadata.name}`);
    expect(kinds.sort()).toEqual(expected.sort());
  });

  it("refuses a build that takes in the function's own package metadata", async () => {
    // crossplane/function/package/crossplane.yaml is a Function's metadata.
    // `--ignore=function/*` skips only the files right in function/ (its `*`
    // does not cross `/`): the build reads two metadata and stops.
    const build = run(
      crossplane,
      [
        'xpkg',
        'build',
        '--package-root=crossplane',
        '--examples-root=crossplane/examples',
        '--ignore=function/*',
        `--package-file=${path.join(outDir, 'refused.xpkg')}`,
      ],
      { cwd: repositoryRoot },
    );
    await expect(build).rejects.toMatchObject({
      stderr: expect.stringContaining('not exactly one package meta type'),
    });
  });
});
