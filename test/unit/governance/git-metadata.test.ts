import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readGitState } from '../../../server/src/workspace/git-metadata';

/**
 * The product reads .git files itself; these tests build real repositories with the git binary
 * (only here, in a temporary folder) to check it reads what git wrote: loose and packed objects,
 * deltas, branches, detached HEAD, linked work trees, line-ending conversion.
 */
describe('evidence: Git state read from .git (no git process)', function () {
  const hasGit = spawnSync('git', ['--version']).status === 0;
  let dir = '';
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'core.autocrlf=false', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  const file = (rel: string) => path.join(dir, rel);

  before(function () {
    if (!hasGit) {
      console.log('      (skipped: no git binary to build the test repositories with)');
      this.skip();
    }
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hciac-git-'));
    git('init', '-q', '-b', 'main');
    mkdirSync(file('infra'));
    // Large and similar enough between revisions that `git gc` stores later revisions as deltas.
    writeFileSync(file('infra/main.tf'), Array.from({ length: 200 }, (_, i) => `resource "aws_kms_key" "k${i}" {\n  enable_key_rotation = true\n}\n`).join(''));
    writeFileSync(file('k8s.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: phi\n');
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    for (let i = 0; i < 3; i++) {
      appendFileSync(file('infra/main.tf'), `# revision ${i}\n`);
      git('commit', '-q', '-am', `r${i}`);
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const scanned = () => [file('infra/main.tf'), file('k8s.yaml')];

  for (const packed of [false, true]) {
    it(`names HEAD and finds the scanned files clean, then changed (${packed ? 'packed objects with deltas' : 'loose objects'})`, async () => {
      if (packed) {
        git('gc', '-q', '--aggressive');
        const packDir = file('.git/objects/pack');
        const idx = readdirSync(packDir).find((n) => n.endsWith('.idx'))!;
        const deltas = git('verify-pack', '-v', path.join(packDir, idx)).split('\n').filter((l) => / blob +\d+ \d+ \d+ \d+ [0-9a-f]{40}$/.test(l));
        assert.ok(deltas.length > 0, 'the pack stores some blobs as deltas');
      }
      const clean = await readGitState(file('infra'), scanned());
      assert.deepEqual([clean.commit, clean.branch, clean.dirty, clean.changedFiles], [git('rev-parse', 'HEAD'), 'main', false, []]);
      // CRLF in the work tree makes the reader compare with the blob's content; an older revision
      // is the one git stores as a delta.
      git('checkout', '-q', 'HEAD~2');
      writeFileSync(file('infra/main.tf'), git('show', 'HEAD:infra/main.tf').replace(/\n/g, '\r\n') + '\r\n');
      assert.equal((await readGitState(dir, scanned())).dirty, false);
      git('checkout', '-q', '-f', 'main');
      appendFileSync(file('infra/main.tf'), 'locals {}\n');
      writeFileSync(file('new.tf'), '\n');
      const changed = await readGitState(dir, [...scanned(), file('new.tf')]);
      assert.deepEqual([changed.dirty, changed.changedFiles], [true, ['infra/main.tf', 'new.tf']]);
    });
  }

  it('a staged but uncommitted change still differs from HEAD', async () => {
    appendFileSync(file('k8s.yaml'), '  labels: {}\n');
    git('add', 'k8s.yaml');
    assert.deepEqual((await readGitState(dir, scanned())).changedFiles, ['k8s.yaml']);
  });

  it('a file checked out with CRLF line endings equals its LF blob', async () => {
    writeFileSync(file('k8s.yaml'), 'apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: phi\r\n');
    assert.equal((await readGitState(dir, scanned())).dirty, false);
  });

  it('a detached HEAD has no branch; a linked work tree reads the shared objects', async () => {
    git('checkout', '-q', '--detach', 'HEAD~1');
    const detached = await readGitState(dir, [file('k8s.yaml')]);
    assert.deepEqual([detached.commit, detached.branch, detached.dirty], [git('rev-parse', 'HEAD'), null, false]);
    git('checkout', '-q', 'main');
    const linked = path.join(dir, 'linked');
    git('worktree', 'add', '-q', linked, 'HEAD~2');
    const state = await readGitState(linked, [path.join(linked, 'infra', 'main.tf')]);
    assert.deepEqual([state.commit, state.dirty], [git('rev-parse', 'HEAD~2'), false]);
  });

  it('outside a repository, or before the first commit, the state is unknown with the reason', async () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'hciac-nogit-'));
    try {
      const none = await readGitState(plain, []);
      assert.deepEqual([none.commit, none.dirty, none.dirtyBasis], [null, null, 'not a Git work tree']);
      execFileSync('git', ['init', '-q'], { cwd: plain });
      const empty = await readGitState(plain, []);
      assert.deepEqual([empty.commit, empty.dirty, empty.dirtyBasis], [null, null, 'HEAD has no commit yet']);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
