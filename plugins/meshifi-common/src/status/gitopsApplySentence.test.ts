import { gitopsApplySentence } from './gitopsApplySentence';

describe('gitopsApplySentence', () => {
  it('tells the analyst their own file could not be applied, and who can help', () => {
    expect(
      gitopsApplySentence(
        {
          state: 'file-failed',
          file: 'domains/sales/products/orders.yaml',
          reason: 'yaml: line 3: did not find expected node content.',
        },
        true,
      ),
    ).toBe(
      "The platform could not apply this data product's file domains/sales/products/orders.yaml: yaml: line 3: did not find expected node content. Ask your platform team, or fix the file in the GitOps repository.",
    );
  });

  it('names the sibling file that holds the domain back, and what happens to this product', () => {
    const held = {
      state: 'held-back',
      domain: 'sales',
      file: 'domains/sales/products/broken.yaml',
      reason: 'failed to decode',
    } as const;
    expect(gitopsApplySentence(held, true)).toBe(
      'Changes to the data products of sales are held back: the file domains/sales/products/broken.yaml could not be applied. This product keeps its last applied state. Ask your platform team if it stays so.',
    );
    expect(gitopsApplySentence(held, false)).toBe(
      'Changes to the data products of sales are held back: the file domains/sales/products/broken.yaml could not be applied. This product is created once that is fixed. Ask your platform team if it stays so.',
    );
  });

  it('names a refused sibling, or gives the reason when nothing is named', () => {
    expect(
      gitopsApplySentence(
        { state: 'held-back', product: 'orders2', reason: 'Invalid' },
        true,
      ),
    ).toBe(
      'Changes to the data products of no domain are held back: the data product orders2 could not be applied. This product keeps its last applied state. Ask your platform team if it stays so.',
    );
    expect(
      gitopsApplySentence(
        {
          state: 'held-back',
          domain: 'sales',
          reason: "dependency 'flux-system/meshifi-domains' is not ready",
        },
        true,
      ),
    ).toBe(
      "Changes to the data products of sales are held back: the platform could not apply them: dependency 'flux-system/meshifi-domains' is not ready. This product keeps its last applied state. Ask your platform team if it stays so.",
    );
  });

  it('says nothing while applying goes well', () => {
    expect(gitopsApplySentence(undefined, true)).toBeUndefined();
    expect(gitopsApplySentence({ state: 'applied' }, true)).toBeUndefined();
    expect(gitopsApplySentence({ state: 'applying' }, false)).toBeUndefined();
  });
});
