import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

/** A step of a template, as an example shows it. */
export interface ExampleStep {
  id: string;
  action: string;
  name: string;
  input: Record<string, unknown>;
}

/**
 * An action's example: a template with one step, as the Installed actions
 * page shows it.
 */
export function stepExample(
  description: string,
  step: ExampleStep,
): TemplateExample {
  return { description, example: stringify({ steps: [step] }) };
}
