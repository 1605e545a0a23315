import { GitopsApply } from './gitopsApply';

/** A reason ends the sentence's clause; its own full stop would double. */
const withoutFullStop = (text: string) => text.replace(/[.\s]+$/, '');

/**
 * What an analyst reads when the platform could not apply a product's file
 * or its domain's: they know SQL, not YAML or Flux, so it names the file and
 * who can help, and says what happens to the product meanwhile. Nothing when
 * applying goes well (or is under way).
 */
export function gitopsApplySentence(
  apply: GitopsApply | undefined,
  /** Whether the cluster has the product: it keeps its last applied state, or is not created yet. */
  inCluster: boolean,
): string | undefined {
  if (apply?.state === 'file-failed') {
    return `The platform could not apply this data product's file ${
      apply.file
    }: ${withoutFullStop(
      apply.reason,
    )}. Ask your platform team, or fix the file in the GitOps repository.`;
  }
  if (apply?.state !== 'held-back') {
    return undefined;
  }
  const products = apply.domain
    ? `the data products of ${apply.domain}`
    : 'the data products of no domain';
  let what = `the platform could not apply them: ${withoutFullStop(
    apply.reason,
  )}`;
  if (apply.file) {
    what = `the file ${apply.file} could not be applied`;
  } else if (apply.product) {
    what = `the data product ${apply.product} could not be applied`;
  }
  const meanwhile = inCluster
    ? 'This product keeps its last applied state.'
    : 'This product is created once that is fixed.';
  return `Changes to ${products} are held back: ${what}. ${meanwhile} Ask your platform team if it stays so.`;
}
