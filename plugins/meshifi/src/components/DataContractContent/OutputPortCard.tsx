import { InfoCard } from '@backstage/core-components';
import {
  Box,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { OutputPort } from '@meshifi/common';
import { ReactNode } from 'react';
import { DownloadedFile } from '../../api';
import { Provisioning } from '../../hooks/useProvisioning';
import { ContractColumnsTable } from './ContractColumnsTable';
import { freshnessInWords, qualityRuleInWords } from './contractInWords';
import { DownloadButton } from './DownloadButton';
import { PortTableState } from './PortTableState';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mt={2} component="section" aria-label={props.title}>
      <Typography variant="subtitle2" component="h4" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/**
 * One table the product offers and its contract: what each column holds,
 * how fresh the data is kept, the checks it passes, whether the table
 * exists in BigQuery yet, and the contract as a file.
 */
export function OutputPortCard(props: {
  port: OutputPort;
  productXrName: string;
  provisioning: Provisioning;
  loadContract: () => Promise<DownloadedFile>;
}) {
  const { port } = props;
  const { columns, primaryKey = [], freshness, quality = [] } = port.contract;
  return (
    <InfoCard
      title={port.name}
      titleTypographyProps={{ component: 'h3' }}
      subheader={port.description}
      action={
        <Box mt={1} mr={1}>
          <DownloadButton
            label="Download contract (ODCS)"
            what={`the contract of ${port.name}`}
            load={props.loadContract}
          />
        </Box>
      }
    >
      <Box
        display="flex"
        alignItems="baseline"
        style={{ gap: 8 }}
        aria-label={`State of the table ${port.name}`}
        role="status"
      >
        <Typography variant="body2" component="span">
          Table in BigQuery:
        </Typography>
        <PortTableState
          provisioning={props.provisioning}
          productXrName={props.productXrName}
          port={port.name}
        />
      </Box>
      <Section title="Columns">
        {columns.length > 0 ? (
          <ContractColumnsTable
            port={port.name}
            columns={columns}
            primaryKey={primaryKey}
          />
        ) : (
          <Typography variant="body2" color="textSecondary">
            The contract lists no columns.
          </Typography>
        )}
      </Section>
      <Section title="How fresh the data is">
        <Typography variant="body2">
          {freshness
            ? freshnessInWords(freshness)
            : 'The contract promises no refresh schedule.'}
        </Typography>
      </Section>
      <Section title="Checks the data passes">
        {quality.length > 0 ? (
          <List dense disablePadding aria-label={`Checks of ${port.name}`}>
            {quality.map((rule, i) => (
              <ListItem key={i} disableGutters>
                <ListItemText primary={qualityRuleInWords(rule)} />
              </ListItem>
            ))}
          </List>
        ) : (
          <Typography variant="body2" color="textSecondary">
            The contract promises no checks.
          </Typography>
        )}
      </Section>
    </InfoCard>
  );
}
