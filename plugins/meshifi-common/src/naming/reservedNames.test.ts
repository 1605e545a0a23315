import { reservedNameProblem, RESERVED_NAMESPACES } from './reservedNames';

describe('reservedNameProblem', () => {
  it.each([...RESERVED_NAMESPACES, 'kube-flannel', 'openshift-ingress'])(
    'refuses %p, saying what to pick instead',
    name => {
      expect(reservedNameProblem(name)).toMatch(
        /reserved for the platform's own components: pick a name/,
      );
    },
  );

  it.each(['sales', 'finance', 'kubernetes-fans', 'defaults'])(
    'accepts %p',
    name => {
      expect(reservedNameProblem(name)).toBeUndefined();
    },
  );
});
