import fc from 'fast-check';
import { LABELS } from '../constants';
import { hasControlCharacter } from '../gitops/readGitopsFile';
import { KubernetesObject } from '../model/types';
import {
  GITOPS_APPLY_REASON_MAX_LENGTH,
  GitopsApply,
  gitopsApplyOf,
  GitopsProduct,
  gitopsProductOf,
} from './gitopsApply';
import { gitopsApplySentence } from './gitopsApplySentence';

const orders: GitopsProduct = {
  namespace: 'sales',
  name: 'orders',
  file: 'domains/sales/products/orders.yaml',
};

const loose: GitopsProduct = {
  namespace: 'default',
  name: 'loose',
  file: 'products/loose.yaml',
};

/** A Kustomization as kustomize-controller v1.9.6 leaves it. */
function kustomization(
  productsOf: string,
  ready?: { status: string; reason?: string; message?: unknown },
): KubernetesObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name: `meshifi-products-${productsOf}`,
      namespace: 'flux-system',
      labels: {
        'app.kubernetes.io/part-of': 'meshifi',
        [LABELS.productsOf]: productsOf,
      },
    },
    spec: { path: `./domains/${productsOf}/products` },
    status: {
      lastAttemptedRevision: `main@sha1:${'a'.repeat(40)}`,
      conditions: ready ? [{ type: 'Ready', ...ready }] : [],
    },
  };
}

const buildFailed = (file: string, tmp = '/tmp/kustomization-2231187446') =>
  `kustomize build failed: failed to decode Kubernetes YAML from ${tmp}/${file}: MalformedYAMLError: yaml: line 3: did not find expected node content`;

