/*
 * packages/backend/Dockerfile cannot be built here (no Docker engine), so this
 * checks what a build would trip on: every file it copies is in the
 * repository (tracked by git, so a clean clone has it) or is what
 * `yarn build:backend` writes, none is kept out of the build context by its
 * .dockerignore, and the command it runs reads config files it copied.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ignore from 'ignore';
import { parse } from 'yaml';
import {
  copies,
  DockerCopy,
  execForm,
  parseDockerfile,
} from './__testUtils__/dockerfile';

const root = path.resolve(__dirname, '../../../..');
const at = (...parts: string[]) => path.join(root, ...parts);
const readJson = (file: string) => JSON.parse(readFileSync(at(file), 'utf8'));

const dockerfile = parseDockerfile(
  readFileSync(at('packages/backend/Dockerfile'), 'utf8'),
);
const allCopies = copies(dockerfile.instructions);
const finalStage = dockerfile.stages.length - 1;

/** What `yarn build:backend` writes, relative to the repository's root. */
const BUILD_OUTPUTS = [
  'packages/backend/dist/skeleton.tar.gz',
  'packages/backend/dist/bundle.tar.gz',
];

const tracked = new Set(
  execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean),
);

/** Whether git tracks the file, or any file in the folder. */
function isTracked(source: string): boolean {
  const folder = `${source.replace(/\/$/, '')}/`;
  return (
    tracked.has(source) || [...tracked].some(file => file.startsWith(folder))
  );
}

/** The sources of the build context a COPY needs that nothing provides. */
function missingSources(copy: DockerCopy): string[] {
  return copy.sources.filter(
    source => !BUILD_OUTPUTS.includes(source) && !isTracked(source),
  );
}

describe('packages/backend/Dockerfile', () => {
  it('builds on Node 22 in every stage, as the repository requires', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile.stages) {
      expect(stage.image).toMatch(/^node:22-/);
    }
    expect(readJson('package.json').engines.node).toMatch(/\b22\b/);
  });

  it('copies only files the repository tracks or the backend build writes', () => {
    const fromContext = allCopies.filter(copy => !copy.from);
    expect(fromContext.length).toBeGreaterThan(0);
    expect(
      fromContext.flatMap(copy =>
        missingSources(copy).map(source => `line ${copy.line}: ${source}`),
      ),
    ).toEqual([]);
  });

  it('finds a source no one provides (the check above can fail)', () => {
    const [copy] = copies(
      parseDockerfile(
        'FROM node:22-bookworm-slim\nCOPY yarn.lock no-such-file.yaml ./\n',
      ).instructions,
    );
    expect(missingSources(copy)).toEqual(['no-such-file.yaml']);
  });

  it('copies from earlier stages only', () => {
    for (const copy of allCopies.filter(c => c.from)) {
      const earlier = dockerfile.stages.slice(0, copy.stage).map(s => s.name);
      expect(earlier).toContain(copy.from);
    }
  });

  it('copies nothing its .dockerignore keeps out of the build context', () => {
    // The patterns are plain names and `dir/*` globs, for which .gitignore
    // and .dockerignore agree (`**/` written out where Docker needs it).
    const dockerignore = ignore().add(
      readFileSync(at('packages/backend/Dockerfile.dockerignore'), 'utf8'),
    );
    const sources = allCopies
      .filter(copy => !copy.from)
      .flatMap(copy => copy.sources);
    expect(sources.filter(source => dockerignore.ignores(source))).toEqual([]);
    // It does keep the heavy parts out.
    for (const heavy of ['node_modules/react/index.js', '.git/HEAD']) {
      expect(dockerignore.ignores(heavy)).toBe(true);
    }
  });

  it('gets Yarn from the release .yarnrc.yml names', () => {
    const yarnPath: string = parse(
      readFileSync(at('.yarnrc.yml'), 'utf8'),
    ).yarnPath;
    expect(tracked.has(yarnPath)).toBe(true);
    const sources = allCopies.flatMap(copy => copy.sources);
    expect(sources).toContain('.yarnrc.yml');
    expect(
      sources.some(
        source => yarnPath === source || yarnPath.startsWith(`${source}/`),
      ),
    ).toBe(true);
  });

  it('expects the files `yarn build:backend` writes', () => {
    expect(readJson('package.json').scripts['build:backend']).toBe(
      'yarn workspace backend build',
    );
    const backend = readJson('packages/backend/package.json');
    expect(backend.name).toBe('backend');
    expect(backend.backstage.role).toBe('backend');
    expect(backend.scripts.build).toBe('backstage-cli package build');
    // `node packages/backend` runs the bundle's main file.
    expect(backend.main).toBe('dist/index.cjs.js');

    // The installed Backstage CLI builds a backend package into these two
    // archives of its dist/ folder.
    const cliRequire = createRequire(
      require.resolve('@backstage/cli/package.json'),
    );
    const buildBackend = readFileSync(
      path.join(
        path.dirname(
          cliRequire.resolve('@backstage/cli-module-build/package.json'),
        ),
        'dist/lib/buildBackend.cjs.js',
      ),
      'utf8',
    );
    expect(buildBackend).toContain('const BUNDLE_FILE = "bundle.tar.gz"');
    expect(buildBackend).toContain('const SKELETON_FILE = "skeleton.tar.gz"');
    expect(buildBackend).toMatch(/resolve\(targetDir, "dist"\)/);

    const finalCopies = allCopies.filter(c => c.stage === finalStage);
    const sources = allCopies.flatMap(copy => copy.sources);
    expect(sources).toEqual(expect.arrayContaining(BUILD_OUTPUTS));
    // The bundle goes into the running image, not only the install stage.
    expect(finalCopies.flatMap(c => c.sources)).toContain(
      'packages/backend/dist/bundle.tar.gz',
    );
  });

  it('runs the backend with config files it copied, as the non-root node user', () => {
    const cmds = dockerfile.instructions.filter(i => i.keyword === 'CMD');
    expect(cmds).toHaveLength(1);
    const [node, entry, ...args] = execForm(cmds[0]);
    expect([node, entry]).toEqual(['node', 'packages/backend']);
    const configs = args.filter((_, i) => args[i - 1] === '--config');
    expect(configs).toEqual(['app-config.yaml', 'app-config.production.yaml']);
    expect(args).toHaveLength(configs.length * 2);
    const finalSources = allCopies
      .filter(c => c.stage === finalStage && !c.from)
      .flatMap(c => c.sources);
    for (const config of configs) {
      expect(tracked.has(config)).toBe(true);
      expect(finalSources).toContain(config);
    }

    const users = dockerfile.instructions.filter(
      i => i.keyword === 'USER' && i.stage === finalStage,
    );
    expect(users.map(u => u.rest)).toEqual(['node']);
    const cmdLine = cmds[0].line;
    expect(users[0].line).toBeLessThan(cmdLine);
  });

  it('installs git and CA certificates in the running image, for the GitOps remote', () => {
    const runs = dockerfile.instructions
      .filter(i => i.keyword === 'RUN' && i.stage === finalStage)
      .map(i => i.rest)
      .join('\n');
    expect(runs).toMatch(/apt-get install [^\n]*\bgit\b/);
    expect(runs).toMatch(/apt-get install [^\n]*\bca-certificates\b/);
    // The compilers stay in the install stage.
    expect(runs).not.toMatch(/\b(g\+\+|build-essential)\b/);
  });
});

