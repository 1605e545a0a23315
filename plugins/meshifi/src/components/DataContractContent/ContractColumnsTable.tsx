import {
  Chip,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { ContractColumn } from '@meshifi/common';
import { columnModeInWords, columnTypeInWords } from './contractInWords';

const useStyles = makeStyles(theme => ({
  name: { fontFamily: 'monospace', overflowWrap: 'anywhere' },
  marks: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  // The mark must read as a warning at a glance, not as one more tag.
  personal: {
    borderColor: theme.palette.warning.main,
    color: theme.palette.warning.dark,
    fontWeight: 'bold',
  },
  header: { wordBreak: 'normal', whiteSpace: 'nowrap' },
}));

/**
 * An output port's columns as an analyst writes SQL against them: name, what
 * the type holds, whether it always has a value, and which columns are the
 * key or hold personal data.
 */
export function ContractColumnsTable(props: {
  port: string;
  columns: ContractColumn[];
  primaryKey: string[];
}) {
  const classes = useStyles();
  const { columns, primaryKey } = props;
  return (
    <Table size="small" aria-label={`Columns of ${props.port}`}>
      <TableHead>
        <TableRow>
          <TableCell className={classes.header}>Column</TableCell>
          <TableCell className={classes.header}>What it holds</TableCell>
          <TableCell className={classes.header}>Value</TableCell>
          <TableCell className={classes.header}>Description</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {columns.map(column => (
          <TableRow key={column.name} data-testid="contract-column">
            <TableCell>
              <Typography variant="body2" className={classes.name}>
                {column.name}
              </Typography>
              <div className={classes.marks}>
                {primaryKey.includes(column.name) && (
                  <Chip
                    size="small"
                    variant="outlined"
                    label="Key"
                    title="Identifies a row, with the other key columns"
                  />
                )}
                {column.personalData && (
                  <Chip
                    size="small"
                    variant="outlined"
                    label="Personal data"
                    className={classes.personal}
                    title="Holds information about a person: use it only as your purpose allows"
                  />
                )}
              </div>
            </TableCell>
            <TableCell>
              {columnTypeInWords(column.type)}
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {column.type}
              </Typography>
            </TableCell>
            <TableCell>{columnModeInWords(column.mode)}</TableCell>
            <TableCell>{column.description ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
