import { WarningPanel } from '@backstage/core-components';
import { gitopsApplySentence, ProvisioningReport } from '@meshifi/common';

/**
 * When the platform could not apply the product's file, or another file of
 * its domain holds the domain's changes back: what happened and who can
 * help, in the words of gitopsApplySentence (shared with the status API's
 * reason). Nothing while the files apply.
 */
export function GitopsApplyNotice(props: { report: ProvisioningReport }) {
  const { report } = props;
  const apply = report.gitopsApply;
  // With its XR in the cluster, the product keeps its last applied state.
  const sentence = gitopsApplySentence(apply, Boolean(report.xr));
  if (!apply || !sentence) {
    return null;
  }
  return (
    <div data-testid="gitops-apply">
      <WarningPanel
        defaultExpanded
        severity={apply.state === 'file-failed' ? 'error' : 'warning'}
        title={
          apply.state === 'file-failed'
            ? "This data product's file could not be applied"
            : "Changes to this domain's data products are held back"
        }
        message={sentence}
      />
    </div>
  );
}
