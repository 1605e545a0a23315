import { Capability } from '../capabilities/Capability';
import {
  capabilityAnswersInput,
  capabilityFormPages,
} from './capabilityFormPages';

const capability = (name: string, description?: string): Capability =>
  ({
    name,
    title: `The ${name}`,
    form: {
      page: {
        title: `Your ${name}`,
        ...(description ? { description } : {}),
        schema: {
          type: 'object',
          properties: { enabled: { type: 'boolean' } },
        },
      },
      fromAnswers: () => undefined,
    },
  } as unknown as Capability);

describe('the capability pages of the Create form', () => {
  it("gives each capability its page, in the list's order, its answer under its name", () => {
    const [first, second] = [capability('dbt', 'Run models.'), capability('x')];
    expect(capabilityFormPages([first, second])).toEqual([
      {
        title: 'Your dbt',
        description: 'Run models.',
        properties: { dbt: first.form.page.schema },
      },
      { title: 'Your x', properties: { x: second.form.page.schema } },
    ]);
  });

  it("passes each page's answer to the create step under the capability's name", () => {
    expect(
      capabilityAnswersInput([capability('dbt'), capability('fivetran')]),
    ).toEqual({
      dbt: '${{ parameters.dbt }}',
      fivetran: '${{ parameters.fivetran }}',
    });
    expect(capabilityAnswersInput([])).toEqual({});
  });
});
