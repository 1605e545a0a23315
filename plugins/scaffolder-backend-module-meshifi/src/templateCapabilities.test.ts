/*
 * The data-product template's capability pages and the create step's
 * `capabilities` input are generated from the capabilities' list, between
 * marker comments, so that a new capability is its folder and its line in
 * the registry. This test fails when they differ from the list; run it with
 * MESHIFI_UPDATE_TEMPLATES=true to rewrite them.
 */
import {
  CAPABILITIES,
  capabilityAnswersInput,
  capabilityFormPages,
} from '@meshifi/common';
import { promises as fs, readFileSync } from 'fs';
import path from 'path';
import { parse, stringify } from 'yaml';

const TEMPLATE = path.resolve(
  __dirname,
  '../../../templates/data-product/template.yaml',
);

const ANSWERS = capabilityAnswersInput();

/** A part of the template the list gives, between two comment lines. */
const regions = [
  {
    what: 'the capability pages',
    begin:
      "# Capability pages: generated from the capabilities' form pages (MESHIFI_UPDATE_TEMPLATES=true yarn test templateCapabilities): do not edit.",
    end: '# End of the generated capability pages.',
    generated: capabilityFormPages(),
  },
  {
    what: "the create step's capabilities input",
    begin:
      "# The capability pages' answers: generated (MESHIFI_UPDATE_TEMPLATES=true yarn test templateCapabilities): do not edit.",
    end: '# End of the generated capability answers.',
    generated: Object.keys(ANSWERS).length ? { capabilities: ANSWERS } : null,
  },
];

/** The lines between a region's markers, and the markers' indentation. */
function regionOf(lines: string[], begin: string, end: string) {
  const first = lines.findIndex(line => line.trim() === begin);
  const last = lines.findIndex(
    (line, index) => index > first && line.trim() === end,
  );
  if (first < 0 || last < 0) {
    throw new Error(
      `The template lacks the lines "${begin}" and "${end}" around its generated part: put them back where the part goes.`,
    );
  }
  const indent = lines[first].slice(0, lines[first].indexOf('#'));
  return { first, last, indent };
}

const isEmpty = (value: unknown) =>
  value === null || (Array.isArray(value) && value.length === 0);

describe('the data-product template, from the capabilities', () => {
  it.each(regions)(
    '$what match the list',
    async ({ begin, end, generated }) => {
      let lines = (await fs.readFile(TEMPLATE, 'utf8')).split('\n');
      if (process.env.MESHIFI_UPDATE_TEMPLATES === 'true') {
        const { first, last, indent } = regionOf(lines, begin, end);
        const text = isEmpty(generated)
          ? []
          : stringify(generated, { lineWidth: 0, singleQuote: true })
              .trimEnd()
              .split('\n')
              .map(line => `${indent}${line}`);
        lines = [...lines.slice(0, first + 1), ...text, ...lines.slice(last)];
        await fs.writeFile(TEMPLATE, lines.join('\n'));
      }
      const { first, last, indent } = regionOf(lines, begin, end);
      const checkedIn = parse(
        lines
          .slice(first + 1, last)
          .map(line => line.slice(indent.length))
          .join('\n'),
      );
      expect(isEmpty(checkedIn) ? null : checkedIn).toEqual(
        isEmpty(generated) ? null : generated,
      );
    },
  );

  it('has the capability pages after the output table and before the plan, each answer under its name', () => {
    const template = parse(readFileSync(TEMPLATE, 'utf8'));
    const titles = template.spec.parameters.map(
      (page: { title: string }) => page.title,
    );
    const pages = capabilityFormPages().map(page => page.title);
    const plan = titles.indexOf('What will be created');
    expect(titles.slice(plan - pages.length, plan)).toEqual(pages);
    expect(titles.indexOf('Output table')).toBeLessThan(plan - pages.length);
    const create = template.spec.steps.find(
      (step: { action: string }) =>
        step.action === 'meshifi:dataproduct:create',
    );
    expect(create.input.capabilities ?? {}).toEqual(
      Object.fromEntries(
        CAPABILITIES.map(({ name }) => [name, `\${{ parameters.${name} }}`]),
      ),
    );
  });
});
