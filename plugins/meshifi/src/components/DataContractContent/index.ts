export { DataContractContent } from './DataContractContent';