// `yarn build:backend` builds the frontend app too (minutes): it is not run
// here. After a build, the archives are checked as well.
const built = BUILD_OUTPUTS.every(file => existsSync(at(file)));
const describeIfBuilt = built ? describe : describe.skip;

describeIfBuilt('the archives of `yarn build:backend`', () => {
  it('hold the backend, its workspace packages and the app', () => {
    const list = (file: string) =>
      execFileSync('tar', ['-tzf', at(file)], { encoding: 'utf8' })
        .split('\n')
        .map(entry => entry.replace(/^\.\//, ''));
    const skeleton = list('packages/backend/dist/skeleton.tar.gz');
    const bundle = list('packages/backend/dist/bundle.tar.gz');
    expect(skeleton).toContain('packages/backend/package.json');
    expect(bundle).toContain('packages/backend/dist/index.cjs.js');
    expect(bundle).toContain('packages/app/dist/index.html');
    // Each workspace package the backend depends on, by its folder.
    const folders = new Map(
      [...tracked]
        .filter(file => /^(packages|plugins)\/[^/]+\/package\.json$/.test(file))
        .map((file): [string, string] => [readJson(file).name, file]),
    );
    const backend = readJson('packages/backend/package.json');
    const workspaceDependencies = Object.entries<string>(backend.dependencies)
      .filter(([, version]) => version.startsWith('workspace:'))
      .map(([name]) => folders.get(name));
    expect(workspaceDependencies.length).toBeGreaterThan(0);
    for (const packageJson of workspaceDependencies) {
      expect(skeleton).toContain(packageJson);
    }
  });
});

describe('parseDockerfile', () => {
  it('joins continued lines, drops comments and names stages', () => {
    const parsed = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'FROM node:22-bookworm-slim AS deps',
        'RUN apt-get update && \\',
        '    # a comment inside',
        '    apt-get install -y git',
        'FROM node:22-bookworm-slim',
        'COPY --from=deps --chown=node:node /app ./',
      ].join('\n'),
    );
    expect(parsed.stages).toEqual([
      { image: 'node:22-bookworm-slim', name: 'deps' },
      { image: 'node:22-bookworm-slim', name: undefined },
    ]);
    expect(parsed.instructions.map(i => [i.keyword, i.rest, i.stage])).toEqual([
      ['FROM', 'node:22-bookworm-slim AS deps', 0],
      ['RUN', 'apt-get update && apt-get install -y git', 0],
      ['FROM', 'node:22-bookworm-slim', 1],
      ['COPY', '--from=deps --chown=node:node /app ./', 1],
    ]);
    expect(copies(parsed.instructions)).toEqual([
      { from: 'deps', sources: ['/app'], destination: './', line: 7, stage: 1 },
    ]);
  });

  it('refuses what it cannot read instead of passing it', () => {
    expect(() => parseDockerfile('FROM node:22\nRUN echo \\')).toThrow(
      /never ends/,
    );
    expect(() =>
      copies(parseDockerfile('FROM node:22\nCOPY a\n').instructions),
    ).toThrow(/source and a destination/);
    expect(() =>
      copies(parseDockerfile('FROM node:22\nCOPY ["a", "b"]\n').instructions),
    ).toThrow(/JSON form/);
    expect(() =>
      execForm(parseDockerfile('FROM node:22\nCMD node x\n').instructions[1]),
    ).toThrow();
  });
});
