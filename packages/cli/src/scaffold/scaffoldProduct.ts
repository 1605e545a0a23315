import {
  dataProductManifest,
  DataProductSpec,
  gitopsPath,
  publishConflict,
  validateDataProduct,
} from '@meshifi/common';
import { stringify } from 'yaml';
import {
  AnswerProblem,
  answerOf,
  Scaffolded,
  ScaffoldRepository,
} from './Scaffolded';

/** What a person answers to create a data product. */
export interface ProductAnswers {
  name: string;
  domain: string;
  /** Emails, or a Google group's email after `group:`. */
  owners: string[];
  title?: string;
  description?: string;
  /** A semantic version; 0.1.0 when not given. */
  version?: string;
  /** A BigQuery location; the platform's default when not given. */
  location?: string;
}

/** The version of a new product, as the Create page proposes it. */
export const FIRST_VERSION = '0.1.0';

/** Each field of the manifest, by the answer (flag) that sets it. */
const PRODUCT_ANSWERS: Record<string, string> = {
  'metadata.name': 'name',
  'metadata.namespace': 'domain',
  'spec.info.name': 'name',
  'spec.info.title': 'title',
  'spec.info.description': 'description',
  'spec.info.version': 'product-version',
  'spec.access.owners': 'owner',
  'spec.domain': 'domain',
  'spec.location': 'location',
};

/** The spec the answers make: empty optional answers are left out. */
function specOf(answers: ProductAnswers): DataProductSpec {
  return {
    info: {
      name: answers.name,
      version: answers.version || FIRST_VERSION,
      ...(answers.title ? { title: answers.title } : {}),
      ...(answers.description ? { description: answers.description } : {}),
    },
    access: { owners: answers.owners },
    domain: answers.domain,
    ...(answers.location ? { location: answers.location } : {}),
  };
}

/** Why the repository cannot take the product: its domain is not there, its place or name is taken. */
function repositoryProblems(
  answers: ProductAnswers,
  repository: ScaffoldRepository,
): AnswerProblem[] {
  const domains = repository.domains.map(d => d.metadata.name).sort();
  if (!domains.includes(answers.domain)) {
    return [
      {
        answer: 'domain',
        message:
          domains.length > 0
            ? `The repository has no domain "${
                answers.domain
              }": pick one of ${domains.join(', ')}.`
            : `The repository has no domain yet: create "${answers.domain}" first with meshifi new domain.`,
      },
    ];
  }
  const manifest = dataProductManifest(specOf(answers));
  const path = gitopsPath(manifest);
  if (repository.paths.includes(path)) {
    return [
      {
        answer: 'name',
        message: `${path} already exists: meshifi new does not overwrite a file. Pick another name, or edit that file.`,
      },
    ];
  }
  const conflict = publishConflict(manifest, repository);
  return conflict ? [{ answer: 'name', message: conflict }] : [];
}

/**
 * Every problem of the answers: the model's rules for a DataProduct, then,
 * once the name and the domain are valid names, what the repository says:
 * its domain must be there, and no file may be at its place, and no other
 * product may have its name or its service account id (publishConflict, as
 * a publish checks it). A prompt reads the problems of the answer it asks.
 */
export function productProblems(
  answers: ProductAnswers,
  repository: ScaffoldRepository,
): AnswerProblem[] {
  const validated = validateDataProduct(dataProductManifest(specOf(answers)));
  const problems = validated.ok
    ? []
    : validated.problems.map(p => answerOf(p, PRODUCT_ANSWERS, 'name'));
  if (problems.some(p => p.answer === 'name' || p.answer === 'domain')) {
    return problems;
  }
  return [...problems, ...repositoryProblems(answers, repository)];
}

/**
 * A new data product's manifest and its place in the repository, from a
 * person's answers, as the Create page would write it; refused with every
 * problem of the answers (productProblems).
 */
export function scaffoldProduct(
  answers: ProductAnswers,
  repository: ScaffoldRepository,
): Scaffolded {
  const problems = productProblems(answers, repository);
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  const manifest = dataProductManifest(specOf(answers));
  return { ok: true, path: gitopsPath(manifest), content: stringify(manifest) };
}
