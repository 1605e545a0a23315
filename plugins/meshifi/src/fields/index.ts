export {
  DataProductNameField,
  validateDataProductName,
} from './DataProductNameField';
export { DataProductPlanField } from './DataProductPlanField';
