import {
  describeIamMember,
  describeOwner,
  formatOwner,
  iamMemberName,
  iamMemberOf,
  iamMemberOfPrincipal,
  parseOwner,
} from './owners';

describe('owners', () => {
  it('grants a person as user: and a group as group:', () => {
    expect(iamMemberOf('ana@example.com')).toBe('user:ana@example.com');
    expect(iamMemberOf('group:sales@example.com')).toBe(
      'group:sales@example.com',
    );
  });

  it('reads and writes the same form', () => {
    for (const owner of ['ana@example.com', 'group:sales@example.com']) {
      expect(formatOwner(parseOwner(owner))).toBe(owner);
    }
  });

  it('says which owners are groups', () => {
    expect(describeOwner('group:sales@example.com')).toBe(
      'the group sales@example.com',
    );
    expect(describeOwner('ana@example.com')).toBe('ana@example.com');
  });

  it('reads back whom an IAM member names, and says which are groups', () => {
    for (const owner of ['ana@example.com', 'group:sales@example.com']) {
      expect(iamMemberName(iamMemberOf(owner))).toBe(parseOwner(owner).email);
      expect(describeIamMember(iamMemberOf(owner))).toBe(describeOwner(owner));
    }
    expect(
      iamMemberName('serviceAccount:dp@acme.iam.gserviceaccount.com'),
    ).toBe('dp@acme.iam.gserviceaccount.com');
    expect(iamMemberName('domain:acme.example')).toBe('acme.example');
  });

  it('grants a service account as serviceAccount:, and owners through the same rule', () => {
    expect(
      iamMemberOfPrincipal({
        type: 'serviceAccount',
        email: 'dp-orders@acme.iam.gserviceaccount.com',
      }),
    ).toBe('serviceAccount:dp-orders@acme.iam.gserviceaccount.com');
    for (const owner of ['ana@example.com', 'group:sales@example.com']) {
      expect(iamMemberOfPrincipal(parseOwner(owner))).toBe(iamMemberOf(owner));
    }
  });
});
