/** One instruction of a Dockerfile, continuation lines joined. */
export interface DockerInstruction {
  /** Upper-cased: FROM, COPY, RUN, CMD, ... */
  keyword: string;
  /** The rest of the instruction, as written. */
  rest: string;
  /** The line it starts on (1-based), for messages. */
  line: number;
  /** The index of its stage (its FROM) in the Dockerfile. */
  stage: number;
}

export interface DockerStage {
  image: string;
  name?: string;
}

export interface DockerCopy {
  from?: string;
  sources: string[];
  destination: string;
  line: number;
  stage: number;
}

/**
 * Reads the instructions of a Dockerfile: comments and parser directives
 * (`# syntax=...`) dropped, lines ending in a backslash joined with the next.
 */
export function parseDockerfile(text: string): {
  instructions: DockerInstruction[];
  stages: DockerStage[];
} {
  const instructions: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (!pending && trimmed === '')) {
      return;
    }
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1).trim() : trimmed;
    pending = pending
      ? { text: `${pending.text} ${part}`, line: pending.line }
      : { text: part, line: index + 1 };
    if (continued) {
      return;
    }
    const match = /^(\S+)\s*(.*)$/.exec(pending.text)!;
    const keyword = match[1].toUpperCase();
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(match[2]);
      if (!from) {
        throw new Error(`line ${pending.line}: cannot read FROM ${match[2]}`);
      }
      stages.push({ image: from[1], name: from[2] });
    }
    instructions.push({
      keyword,
      rest: match[2],
      line: pending.line,
      stage: stages.length - 1,
    });
    pending = undefined;
  });
  if (pending) {
    throw new Error(`line ${pending.line}: the last instruction never ends`);
  }
  return { instructions, stages };
}

/** The COPY instructions in shell form: flags, sources, destination. */
export function copies(instructions: DockerInstruction[]): DockerCopy[] {
  return instructions
    .filter(i => i.keyword === 'COPY')
    .map(i => {
      if (i.rest.startsWith('[')) {
        throw new Error(`line ${i.line}: COPY in JSON form is not read here`);
      }
      const words = i.rest.split(/\s+/);
      const flags = words.filter(w => w.startsWith('--'));
      const paths = words.filter(w => !w.startsWith('--'));
      if (paths.length < 2) {
        throw new Error(
          `line ${i.line}: COPY needs a source and a destination`,
        );
      }
      const from = flags
        .find(f => f.startsWith('--from='))
        ?.slice('--from='.length);
      return {
        from,
        sources: paths.slice(0, -1),
        destination: paths[paths.length - 1],
        line: i.line,
        stage: i.stage,
      };
    });
}

/** The arguments of an exec-form (JSON array) CMD or ENTRYPOINT. */
export function execForm(instruction: DockerInstruction): string[] {
  const parsed: unknown = JSON.parse(instruction.rest);
  if (
    !Array.isArray(parsed) ||
    !parsed.every(part => typeof part === 'string')
  ) {
    throw new Error(
      `line ${instruction.line}: ${instruction.keyword} is not a JSON array of strings`,
    );
  }
  return parsed;
}
