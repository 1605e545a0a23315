import { createBackendModule } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The cookie in which a local browser names the sample user it signs in as. */
export const GUEST_AS_COOKIE = 'meshifi-guest-as';

const DEFAULT_GUEST = 'user:development/guest';

interface GuestContext {
  disabled: boolean;
  guest: string;
  sampleUsers: readonly string[];
}

/** What of a sign-in request the guest provider reads: its cookies. */
interface SignInRequest {
  headers: { cookie?: string };
}

/** The value of one cookie of a request, without a cookie parser. */
function cookieOf(req: SignInRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      return decodeURIComponent(value.join('='));
    }
  }
  return undefined;
}

/**
 * Who a guest sign-in is: the configured guest, or one of the sample users
 * `auth.providers.guest.sampleUsers` lists when the browser's cookie names
 * it. Anyone who reaches a backend with the guest provider may be the guest
 * already; letting them be one of a few listed sample users instead trusts
 * no one more, and lets a local meshifi (and its browser tests) show what a
 * data product's consumer and its owners each see.
 */
export function guestOf(req: SignInRequest, context: GuestContext): string {
  const chosen = cookieOf(req, GUEST_AS_COOKIE);
  if (chosen === undefined || chosen === '') {
    return context.guest;
  }
  if (!context.sampleUsers.includes(chosen)) {
    throw new NotAllowedError(
      `${chosen.slice(
        0,
        100,
      )} is not a sample user of this meshifi: sign in as one of ${
        context.sampleUsers.join(', ') || 'none'
      }, or clear the ${GUEST_AS_COOKIE} cookie to sign in as the guest.`,
    );
  }
  return chosen;
}

function readGuestContext(config: Config): GuestContext {
  const sampleUsers = config.getOptionalStringArray('sampleUsers') ?? [];
  const notUsers = sampleUsers.filter(ref => !ref.startsWith('user:'));
  if (notUsers.length > 0) {
    throw new InputError(
      `auth.providers.guest.sampleUsers lists ${notUsers.join(
        ', ',
      )}: list users, such as user:default/ana`,
    );
  }
  return {
    // As Backstage's guest provider: for development unless said otherwise.
    disabled:
      process.env.NODE_ENV !== 'development' &&
      config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') !== true,
    guest: config.getOptionalString('userEntityRef') ?? DEFAULT_GUEST,
    sampleUsers,
  };
}

const guestAuthenticator = createProxyAuthenticator<
  GuestContext,
  { userEntityRef: string },
  undefined
>({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize: ({ config }) => readGuestContext(config),
  async authenticate({ req }, context) {
    if (context.disabled) {
      throw new NotAllowedError(
        'The guest provider is for local use: set auth.providers.guest.dangerouslyAllowOutsideDevelopment to use it elsewhere, or sign in with your identity provider.',
      );
    }
    return { result: { userEntityRef: guestOf(req, context) } };
  },
});

/**
 * The guest sign-in of a local meshifi: Backstage's guest provider (the
 * catalog's user when it has one, else a token of the ref alone), with the
 * sample users of `auth.providers.guest.sampleUsers` to choose from.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'meshifi-guest-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'guest',
          factory: createProxyAuthProviderFactory({
            authenticator: guestAuthenticator,
            signInResolver: async ({ result }, ctx) => {
              try {
                return await ctx.signInWithCatalogUser({
                  entityRef: result.userEntityRef,
                });
              } catch {
                return ctx.issueToken({
                  claims: {
                    sub: result.userEntityRef,
                    ent: [result.userEntityRef],
                  },
                });
              }
            },
          }),
        });
      },
    });
  },
});
