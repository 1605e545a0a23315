import {
  InfoCard,
  LinkButton,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { AccessGrantView } from '@meshifi/common';
import { useState } from 'react';
import { useProductAccess } from '../../hooks/useProductAccess';
import { errorMessage } from '../../hooks/useProvisioning';
import { AccessGrantsTable, grantKey } from './AccessGrantsTable';
import { DeclineDialog } from './DeclineDialog';
import { useAccessDecisions } from './useAccessDecisions';
import { useRequestAccessLink } from './useRequestAccessLink';

const TITLE = 'Access';

function RequestAccessButton(props: { to: string }) {
  return (
    <LinkButton to={props.to} variant="outlined" color="primary">
      Request access
    </LinkButton>
  );
}

function NobodyYet(props: { requestLink: string }) {
  return (
    <>
      <Typography variant="body1" gutterBottom>
        Nobody else has access to this product yet
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        People, teams and other data products ask for access here; the product's
        owners approve or decline each request, and access ends on the day it
        was asked until.
      </Typography>
      <RequestAccessButton to={props.requestLink} />
    </>
  );
}

/**
 * On a data product's page: who may read its data, the requests waiting
 * for the owners, Approve and Decline for the owners, and the way to ask.
 */
export function AccessCard() {
  const { entity } = useEntity();
  const access = useProductAccess(entity);
  const requestLink = useRequestAccessLink(entity);
  const decisions = useAccessDecisions(access.refresh);
  const [declining, setDeclining] = useState<AccessGrantView>();
  const { report, error, loading } = access;

  if (!report) {
    return (
      <InfoCard title={TITLE}>
        {loading || !error ? (
          <Progress />
        ) : (
          <WarningPanel
            defaultExpanded
            severity="error"
            title="Who has access could not be read just now"
            message={errorMessage(error)}
          />
        )}
      </InfoCard>
    );
  }

  const { failure, deciding } = decisions;
  const declineFailure =
    failure?.action === 'decline' &&
    declining &&
    failure.requestId === declining.requestId
      ? failure.error
      : undefined;
  const decline = async (reason: string) => {
    if (declining?.requestId) {
      const declined = await decisions.decline(declining.requestId, reason);
      if (declined) {
        setDeclining(undefined);
      }
    }
  };

  return (
    <InfoCard
      title={TITLE}
      subheader={
        report.mayApprove
          ? 'You are an owner: you approve or decline the requests.'
          : "The product's owners approve or decline each request."
      }
      action={
        report.grants.length > 0 ? (
          <Box mt={1} mr={1}>
            <RequestAccessButton to={requestLink} />
          </Box>
        ) : undefined
      }
    >
      {error && (
        <WarningPanel
          title="The last refresh failed; showing the previous answer"
          message={errorMessage(error)}
        />
      )}
      {failure?.action === 'approve' && (
        <Box mb={2}>
          <WarningPanel
            defaultExpanded
            severity="error"
            title="The request could not be approved"
            message={errorMessage(failure.error)}
          />
        </Box>
      )}
      {report.grants.length === 0 ? (
        <NobodyYet requestLink={requestLink} />
      ) : (
        <AccessGrantsTable
          grants={report.grants}
          busy={deciding !== undefined}
          onApprove={decisions.approve}
          onDecline={setDeclining}
        />
      )}
      {declining && (
        <DeclineDialog
          key={grantKey(declining)}
          consumer={declining.consumer.email}
          busy={deciding !== undefined}
          error={declineFailure}
          onCancel={() => setDeclining(undefined)}
          onDecline={decline}
        />
      )}
    </InfoCard>
  );
}
