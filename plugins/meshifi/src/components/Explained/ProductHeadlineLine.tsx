import { Typography } from '@material-ui/core';
import { productHeadline, ProvisioningReport } from '@meshifi/common';
import { ExplainedFailure } from './ExplainedFailure';

/** The line on top of the product's page: can I use my data product? */
export function ProductHeadlineLine(props: { report: ProvisioningReport }) {
  const headline = productHeadline(props.report);
  if (headline.verdict === 'blocked') {
    return (
      <div data-testid="product-headline" data-verdict="blocked">
        <ExplainedFailure failure={headline.failure} headline={headline.text} />
      </div>
    );
  }
  return (
    <Typography
      variant="body1"
      data-testid="product-headline"
      data-verdict={headline.verdict}
      style={{ overflowWrap: 'anywhere' }}
    >
      {headline.text}
    </Typography>
  );
}
