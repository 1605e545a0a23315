/*
 * The GitHub Actions example of examples/gitops-ci runs meshifi commands;
 * each must exist in this program, with the options and values it gives,
 * so that the example cannot rot when the CLI changes.
 */
import { Command } from 'commander';
import { readFileSync } from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { createProgram } from './program';

const EXAMPLE = path.resolve(
  __dirname,
  '../../../examples/gitops-ci/meshifi.yaml',
);

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

const workflow = parse(readFileSync(EXAMPLE, 'utf8')) as Workflow;
const steps = Object.values(workflow.jobs).flatMap(job => job.steps);

/** The words of a shell command, its quotes removed (enough for the example's lines). */
const words = (line: string) =>
  (line.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map(word =>
    word.replace(/^(["'])(.*)\1$/, '$2'),
  );

/** Every `npx meshifi ...` the workflow runs, as its arguments. */
const meshifiRuns = steps
  .flatMap(step => (step.run ?? '').split('\n'))
  .map(line => words(line.trim()))
  .filter(([npx, name]) => npx === 'npx' && name === 'meshifi')
  .map(line => line.slice(2));

/** Checks arguments against a command: each option known, each choice allowed. */
function unknownArguments(command: Command, args: string[]): string[] {
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) {
      continue;
    }
    const option = command.options.find(o => o.long === args[i]);
    if (!option) {
      unknown.push(args[i]);
    } else if (option.required || option.optional) {
      const value = args[++i];
      if (option.argChoices && !option.argChoices.includes(value)) {
        unknown.push(`${option.long} ${value}`);
      }
    }
  }
  return unknown;
}

describe('the GitOps CI example', () => {
  it('runs validate and plan as a markdown comment, on pull requests', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(meshifiRuns.map(([command]) => command)).toEqual([
      'validate',
      'plan',
    ]);
    expect(meshifiRuns[1]).toEqual([
      'plan',
      '--base',
      'origin/$BASE_REF',
      '--format',
      'markdown',
    ]);
  });

  it('runs only commands, options and values the meshifi program has', () => {
    const program = createProgram();
    expect(meshifiRuns.length).toBeGreaterThan(0);
    for (const [name, ...args] of meshifiRuns) {
      const command = program.commands.find(c => c.name() === name);
      expect({ name, known: command !== undefined }).toEqual({
        name,
        known: true,
      });
      expect({ name, unknown: unknownArguments(command!, args) }).toEqual({
        name,
        unknown: [],
      });
    }
  });

  it('fetches the whole history, and may only read the code and comment on the pull request', () => {
    expect(workflow.permissions).toEqual({
      contents: 'read',
      'pull-requests': 'write',
    });
    const checkout = steps.find(s => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toEqual({ 'fetch-depth': 0 });
    expect(
      steps.find(s => s.uses?.startsWith('actions/setup-node@'))?.with,
    ).toMatchObject({ 'node-version': 22 });
  });
});
