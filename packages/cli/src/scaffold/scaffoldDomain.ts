import {
  dataDomainManifest,
  DataDomainSpec,
  gitopsPath,
  publishConflict,
  validateDataDomain,
} from '@meshifi/common';
import { stringify } from 'yaml';
import {
  AnswerProblem,
  answerOf,
  Scaffolded,
  ScaffoldRepository,
} from './Scaffolded';

/** What a person answers to create a data domain. */
export interface DomainAnswers {
  name: string;
  /** The domain's Google Cloud project, e.g. acme-sales-data. */
  project: string;
  /** The owning team, a Backstage group, e.g. group:default/sales-team. */
  owner: string;
  title?: string;
  description?: string;
}

/** Each field of the manifest, by the answer (flag) that sets it. */
const DOMAIN_ANSWERS: Record<string, string> = {
  'metadata.name': 'name',
  'spec.gcpProject': 'project',
  'spec.owner': 'owner',
  'spec.title': 'title',
  'spec.description': 'description',
};

/** The spec the answers make: empty optional answers are left out. */
function specOf(answers: DomainAnswers): DataDomainSpec {
  return {
    ...(answers.title ? { title: answers.title } : {}),
    ...(answers.description ? { description: answers.description } : {}),
    owner: answers.owner,
    gcpProject: answers.project,
  };
}

/**
 * Every problem of the answers: the model's rules for a DataDomain, then,
 * once the name is valid, no file may be at its place, and once the project
 * is, no other domain may have it (publishConflict). A prompt reads the
 * problems of the answer it asks.
 */
export function domainProblems(
  answers: DomainAnswers,
  repository: ScaffoldRepository,
): AnswerProblem[] {
  const manifest = dataDomainManifest(answers.name, specOf(answers));
  const validated = validateDataDomain(manifest);
  const problems = validated.ok
    ? []
    : validated.problems.map(p => answerOf(p, DOMAIN_ANSWERS, 'name'));
  const refused = (answer: string) => problems.some(p => p.answer === answer);
  if (!refused('name')) {
    const path = gitopsPath(manifest);
    if (repository.paths.includes(path)) {
      problems.push({
        answer: 'name',
        message: `${path} already exists: the domain "${answers.name}" is there. meshifi new does not overwrite a file.`,
      });
    }
  }
  if (!refused('project')) {
    const conflict = publishConflict(manifest, repository);
    if (conflict) {
      problems.push({ answer: 'project', message: conflict });
    }
  }
  return problems;
}

/**
 * A new data domain's manifest and its place in the repository, from a
 * person's answers; refused with every problem of the answers
 * (domainProblems).
 */
export function scaffoldDomain(
  answers: DomainAnswers,
  repository: ScaffoldRepository,
): Scaffolded {
  const problems = domainProblems(answers, repository);
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  const manifest = dataDomainManifest(answers.name, specOf(answers));
  return { ok: true, path: gitopsPath(manifest), content: stringify(manifest) };
}
