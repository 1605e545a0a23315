import { Link } from '@backstage/core-components';
import { makeStyles, Typography } from '@material-ui/core';
import { CapabilityFact } from '@meshifi/common';
import { webAddressOf } from './webAddress';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
    margin: 0,
  },
  value: { margin: 0, overflowWrap: 'anywhere' },
}));

/**
 * A capability's facts as a definition list: each label with its value,
 * the value a link (opening in a new tab) where the fact has a web address.
 */
export function CapabilityFacts(props: { facts: CapabilityFact[] }) {
  const classes = useStyles();
  return (
    <dl className={classes.list}>
      {props.facts.map((fact, index) => {
        const href = webAddressOf(fact.href);
        return (
          <div key={`${index}-${fact.label}`} style={{ display: 'contents' }}>
            <Typography component="dt" variant="body2" color="textSecondary">
              {fact.label}
            </Typography>
            <Typography
              component="dd"
              variant="body2"
              className={classes.value}
            >
              {href ? (
                <Link to={href} target="_blank" rel="noopener noreferrer">
                  {fact.value}
                </Link>
              ) : (
                fact.value
              )}
            </Typography>
          </div>
        );
      })}
    </dl>
  );
}
