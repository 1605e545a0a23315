import {
  TemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse } from 'yaml';
import { ExampleStep } from '../lib/stepExample';

/** What earlier steps output, by step id, for `${{ steps.<id>.output.<name> }}`. */
export type StepOutputs = Record<string, Record<string, unknown>>;

const STEP_OUTPUT = /^\$\{\{\s*steps\.([\w-]+)\.output\.(\w+)\s*\}\}$/;

/**
 * An input value with the outputs of earlier steps put in, as the scaffolder
 * does; a reference to an output no earlier step gave fails the test, so an
 * example cannot name an output its action does not have.
 */
function render(value: unknown, outputs: StepOutputs): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  const reference = STEP_OUTPUT.exec(value);
  if (!reference) {
    return value;
  }
  const [, step, name] = reference;
  if (!(name in (outputs[step] ?? {}))) {
    throw new Error(`${value}: step ${step} gave no output ${name}`);
  }
  return outputs[step][name];
}

/**
 * Runs the step of an action's example through the action's real handler,
 * with the input exactly as the example gives it, and returns what the step
 * output, by name.
 */
export async function runExample(
  action: TemplateAction<any, any, any>,
  example: TemplateExample,
  options: { workspacePath: string; outputs?: StepOutputs },
): Promise<Record<string, unknown>> {
  const steps: ExampleStep[] = parse(example.example).steps;
  const [step, ...others] = steps.filter(s => s.action === action.id);
  if (!step || others.length > 0) {
    throw new Error(
      `The example "${example.description}" should have one step of ${action.id}`,
    );
  }
  const input = Object.fromEntries(
    Object.entries(step.input).map(([key, value]) => [
      key,
      render(value, options.outputs ?? {}),
    ]),
  );
  const ctx = createMockActionContext({
    workspacePath: options.workspacePath,
    // The action's schema, not the context, types what an example may hold.
    input: input as any,
  });
  await action.handler(ctx);
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}
