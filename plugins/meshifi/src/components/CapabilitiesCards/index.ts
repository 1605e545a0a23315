export { CapabilitiesCards } from './CapabilitiesCards';
export { CapabilityCardView } from './CapabilityCardView';
export { mayHaveCapabilities } from './chosenCapabilities';
