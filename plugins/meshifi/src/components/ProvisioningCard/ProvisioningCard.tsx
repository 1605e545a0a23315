import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import {
  gitopsApplySentence,
  productHeadline,
  ProvisioningReport,
} from '@meshifi/common';
import {
  errorMessage,
  Provisioning,
  useProvisioning,
} from '../../hooks/useProvisioning';
import { ProductHeadlineLine } from '../Explained';
import { GitopsApplyNotice } from './GitopsApplyNotice';
import { EventsShown, ProvisioningDetails } from './ProvisioningDetails';
import { StateIndicator } from './StateIndicator';

const TITLE = 'Provisioning in Google Cloud';

function Summary(props: { report: ProvisioningReport }) {
  const { report } = props;
  const clusters = report.clusters.map(c => c.name).join(', ');
  return (
    // A reason can quote a provider's message with ids and URLs in it.
    <Box style={{ overflowWrap: 'anywhere' }}>
      <ProductHeadlineLine report={report} />
      <GitopsApplyNotice report={report} />
      <Typography variant="h6" component="p" data-testid="provisioning-state">
        <StateIndicator state={report.state} />
      </Typography>
      {showsReason(report) && (
        <Typography variant="body1" data-testid="provisioning-reason">
          {report.reason}
        </Typography>
      )}
      <Typography variant="caption" color="textSecondary">
        As of {new Date(report.observedAt).toLocaleTimeString()}
        {clusters ? ` · cluster ${clusters}` : ''}
      </Typography>
    </Box>
  );
}

/**
 * The status API's reason, under the one line on top, when it adds to it:
 * not when the line already is the reason, not for a failure, whose reason
 * quotes the provider and is explained above instead, and not when it is
 * the GitOps notice's sentence (a product a held-back file keeps out).
 */
function showsReason(report: ProvisioningReport): boolean {
  const { verdict } = productHeadline(report);
  return (
    (verdict === 'ready' || verdict === 'not-yet') &&
    report.reason !== gitopsApplySentence(report.gitopsApply, false)
  );
}

/**
 * What Crossplane has provisioned for the product in BigQuery and IAM, with
 * the reason when something is pending or broken. Refreshes until ready.
 */
export function ProvisioningCard() {
  return <ProvisioningCardView provisioning={useProvisioning()} />;
}

/** The card for a given state of the data, so the tab can share one fetch. */
export function ProvisioningCardView(props: {
  provisioning: Provisioning;
  /** The events that matter to the owner (the card), or all (the tab). */
  events?: EventsShown;
}) {
  const { report, error, forbidden, loading } = props.provisioning;
  if (forbidden) {
    return (
      <InfoCard title={TITLE}>
        <WarningPanel
          severity="info"
          title="You may not see what was provisioned for this product"
          message={error && errorMessage(error)}
        />
      </InfoCard>
    );
  }
  if (!report) {
    return (
      <InfoCard title={TITLE}>
        {loading || !error ? (
          <Progress />
        ) : (
          <ResponseErrorPanel error={error} />
        )}
      </InfoCard>
    );
  }
  return (
    <InfoCard title={TITLE}>
      {error && (
        <WarningPanel
          title="The last refresh failed; showing the previous answer"
          message={errorMessage(error)}
        />
      )}
      <Summary report={report} />
      <ProvisioningDetails report={report} events={props.events ?? 'matter'} />
    </InfoCard>
  );
}
