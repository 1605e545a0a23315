import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  FieldExtensionComponentProps,
  CustomFieldValidator,
} from '@backstage/plugin-scaffolder-react';
import {
  PRODUCT_NAME_MAX_LENGTH,
  PRODUCT_NAME_MIN_LENGTH,
} from '@meshifi/common';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { productNameProblem } from './nameValidation';

const RULES = `${PRODUCT_NAME_MIN_LENGTH} to ${PRODUCT_NAME_MAX_LENGTH} lower-case letters, digits and dashes, starting with a letter, e.g. customer-orders. It names your BigQuery datasets and cannot change later.`;

/**
 * The product name, checked as it is typed: the naming rules first, then,
 * after a pause, whether the catalog already has a product by that name.
 */
export function DataProductNameField(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, required, rawErrors, schema, idSchema } = props;
  const catalogApi = useApi(catalogApiRef);
  const [problem, setProblem] = useState<string>();

  useDebounce(
    () => {
      if (!formData) {
        setProblem(undefined);
        return;
      }
      productNameProblem(formData, catalogApi).then(setProblem, () =>
        setProblem(undefined),
      );
    },
    300,
    [formData],
  );

  const error = problem ?? rawErrors?.[0];
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Name'}
      value={formData ?? ''}
      onChange={e => onChange(e.target.value.trim() || undefined)}
      required={required}
      error={Boolean(formData && error)}
      helperText={formData && error ? error : RULES}
      margin="normal"
      fullWidth
      inputProps={{ 'aria-label': schema.title ?? 'Name', spellCheck: false }}
    />
  );
}

/** The same check when the step is submitted, so that nothing invalid gets through. */
export const validateDataProductName: CustomFieldValidator<string> = async (
  value,
  validation,
  { apiHolder },
) => {
  const catalogApi = apiHolder.get(catalogApiRef);
  const problem = catalogApi
    ? await productNameProblem(value, catalogApi)
    : undefined;
  if (problem) {
    validation.addError(problem);
  }
};
