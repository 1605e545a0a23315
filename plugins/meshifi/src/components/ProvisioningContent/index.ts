export { ProvisioningContent } from './ProvisioningContent';
