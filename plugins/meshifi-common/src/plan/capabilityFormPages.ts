import { Capability } from '../capabilities/Capability';
import { CAPABILITIES } from '../capabilities/registry';

/** A page of a scaffolder template's `parameters`. */
export interface TemplatePage {
  title: string;
  description?: string;
  properties: Record<string, Record<string, unknown>>;
}

/**
 * The Create form's page of each capability, as the data-product
 * template's `parameters` list holds them: the capability's form page, its
 * one answer under the capability's name (`parameters.<name>`), which the
 * create action passes on to form.fromAnswers.
 */
export function capabilityFormPages(
  capabilities: readonly Capability[] = CAPABILITIES,
): TemplatePage[] {
  return capabilities.map(({ name, form: { page } }) => ({
    title: page.title,
    ...(page.description ? { description: page.description } : {}),
    properties: { [name]: page.schema },
  }));
}

/**
 * The create step's `capabilities` input: each page's answer under the
 * capability's name, as the template expression that gives it.
 */
export function capabilityAnswersInput(
  capabilities: readonly Capability[] = CAPABILITIES,
): Record<string, string> {
  return Object.fromEntries(
    capabilities.map(({ name }) => [name, `\${{ parameters.${name} }}`]),
  );
}
