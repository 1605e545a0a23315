import { useEntity } from '@backstage/plugin-catalog-react';
import { Box } from '@material-ui/core';
import { CAPABILITIES, Capability } from '@meshifi/common';
import { useProvisioning } from '../../hooks/useProvisioning';
import { capabilityCardOf } from './capabilityCardOf';
import { CapabilityCardView } from './CapabilityCardView';
import { capabilitiesOfEntity, TurnedOnCapability } from './entityCapabilities';

/** The cards, with the status from the product's live provisioning report. */
function LiveCapabilityCards(props: { turnedOn: TurnedOnCapability[] }) {
  const provisioning = useProvisioning();
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 24 }}>
      {props.turnedOn.map(({ capability, spec }) => (
        <CapabilityCardView
          key={capability.name}
          card={capabilityCardOf(capability, spec, provisioning)}
        />
      ))}
    </Box>
  );
}

/**
 * One card per capability the page's product turns on (dbt models, Fivetran
 * connections), each from the product's spec in the catalog and the status
 * its XR reports, read from the provisioning report the provisioning card
 * reads and kept live the same way. Nothing, and no request, for a product
 * without capabilities.
 */
export function CapabilitiesCards(props: {
  /** The capabilities there are: the registered ones unless a test gives its own. */
  capabilities?: readonly Capability[];
}) {
  const { entity } = useEntity();
  const turnedOn = capabilitiesOfEntity(
    entity,
    props.capabilities ?? CAPABILITIES,
  );
  return turnedOn.length > 0 ? (
    <LiveCapabilityCards turnedOn={turnedOn} />
  ) : null;
}