describe('gitopsApplyOf', () => {
  it('knows nothing when no Kustomization applies the product folder', () => {
    expect(gitopsApplyOf(orders, [])).toBeUndefined();
    expect(
      gitopsApplyOf(orders, [
        kustomization('finance', { status: 'False', message: 'broken' }),
        kustomization('none', { status: 'False', message: 'broken' }),
      ]),
    ).toBeUndefined();
    // Unlabelled: not one of meshifi's.
    const unlabelled = kustomization('sales', { status: 'False' });
    delete unlabelled.metadata.labels;
    expect(gitopsApplyOf(orders, [unlabelled])).toBeUndefined();
  });

  it('says applied when Ready, applying while Flux works or has not started', () => {
    expect(
      gitopsApplyOf(orders, [
        kustomization('sales', {
          status: 'True',
          reason: 'ReconciliationSucceeded',
        }),
      ]),
    ).toEqual({ state: 'applied' });
    expect(
      gitopsApplyOf(orders, [
        kustomization('sales', {
          status: 'Unknown',
          reason: 'Progressing',
          message: 'Reconciliation in progress',
        }),
      ]),
    ).toEqual({ state: 'applying' });
    expect(gitopsApplyOf(orders, [kustomization('sales')])).toEqual({
      state: 'applying',
    });
  });

  it("names the product's own broken file, without Flux's temporary folder", () => {
    expect(
      gitopsApplyOf(orders, [
        kustomization('sales', {
          status: 'False',
          reason: 'BuildFailed',
          message: buildFailed('domains/sales/products/orders.yaml'),
        }),
      ]),
    ).toEqual({
      state: 'file-failed',
      file: 'domains/sales/products/orders.yaml',
      reason:
        'failed to decode Kubernetes YAML from domains/sales/products/orders.yaml: MalformedYAMLError: yaml: line 3: did not find expected node content',
    });
  });

  it('finds the temporary folder wherever TMPDIR points', () => {
    const apply = gitopsApplyOf(loose, [
      kustomization('none', {
        status: 'False',
        reason: 'BuildFailed',
        message: buildFailed(
          'products/loose.yaml',
          '/var/folders/x y/T/kustomization-1',
        ),
      }),
    ]);
    // A space in TMPDIR leaves its head, never the path a reader needs.
    expect(apply).toMatchObject({
      state: 'file-failed',
      file: 'products/loose.yaml',
    });
    expect((apply as { reason: string }).reason).not.toContain(
      'kustomization-1',
    );
  });

  it('says the cluster refused the product itself', () => {
    const message =
      'DataProduct/sales/orders dry-run failed (Invalid): DataProduct.meshifi.io "orders" is invalid: spec.info.version: Invalid value';
    expect(
      gitopsApplyOf(orders, [
        kustomization('sales', {
          status: 'False',
          reason: 'ReconciliationFailed',
          message,
        }),
      ]),
    ).toEqual({
      state: 'file-failed',
      file: 'domains/sales/products/orders.yaml',
      reason: message,
    });
  });

  it('names the sibling file that holds the domain back', () => {
    expect(
      gitopsApplyOf(orders, [
        kustomization('sales', {
          status: 'False',
          reason: 'BuildFailed',
          message: buildFailed('domains/sales/products/broken.yaml'),
        }),
      ]),
    ).toEqual({
      state: 'held-back',
      domain: 'sales',
      file: 'domains/sales/products/broken.yaml',
      reason:
        'failed to decode Kubernetes YAML from domains/sales/products/broken.yaml: MalformedYAMLError: yaml: line 3: did not find expected node content',
    });
  });

  it('names the sibling product the cluster refused, not a longer name that starts alike', () => {
    expect(
      gitopsApplyOf(orders, [
        kustomization('sales', {
          status: 'False',
          reason: 'ReconciliationFailed',
          message:
            'DataProduct/sales/orders2 dry-run failed (Invalid): spec: Required value',
        }),
      ]),
    ).toMatchObject({
      state: 'held-back',
      domain: 'sales',
      product: 'orders2',
    });
  });

  it('holds the products of no domain back under their own Kustomization', () => {
    expect(
      gitopsApplyOf(loose, [
        kustomization('none', {
          status: 'False',
          reason: 'BuildFailed',
          message: buildFailed('products/other.yml'),
        }),
      ]),
    ).toEqual({
      state: 'held-back',
      file: 'products/other.yml',
      reason: expect.stringContaining('products/other.yml'),
    });
  });

  it('says held back, without a file, when Flux names none', () => {
    expect(
      gitopsApplyOf(orders, [
        kustomization('sales', {
          status: 'False',
          reason: 'DependencyNotReady',
          message: "dependency 'flux-system/meshifi-domains' is not ready",
        }),
      ]),
    ).toEqual({
      state: 'held-back',
      domain: 'sales',
      reason: "dependency 'flux-system/meshifi-domains' is not ready",
    });
    // No message at all: the reason's code is all there is.
    expect(
      gitopsApplyOf(orders, [
        kustomization('sales', { status: 'False', reason: 'ArtifactFailed' }),
      ]),
    ).toEqual({
      state: 'held-back',
      domain: 'sales',
      reason: 'ArtifactFailed',
    });
  });

  it('takes the worst of several Kustomizations of the same folder', () => {
    expect(
      gitopsApplyOf(orders, [
        kustomization('sales', { status: 'True' }),
        kustomization('sales', {
          status: 'False',
          message: buildFailed('domains/sales/products/orders.yaml'),
        }),
        kustomization('sales', { status: 'Unknown' }),
      ]),
    ).toMatchObject({ state: 'file-failed' });
  });

  it('reads a status that is not what Flux writes without failing', () => {
    for (const status of [
      undefined,
      null,
      'Ready',
      { conditions: 'Ready' },
      { conditions: [null, 3, 'Ready', { type: 'Ready', status: 'False' }] },
    ]) {
      const object = { ...kustomization('sales'), status } as KubernetesObject;
      expect(() => gitopsApplyOf(orders, [object])).not.toThrow();
    }
  });
});

