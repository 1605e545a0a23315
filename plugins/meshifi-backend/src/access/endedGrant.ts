import {
  DataAccess,
  iamMemberOfPrincipal,
  NO_DOMAIN_NAMESPACE,
} from '@meshifi/common';

/** A grant whose last day has ended, as housekeeping removes it. */
export interface EndedGrant {
  name: string;
  namespace: string;
  product: string;
  /** The catalog entity the consumer was chosen as, else its IAM member. */
  consumer: string;
  /** The last day of access, YYYY-MM-DD (UTC). */
  expires: string;
  /** The grant's file in the GitOps repository. */
  path: string;
}

/** What housekeeping says of a grant it removes. */
export function endedGrant(grant: DataAccess, path: string): EndedGrant {
  const { consumer } = grant.spec;
  return {
    name: grant.metadata.name,
    namespace: grant.metadata.namespace ?? NO_DOMAIN_NAMESPACE,
    product: grant.spec.product,
    consumer: consumer.entityRef ?? iamMemberOfPrincipal(consumer),
    expires: grant.spec.expires,
    path,
  };
}

/** How many grants the subject of a commit names; its body names them all. */
const NAMED_IN_SUBJECT = 3;

const described = (grant: EndedGrant) =>
  `${grant.name} (${grant.consumer} until ${grant.expires})`;

/**
 * The message of the commit that removes ended grants, for a person reading
 * git log: which grants, whose, until when, and why their files go.
 */
export function endedGrantsMessage(grants: EndedGrant[]): string {
  const count =
    grants.length === 1 ? 'an access grant' : `${grants.length} access grants`;
  const named = grants.slice(0, NAMED_IN_SUBJECT).map(described);
  const more = grants.length - named.length;
  const subject = `Remove ${count} that ended: ${named.join(', ')}${
    more ? `, and ${more} more` : ''
  }`;
  const body = grants.map(
    g =>
      `- ${g.namespace}/${g.name}: ${g.consumer} on the data product ${g.product}, last day ${g.expires} (UTC), ${g.path}`,
  );
  return [
    subject,
    '',
    'Their last day has ended: Google Cloud already stopped their access then, through the expiry condition of each grant. Their files go so that the repository says who has access.',
    '',
    ...body,
    '',
  ].join('\n');
}
