import { DataDomain } from '@meshifi/common';
import {
  FIRST_VERSION,
  productProblems,
  ProductAnswers,
} from '../scaffold/scaffoldProduct';
import { ScaffoldRepository } from '../scaffold/Scaffolded';
import { problemOf, Questions } from './newQuestions';

/** The flags of `meshifi new product`, each an answer given ahead. */
export interface ProductFlags {
  name?: string;
  domain?: string;
  owner?: string[];
  title?: string;
  description?: string;
  productVersion?: string;
  location?: string;
}

/** A product's answers: each from its flag, else asked, checked as it is typed. */
export async function askProduct(
  questions: Questions,
  flags: ProductFlags,
  repository: ScaffoldRepository,
): Promise<ProductAnswers> {
  const draft: ProductAnswers = { name: '', domain: '', owners: [] };
  const validate = (answer: string, change: Partial<ProductAnswers>) =>
    problemOf(productProblems({ ...draft, ...change }, repository), answer);

  // The domain first: the name is then checked against the repository.
  draft.domain =
    flags.domain ??
    (questions.interactive
      ? await chooseDomain(questions, repository.domains)
      : questions.missing('domain'));
  draft.name = (await questions.text('name', flags.name, {
    message: 'Product name, e.g. customer-orders',
    required: true,
    validate: name => validate('name', { name }),
  }))!;
  draft.owners = flags.owner ?? (await askOwners(questions, validate));
  draft.title = await questions.text('title', flags.title, {
    message: 'Title, as people will see it in the catalog (optional)',
    required: false,
    validate: title => validate('title', { title }),
  });
  draft.description = await questions.text('description', flags.description, {
    message: 'What the data is and who it is for (optional)',
    required: false,
    validate: description => validate('description', { description }),
  });
  draft.version = await questions.text(
    'product-version',
    flags.productVersion,
    {
      message: 'Version',
      required: false,
      default: FIRST_VERSION,
      validate: version => validate('product-version', { version }),
    },
  );
  draft.location = await questions.text('location', flags.location, {
    message:
      "Data location: US, EU or a region like europe-west2 (empty: the platform's)",
    required: false,
    validate: location => validate('location', { location }),
  });
  return draft;
}

/** The domain, picked from the repository's domains with the arrow keys. */
async function chooseDomain(
  questions: Questions,
  domains: DataDomain[],
): Promise<string> {
  if (domains.length === 0) {
    throw new Error(
      'The repository has no domain yet: create one first with meshifi new domain.',
    );
  }
  return questions.select(
    'Domain',
    [...domains]
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
      .map(domain => ({
        name: domain.spec.title
          ? `${domain.metadata.name} (${domain.spec.title})`
          : domain.metadata.name,
        value: domain.metadata.name,
        description: `Google Cloud project ${domain.spec.gcpProject}, owned by ${domain.spec.owner}`,
      })),
  );
}

/** The owners, one per question, until an empty answer. */
async function askOwners(
  questions: Questions,
  validate: (
    answer: string,
    change: Partial<ProductAnswers>,
  ) => string | undefined,
): Promise<string[]> {
  const owners: string[] = [];
  for (;;) {
    const owner = await questions.text('owner', undefined, {
      message:
        owners.length === 0
          ? "Owner's email (a person, or group:<email> for a Google group)"
          : 'Another owner (leave empty when done)',
      required: owners.length === 0,
      validate: value => validate('owner', { owners: [...owners, value] }),
    });
    if (!owner) {
      return owners;
    }
    owners.push(owner);
  }
}
