import { createMockDirectory } from '@backstage/backend-test-utils';
import { Config, ConfigReader } from '@backstage/config';
// The loader the backend reads app-config with.
import { ConfigSources, FileConfigSource } from '@backstage/config-loader';
import path from 'path';
import { GitOpsRepository } from './GitOpsRepository';

const ROOT = path.resolve(__dirname, '../../../..');
const GITOPS_URL = 'https://git.example.com/org/gitops.git';

/** The repository's own app-config.yaml and app-config.production.yaml, as production reads them. */
async function productionConfig(env: Record<string, string>): Promise<Config> {
  const source = ConfigSources.merge(
    ['app-config.yaml', 'app-config.production.yaml'].map(file =>
      FileConfigSource.create({
        path: path.join(ROOT, file),
        watch: false,
        substitutionFunc: async name => env[name],
      }),
    ),
  );
  const config = await ConfigSources.toConfig(source);
  config.close();
  return config;
}

describe('GitOpsRepository.fromConfig', () => {
  const dir = createMockDirectory();
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  const fromConfig = (config: Config) =>
    GitOpsRepository.fromConfig(config, {
      workingDirectory: dir.path,
      purpose: 'test',
    })!;
  const local = (gitops: object) =>
    new ConfigReader({
      meshifi: { gitops: { url: '../gitops.git', ...gitops } },
    });

  it('reads the production remote from MESHIFI_GITOPS_URL and never creates it', async () => {
    process.env.NODE_ENV = 'production';
    const config = await productionConfig({ MESHIFI_GITOPS_URL: GITOPS_URL });
    expect(config.getBoolean('meshifi.gitops.createIfMissing')).toBe(false);
    const repo = fromConfig(config);
    expect(repo.remote).toBe(GITOPS_URL);
    expect(repo.branch).toBe('main');
    expect((repo as any).options.createIfMissing).toBe(false);
    // app-config.yaml's sample content is for a repository meshifi creates.
    expect((repo as any).options.initialContent).toBeUndefined();

    const live = await productionConfig({
      MESHIFI_GITOPS_URL: GITOPS_URL,
      MESHIFI_GITOPS_BRANCH: 'live',
    });
    expect(fromConfig(live).branch).toBe('live');
  });

  it('refuses the demo folder in production when MESHIFI_GITOPS_URL is not set', async () => {
    process.env.NODE_ENV = 'production';
    const config = await productionConfig({});
    expect(() => fromConfig(config)).toThrow(
      /folder on the backend's own disk.*Set the environment variable MESHIFI_GITOPS_URL/,
    );
  });

  it('refuses a local path in production unless allowLocalPath says so', () => {
    process.env.NODE_ENV = 'production';
    expect(() => fromConfig(local({}))).toThrow(/allowLocalPath: true/);
    expect(fromConfig(local({ allowLocalPath: true })).remote).toBe(
      path.resolve(process.cwd(), '../gitops.git'),
    );
    // git's scp-like ssh form is a server, not a folder.
    expect(
      fromConfig(
        new ConfigReader({
          meshifi: { gitops: { url: 'git@github.com:acme/gitops.git' } },
        }),
      ).remote,
    ).toBe('git@github.com:acme/gitops.git');
  });

  it('accepts a local path outside production: the embedded default', () => {
    process.env.NODE_ENV = 'development';
    expect(fromConfig(local({ createIfMissing: true })).remote).toBe(
      path.resolve(process.cwd(), '../gitops.git'),
    );
  });

  it('starts a created repository with the initial content folder, relative to the working directory', () => {
    process.env.NODE_ENV = 'development';
    const repo = fromConfig(
      local({ createIfMissing: true, initialContent: '../examples/gitops' }),
    );
    expect((repo as any).options.initialContent).toEqual({
      folder: path.resolve(process.cwd(), '../examples/gitops'),
    });
    expect(
      (fromConfig(local({ initialContent: '../examples/gitops' })) as any)
        .options.initialContent,
    ).toBeUndefined();
  });

  it('refuses createIfMissing for a repository on a git server', () => {
    const config = new ConfigReader({
      meshifi: {
        gitops: {
          url: 'https://meshifi:s3cret@git.example.com/org/gitops.git',
          createIfMissing: true,
        },
      },
    });
    expect(() => fromConfig(config)).toThrow(
      "meshifi.gitops.createIfMissing only creates a repository in a folder on the backend's own disk; meshifi cannot create https://git.example.com/org/gitops.git on its server. Create that repository on the server, and set meshifi.gitops.createIfMissing: false.",
    );
  });
});
