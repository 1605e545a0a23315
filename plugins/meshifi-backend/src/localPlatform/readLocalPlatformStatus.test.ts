import { mockServices } from '@backstage/backend-test-utils';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalPlatformStatusFile } from './LocalPlatformStatusFile';
import {
  processIsAlive,
  readLocalPlatformStatus,
} from './readLocalPlatformStatus';

describe('readLocalPlatformStatus', () => {
  let dir: string;
  let file: string;
  const write = (content: unknown) =>
    writeFileSync(
      file,
      typeof content === 'string' ? content : JSON.stringify(content),
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'meshifi-local-platform-'));
    file = join(dir, 'local-platform.json');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says unknown, naming the file, when there is no status file', () => {
    expect(readLocalPlatformStatus(file)).toEqual({
      state: 'unknown',
      problem: expect.stringContaining(`${file} does not exist`),
    });
  });

  it('says starting while the start script runs', () => {
    write({
      state: 'starting',
      log: '.meshifi/control-plane.log',
      pid: process.pid,
    });
    expect(readLocalPlatformStatus(file)).toEqual({ state: 'starting' });
  });

  it('says starting when the file names no process', () => {
    write({ state: 'starting' });
    expect(readLocalPlatformStatus(file)).toEqual({ state: 'starting' });
  });

  it('says failed, with the log, when the starting process has ended without a word', () => {
    write({
      state: 'starting',
      log: '.meshifi/control-plane.log',
      pid: 4242,
    });
    expect(readLocalPlatformStatus(file, () => false)).toEqual({
      state: 'failed',
      log: '.meshifi/control-plane.log',
    });
  });

  it('says ready', () => {
    write({ state: 'ready' });
    expect(readLocalPlatformStatus(file)).toEqual({ state: 'ready' });
  });

  it('says failed with the log to read', () => {
    write({ state: 'failed', log: '.meshifi/control-plane.log' });
    expect(readLocalPlatformStatus(file)).toEqual({
      state: 'failed',
      log: '.meshifi/control-plane.log',
    });
  });

  it('says failed without a log when the file names none', () => {
    write({ state: 'failed', log: 42 });
    expect(readLocalPlatformStatus(file)).toEqual({
      state: 'failed',
      log: undefined,
    });
  });

  it.each([
    ['empty', ''],
    ['not JSON', 'starting'],
    ['cut off', '{"state":"start'],
    ['null', 'null'],
    ['a number', '7'],
    ['a string', '"starting"'],
    ['an array', '["starting"]'],
    ['no state', '{"log":".meshifi/control-plane.log"}'],
    ['an unknown state', '{"state":"building"}'],
    ['a state of the wrong type', '{"state":["ready"]}'],
    ['a prototype key', '{"__proto__":{"state":"ready"}}'],
  ])('says unknown for a malformed file (%s)', (_what, content) => {
    write(content);
    expect(readLocalPlatformStatus(file)).toEqual({
      state: 'unknown',
      problem: expect.stringContaining('is not a status'),
    });
  });

  it('says unknown when the path is a folder', () => {
    expect(readLocalPlatformStatus(dir)).toEqual({
      state: 'unknown',
      problem: expect.stringContaining('cannot read'),
    });
  });

  it('tells a running process from an ended one', () => {
    expect(processIsAlive(process.pid)).toBe(true);
    // Beyond Linux's largest pid (2^22): no process has it.
    expect(processIsAlive(4_194_305)).toBe(false);
  });
});

describe('LocalPlatformStatusFile', () => {
  it('reads the file again after a second, and logs each new problem once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshifi-local-platform-'));
    const file = join(dir, 'local-platform.json');
    const logger = mockServices.logger.mock();
    let now = 0;
    const statusFile = new LocalPlatformStatusFile({
      file,
      logger,
      now: () => now,
    });
    try {
      expect(statusFile.status().state).toBe('unknown');
      now = 1_500;
      expect(statusFile.status().state).toBe('unknown');
      expect(logger.warn).toHaveBeenCalledTimes(1);

      writeFileSync(file, '{"state":"starting"}');
      now = 1_900;
      expect(statusFile.status().state).toBe('unknown');
      now = 2_600;
      expect(statusFile.status().state).toBe('starting');

      writeFileSync(file, '{"state":"ready"}');
      now = 3_700;
      expect(statusFile.status().state).toBe('ready');
      expect(logger.warn).toHaveBeenCalledTimes(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
