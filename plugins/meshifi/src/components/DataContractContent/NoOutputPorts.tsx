import { InfoCard } from '@backstage/core-components';
import { Typography } from '@material-ui/core';

/** What an output port is, and how to add one, for a product without any. */
export function NoOutputPorts() {
  return (
    <InfoCard
      title="No output port yet"
      titleTypographyProps={{ component: 'h3' }}
    >
      <Typography variant="body1" paragraph>
        This product does not offer a table to others yet.
      </Typography>
      <Typography variant="body2" paragraph>
        An output port is a table in the product's curated dataset that other
        people and products may read, with a contract: its columns and what they
        hold, how fresh the data is kept, and the checks it passes. The table is
        created in BigQuery from the contract, so what others read is always
        what the contract says.
      </Typography>
      <Typography variant="body2">
        To add one when you create a product, fill in the Create page's optional
        step, Output table. For a product that exists, its owners add the table
        under outputPorts in the product's manifest in its domain's GitOps
        repository.
      </Typography>
    </InfoCard>
  );
}
