import { InfoCard } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { CapabilityCard } from '@meshifi/common';
import { CapabilityFacts } from './CapabilityFacts';
import { CapabilityStateLine } from './CapabilityStateLine';

/**
 * Any capability's card, from the data its `card` gives: its title, how it
 * is doing, and its facts. One component for every capability, so that a
 * new capability needs no frontend code.
 */
export function CapabilityCardView(props: { card: CapabilityCard }) {
  const { card } = props;
  return (
    <section aria-label={card.title}>
      <InfoCard title={card.title} titleTypographyProps={{ component: 'h3' }}>
        {card.state && (
          <CapabilityStateLine title={card.title} state={card.state} />
        )}
        {card.facts.length > 0 ? (
          <CapabilityFacts facts={card.facts} />
        ) : (
          !card.state && (
            <Typography variant="body2" color="textSecondary">
              Nothing to show yet.
            </Typography>
          )
        )}
      </InfoCard>
    </section>
  );
}
