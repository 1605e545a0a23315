import { CAPABILITIES } from '../capabilities/registry';
import { MESHIFI_ANNOTATIONS } from '../catalog/annotations';
import { ComposedResource, placementOf } from '../compose/compose';
import { dataProductManifest } from '../model/manifests';
import {
  DataProduct,
  InputPort,
  OutputPort,
  PlatformConfig,
} from '../model/types';
import { nameProblem } from '../naming/productName';
import { reservedNameProblem } from '../naming/reservedNames';
import {
  serviceAccountEmail,
  serviceAccountId,
} from '../naming/serviceAccountId';
import { Problem, ValidationError } from '../validation/Problem';
import { capabilitiesFromAnswers } from './capabilityAnswers';
import { composeWithCapabilities } from './composeWithCapabilities';
import { OutputPortAnswer, outputPortFromAnswer } from './outputPortAnswer';

/** The analyst's answers that need no look-up: everything but the domain and the owners. */
export interface DataProductAnswers {
  name: string;
  version?: string;
  title?: string;
  description?: string;
  location?: string;
  /** The optional "Output table" step's table. */
  outputPort?: OutputPortAnswer;
  /** Output ports already in the model's shape, e.g. from an imported contract; before the form's. */
  outputPorts?: OutputPort[];
  /**
   * The answers of the form's capability pages, under each capability's
   * name (`parameters.dbt`): each capability's form.fromAnswers turns them
   * into its spec.
   */
  capabilities?: Record<string, unknown>;
  /**
   * spec.capabilities already in the model's shape, e.g. of a product the
   * GitOps repository holds; the pages' answers come after them.
   */
  capabilitySpecs?: Record<string, unknown>;
}

/**
 * The tables of other products the analyst picked, as the catalog resolved
 * them: the input ports, and the picks that are no product's table (or
 * that the caller may not see).
 */
export interface PlannedInputs {
  ports: InputPort[];
  unresolved: string[];
}

/**
 * The product's domain as the catalog knows it: found, with the GCP project
 * it names (if any), or not found (or not visible to the caller).
 */
export type PlannedDomain =
  | { name: string; found: true; project?: string }
  | { name: string; found: false };

/** An owner picked in the form that gives no IAM member, and why. */
export type UnresolvedOwner =
  | { owner: string; reason: 'invalid' | 'unknown' }
  | {
      owner: string;
      reason: 'no-email';
      kind: 'user' | 'group';
      /** How people know the user or group: its title or name. */
      title: string;
    };

/** The owners as looked up: IAM owners (`ana@example.com`, `group:sales@example.com`) and the rest. */
export interface PlannedOwners {
  owners: string[];
  unresolved: UnresolvedOwner[];
}

/** What is wrong with a plan; an `error` stops the product from being created, a `warning` does not. */
export interface PlanProblem extends Problem {
  severity: 'error' | 'warning';
}

/**
 * Where a data product goes and what it gets, before anything is created:
 * the one answer the Create page, the create action and the product page's
 * pending list show.
 */
export interface DataProductPlan {
  /** The DataProduct manifest the plan was composed from. */
  manifest: DataProduct;
  project: string;
  location: string;
  /** Undefined while the name is not a valid product name. */
  serviceAccountEmail?: string;
  /**
   * What the Composition's pipeline gives: compose()'s resources, then each
   * capability's (role `capability`, labelled with its name); empty while
   * the plan has errors.
   */
  resources: ComposedResource[];
  problems: PlanProblem[];
}

const error = (path: string, message: string): PlanProblem => ({
  path,
  message,
  severity: 'error',
});

function ownerProblem(owner: UnresolvedOwner): PlanProblem {
  const path = 'spec.access.owners';
  switch (owner.reason) {
    case 'invalid':
      return error(
        path,
        `"${owner.owner}" is neither a user or group of the catalog nor an email address: pick the owners from the list.`,
      );
    case 'unknown':
      return error(
        path,
        `${owner.owner} is not in the catalog: pick owners from the list.`,
      );
    default:
      return error(
        path,
        owner.kind === 'group'
          ? `The group ${owner.title} has no email address in the catalog, so it cannot be given access: pick its members instead, or ask the platform team to add the group's email.`
          : `${owner.title} has no email address in the catalog, so they cannot be given access: ask the platform team to add it.`,
      );
  }
}

