import { domainProblems, DomainAnswers } from '../scaffold/scaffoldDomain';
import { ScaffoldRepository } from '../scaffold/Scaffolded';
import { problemOf, Questions } from './newQuestions';

/** The flags of `meshifi new domain`, each an answer given ahead. */
export interface DomainFlags {
  name?: string;
  project?: string;
  owner?: string;
  title?: string;
  description?: string;
}

/** A domain's answers: each from its flag, else asked, checked as it is typed. */
export async function askDomain(
  questions: Questions,
  flags: DomainFlags,
  repository: ScaffoldRepository,
): Promise<DomainAnswers> {
  const draft: DomainAnswers = { name: '', project: '', owner: '' };
  const validate = (answer: string, change: Partial<DomainAnswers>) =>
    problemOf(domainProblems({ ...draft, ...change }, repository), answer);
  draft.name = (await questions.text('name', flags.name, {
    message: 'Domain name, e.g. sales (it cannot change later)',
    required: true,
    validate: name => validate('name', { name }),
  }))!;
  draft.project = (await questions.text('project', flags.project, {
    message: "The domain's Google Cloud project, e.g. acme-sales-data",
    required: true,
    validate: project => validate('project', { project }),
  }))!;
  draft.owner = (await questions.text('owner', flags.owner, {
    message: 'Owning team in Backstage, e.g. group:default/sales-team',
    required: true,
    validate: owner => validate('owner', { owner }),
  }))!;
  draft.title = await questions.text('title', flags.title, {
    message: 'Title (optional)',
    required: false,
    validate: title => validate('title', { title }),
  });
  draft.description = await questions.text('description', flags.description, {
    message: 'Description (optional)',
    required: false,
    validate: description => validate('description', { description }),
  });
  return draft;
}
