/**
 * An owner of a data product, as `spec.access.owners` lists it: a person's
 * email (the seed's interface, `ana@example.com`) or a Google group's email
 * with the prefix `group:` (`group:sales-analytics@example.com`). IAM grants
 * a person as `user:` and a group as `group:`; granting a group's address as
 * `user:` is refused by Google Cloud.
 */
export interface Owner {
  type: 'user' | 'group';
  email: string;
}

/**
 * Anyone meshifi grants IAM roles to: an owner, or the consumer of a
 * DataAccess, which may also be a service account (another product's).
 */
export interface IamPrincipal {
  type: 'user' | 'group' | 'serviceAccount';
  email: string;
}

const GROUP_PREFIX = 'group:';

/** Reads an entry of `spec.access.owners`. */
export function parseOwner(owner: string): Owner {
  return owner.startsWith(GROUP_PREFIX)
    ? { type: 'group', email: owner.slice(GROUP_PREFIX.length) }
    : { type: 'user', email: owner };
}

/** Writes an owner as `spec.access.owners` lists it. */
export function formatOwner(owner: Owner): string {
  return owner.type === 'group' ? `${GROUP_PREFIX}${owner.email}` : owner.email;
}

/**
 * The IAM member of a principal: `user:ana@example.com`,
 * `group:sales@example.com` or `serviceAccount:dp-x@p.iam.gserviceaccount.com`.
 * The one place meshifi writes an IAM member's prefix.
 */
export function iamMemberOfPrincipal({ type, email }: IamPrincipal): string {
  return `${type}:${email}`;
}

/** The IAM member of an owner: `user:ana@example.com` or `group:sales@example.com`. */
export function iamMemberOf(owner: string): string {
  return iamMemberOfPrincipal(parseOwner(owner));
}

/** An owner in words: "ana@example.com" or "the group sales@example.com". */
export function describeOwner(owner: string): string {
  const { type, email } = parseOwner(owner);
  return type === 'group' ? `the group ${email}` : email;
}

/** The kinds of IAM member meshifi grants to or reads back from Google Cloud. */
const IAM_MEMBER_TYPE = /^(user|serviceAccount|group|domain):/;

/** Whom an IAM member names: `user:ana@example.com` → ana@example.com. */
export function iamMemberName(member: string): string {
  return member.replace(IAM_MEMBER_TYPE, '');
}

/** An IAM member in words: "ana@example.com" or "the group sales@example.com". */
export function describeIamMember(member: string): string {
  const name = iamMemberName(member);
  return member.startsWith(GROUP_PREFIX) ? `the group ${name}` : name;
}