function domainProblem(
  domain: PlannedDomain,
  platform: PlatformConfig,
): PlanProblem | undefined {
  // An invalid or reserved name is the validation's to explain.
  if (
    nameProblem(domain.name, 'domain name') ??
    reservedNameProblem(domain.name)
  ) {
    return undefined;
  }
  if (!domain.found) {
    return error(
      'spec.domain',
      `The domain "${domain.name}" does not exist: pick one from the list, or ask the platform team to create it.`,
    );
  }
  if (!domain.project) {
    return {
      path: 'spec.domain',
      severity: 'warning',
      message: `The domain "${domain.name}" names no Google Cloud project (the annotation ${MESHIFI_ANNOTATIONS.gcpProject} of its catalog entity), so this plan puts the product in the platform's project ${platform.project}. Ask the platform team to give the domain its project.`,
    };
  }
  return undefined;
}

/** The validation's problems, or none when compose() accepts the product. */
function composeProblems(compute: () => ComposedResource[]): {
  resources: ComposedResource[];
  problems: PlanProblem[];
} {
  try {
    return { resources: compute(), problems: [] };
  } catch (thrown) {
    if (thrown instanceof ValidationError) {
      return {
        resources: [],
        problems: thrown.problems.map(p => ({ ...p, severity: 'error' })),
      };
    }
    throw thrown;
  }
}

/**
 * The plan of a data product from the answers and what the catalog said
 * about its domain and owners: the product goes to the domain's GCP project
 * (the platform's when the product has no domain, or its domain names none),
 * owners become IAM members by their catalog email. Pure: the look-ups are
 * the caller's (CatalogPlanResolver in @meshifi/node), so that the Create
 * page, the create action and the pending list cannot disagree.
 *
 * Every problem is reported at once, in words an analyst can act on; a
 * plan with errors lists no resources.
 */
export function planDataProduct(input: {
  answers: DataProductAnswers;
  /** Undefined when the product names no domain. */
  domain?: PlannedDomain;
  owners: PlannedOwners;
  /** Undefined when the analyst picked no table to read. */
  inputs?: PlannedInputs;
  platform: PlatformConfig;
}): DataProductPlan {
  const { answers, domain, owners, inputs, platform } = input;
  const fromAnswers = capabilitiesFromAnswers({
    answers: answers.capabilities ?? {},
    product: answers.name,
    ...(domain ? { domain: domain.name } : {}),
    platform,
    capabilities: CAPABILITIES,
  });
  const chosenCapabilities = {
    ...answers.capabilitySpecs,
    ...fromAnswers.specs,
  };
  const formPort = outputPortFromAnswer(answers.outputPort);
  const outputPorts = [
    ...(answers.outputPorts ?? []),
    ...(formPort.port ? [formPort.port] : []),
  ];
  const inputPorts = inputs?.ports ?? [];
  const manifest = dataProductManifest({
    info: {
      name: answers.name,
      version: answers.version ?? '0.1.0',
      ...(answers.title ? { title: answers.title } : {}),
      ...(answers.description ? { description: answers.description } : {}),
    },
    access: { owners: [...new Set(owners.owners)] },
    ...(domain ? { domain: domain.name } : {}),
    ...(answers.location ? { location: answers.location } : {}),
    ...(outputPorts.length ? { outputPorts } : {}),
    ...(inputPorts.length ? { inputPorts } : {}),
    ...(Object.keys(chosenCapabilities).length
      ? { capabilities: chosenCapabilities }
      : {}),
  });
  const project =
    (domain?.found ? domain.project : undefined) || platform.project;
  const placement = placementOf(manifest, { ...platform, project });
  const resolutionProblems = [
    ...owners.unresolved.map(ownerProblem),
    ...(domain ? [domainProblem(domain, platform)] : []),
    ...formPort.problems.map(p => error(p.path, p.message)),
    ...(inputs?.unresolved ?? []).map(ref =>
      error(
        'spec.inputPorts',
        `${ref} is not a table of a data product in the catalog: pick the tables your product reads from the list.`,
      ),
    ),
    ...fromAnswers.problems.map(p => error(p.path, p.message)),
  ].filter((p): p is PlanProblem => p !== undefined);
  const composed = composeProblems(() =>
    composeWithCapabilities(manifest, { ...platform, project }),
  );
  // With owners left out, "Pick at least one owner" would only repeat why.
  const problems = [
    ...resolutionProblems,
    ...composed.problems.filter(
      p =>
        !(
          p.path.startsWith('spec.access.owners') &&
          owners.unresolved.length > 0 &&
          owners.owners.length === 0
        ),
    ),
  ];
  const blocked = problems.some(p => p.severity === 'error');
  return {
    manifest,
    ...placement,
    ...(nameProblem(answers.name, 'product name')
      ? {}
      : {
          serviceAccountEmail: serviceAccountEmail(
            serviceAccountId(answers.name),
            placement.project,
          ),
        }),
    resources: blocked ? [] : composed.resources,
    problems,
  };
}
