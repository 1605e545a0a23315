import fc from 'fast-check';
import { readOnlyRoute } from './readOnlyRoute';

describe('readOnlyRoute', () => {
  it('lets the two requests of a fetch through, with a path of its own', () => {
    expect(
      readOnlyRoute(
        'GET',
        '/gitops.git/info/refs?service=git-upload-pack',
        'gitops.git',
      ),
    ).toEqual({
      serve: true,
      pathInfo: '/gitops.git/info/refs',
      query: 'service=git-upload-pack',
    });
    expect(
      readOnlyRoute('POST', '/gitops.git/git-upload-pack', 'gitops.git'),
    ).toEqual({
      serve: true,
      pathInfo: '/gitops.git/git-upload-pack',
      query: '',
    });
  });

  it.each([
    ['GET', '/gitops.git/info/refs?service=git-receive-pack'],
    ['POST', '/gitops.git/git-receive-pack'],
    ['POST', '/other.git/git-receive-pack'],
  ])(
    'refuses the push request %s %s with a 403 that says why',
    (method, url) => {
      expect(readOnlyRoute(method, url, 'gitops.git')).toEqual({
        serve: false,
        status: 403,
        message: expect.stringMatching(
          /read-only: push to the GitOps repository/,
        ),
      });
    },
  );

  it.each([
    ['GET', '/gitops.git/info/refs'],
    ['GET', '/gitops.git/HEAD'],
    ['GET', '/gitops.git/objects/info/packs'],
    ['POST', '/gitops.git/info/refs?service=git-upload-pack'],
    ['GET', '/gitops.git/git-upload-pack'],
    ['GET', '/other.git/info/refs?service=git-upload-pack'],
    ['GET', '/gitops.git/../other.git/info/refs?service=git-upload-pack'],
    ['GET', '/gitops.git/%2e%2e/other.git/info/refs?service=git-upload-pack'],
    ['GET', '/gitops.git/info/refs/%?service=git-upload-pack'],
    [undefined, undefined],
  ])('answers anything else (%s %s) with a 404', (method, url) => {
    expect(readOnlyRoute(method, url, 'gitops.git')).toMatchObject({
      serve: false,
      status: 404,
    });
  });

  it('never hands git a path of another repository, whatever the request', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'DELETE', undefined),
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc
            .array(
              fc.oneof(
                fc.constantFrom(
                  'gitops.git',
                  'info',
                  'refs',
                  'git-upload-pack',
                  '..',
                  '%2e%2e',
                  '%2F',
                  '',
                ),
                fc.string(),
              ),
            )
            .map(parts => `/${parts.join('/')}`),
        ),
        fc.constantFrom('', '?service=git-upload-pack', '?service=x'),
        (method, path, query) => {
          const route = readOnlyRoute(method, path + query, 'gitops.git');
          expect([
            '/gitops.git/info/refs',
            '/gitops.git/git-upload-pack',
            403,
            404,
          ]).toContain(route.serve ? route.pathInfo : route.status);
        },
      ),
    );
  });
});