describe('gitopsApplyOf over hostile messages and paths', () => {
  const noise = fc.string({ unit: 'binary', maxLength: 200 });
  /** Paths Flux may quote: meshifi's layout, with anything in its names. */
  const file = fc
    .tuple(
      fc.constantFrom('domains/sales/products/', 'products/', ''),
      fc.oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
        // Longer than any reason a page shows.
        fc.string({ unit: 'binary', maxLength: 400, size: 'max' }),
      ),
      fc.constantFrom('.yaml', '.yml', ''),
    )
    .map(([folder, name, ext]) => `${folder}${name}${ext}`);
  const message = fc.oneof(
    noise,
    fc
      .tuple(noise, fc.string({ maxLength: 30 }), file, noise)
      .map(
        ([before, tmp, path, after]) =>
          `${before}/${tmp}/kustomization-${tmp.length}/${path}${after}`,
      ),
    fc
      .tuple(noise, file, noise)
      .map(([before, path, after]) => `${before} from ${path}: ${after}`),
    fc
      .tuple(noise, noise, noise)
      .map(([ns, name, after]) => `DataProduct/${ns}/${name} ${after}`),
    fc.string({
      unit: 'binary',
      minLength: GITOPS_APPLY_REASON_MAX_LENGTH,
      maxLength: 5_000,
      size: 'max',
    }),
  );

  const textsOf = (apply: GitopsApply): string[] =>
    Object.values(apply).filter((v): v is string => typeof v === 'string');

  it('never echoes a control character, a temporary folder or an unbounded text', () => {
    fc.assert(
      fc.property(
        message,
        fc.constantFrom('True', 'False', 'Unknown'),
        fc.boolean(),
        (text, status, own) => {
          const product = own ? orders : loose;
          const apply = gitopsApplyOf(product, [
            kustomization(own ? 'sales' : 'none', {
              status,
              message: text,
            }),
          ])!;
          for (const value of textsOf(apply)) {
            expect(hasControlCharacter(value)).toBe(false);
            expect(value).not.toMatch(/\/kustomization-\d+\//);
            expect(value.length).toBeLessThanOrEqual(
              GITOPS_APPLY_REASON_MAX_LENGTH,
            );
          }
          // Only ever this product's own file, never one a message made up.
          expect(
            apply.state === 'file-failed' ? apply.file : product.file,
          ).toBe(product.file);
          const sentence = gitopsApplySentence(apply, own) ?? '';
          expect(hasControlCharacter(sentence)).toBe(false);
          expect(sentence.length).toBeLessThan(
            GITOPS_APPLY_REASON_MAX_LENGTH + 300,
          );
        },
      ),
    );
  });

  it('never takes a file whose message does not name it for the product', () => {
    fc.assert(
      fc.property(noise, noise, (before, after) => {
        const text = `${before}${after}`;
        fc.pre(!text.includes(orders.file) && !text.includes('DataProduct/'));
        expect(
          gitopsApplyOf(orders, [
            kustomization('sales', { status: 'False', message: text }),
          ])?.state,
        ).toBe('held-back');
      }),
    );
  });
});

describe('gitopsProductOf', () => {
  const manifest = (name: string, domain?: string) =>
    ({
      apiVersion: 'meshifi.io/v1alpha1',
      kind: 'DataProduct',
      metadata: { name, namespace: domain ?? 'default' },
      spec: {
        info: { name, version: '0.1.0' },
        access: { owners: ['ana@example.com'] },
        ...(domain && { domain }),
      },
    } as any);

  it('finds the file where the manifest says', () => {
    expect(
      gitopsProductOf('sales', 'orders', manifest('orders', 'sales')),
    ).toEqual(orders);
    expect(gitopsProductOf('default', 'loose', manifest('loose'))).toEqual(
      loose,
    );
  });

  it("falls back on the namespace's folder without a manifest, or with one meshifi would not write", () => {
    expect(gitopsProductOf('sales', 'orders')).toEqual(orders);
    expect(gitopsProductOf('default', 'loose')).toEqual(loose);
    expect(
      gitopsProductOf('sales', 'orders', manifest('Not A Name', 'sales')),
    ).toEqual(orders);
  });
});
