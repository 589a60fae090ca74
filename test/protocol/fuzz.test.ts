import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import type { ContentChange } from '../../server/src/parsing/parsed-document';
import { repoRoot } from '../harness/assets';
import { freshDiagnostics } from '../harness/fresh-diagnostics';
import { TestClient, type PublishedDiagnostics } from '../harness/lsp-client';
import { fuzzSeed, mulberry32, pick, plannedChange, randomChange, restoreChange, snap, TERRAFORM_SNIPPETS, YAML_SNIPPETS, type EditVocabulary, type PlannedChange } from '../harness/random-edits';

/**
 * Fuzzing with the bundled server running: random edit sequences (insertions, deletions,
 * replacements, pasted blocks, multi-byte characters, CRLF, several changes per didChange, now and
 * then a whole-document replacement) over real files. After every batch of notifications the
 * diagnostics the server published for the batch's last version must equal a fresh analysis of the
 * same text (parsed from scratch, new index, same engine): the incremental tree, the re-extracted
 * model and the memoised analyses never drift. The server must stay up, answer requests and log no
 * failure. The parser-level differential (tree equals a fresh parse) is test/unit/parsing/incremental.test.ts.
 *
 * Size: HCIAC_FUZZ_EDITS (default 20,000 ranged changes); `npm run fuzz -- --long` for more.
 * Reproduce a failure with the seed its message prints: HCIAC_FUZZ_SEED=<seed>.
 */

const DEFAULT_EDITS = 20_000;
const TOTAL_EDITS = editBudget();
const SEED = fuzzSeed(0xf022ed17);
const CORPUS = path.resolve(repoRoot, '..', 'shared', 'corpus');

/** Fragments that flip rule outcomes, so findings appear and disappear while typing. */
const TERRAFORM_DOMAIN = ['false', 'true', '"0.0.0.0/0"', 'storage_encrypted = false\n', 'publicly_accessible = true\n', 'encrypted = "yes"\n', 'var.encrypt', 'local.tags', '"*"'];
const YAML_DOMAIN = ['true', 'false', 'privileged: true\n', 'hostNetwork: yes\n', 'runAsNonRoot: false', 'image: nginx:latest', 'namespace: default\n', '  - name: x\n    image: y\n'];
/** Whole blocks pasted at the start of a line: resources and objects that rules report on (with fixes). */
const TERRAFORM_BLOCKS = [
  'resource "aws_db_instance" "fuzz" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n',
  'resource "aws_kms_key" "fuzz" {\n  description = "é😀"\n}\n',
  'resource "aws_s3_bucket" "fuzz" {\n  bucket = "phi-records"\n}\n',
  'variable "encrypt" {\n  default = false\n}\nresource "aws_ebs_volume" "fuzz" {\n  encrypted = var.encrypt\n}\n',
];
const YAML_BLOCKS = [
  '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: fuzz\nspec:\n  hostNetwork: true\n  containers:\n    - name: a\n      image: nginx:latest\n      securityContext: {privileged: true}\n',
  '---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: fuzz, namespace: default}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: app@sha256:0\n',
];

interface FuzzSource {
  readonly name: string;
  readonly text: string;
  readonly languageId: 'terraform' | 'yaml';
}

/** What the edits of one file are made of: snippets typed anywhere, blocks pasted at line starts. */
interface FuzzVocabulary extends EditVocabulary {
  readonly blocks: readonly string[];
}

function editBudget(): number {
  const raw = process.env.HCIAC_FUZZ_EDITS;
  if (raw === undefined || raw === '') return DEFAULT_EDITS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`HCIAC_FUZZ_EDITS must be a positive whole number, got ${JSON.stringify(raw)}`);
  return n;
}

function listFiles(dir: string, accept: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && accept(entry.name)) out.push(full);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const isTerraform = (name: string): boolean => name.endsWith('.tf');
const isYaml = (name: string): boolean => name.endsWith('.yaml') || name.endsWith('.yml');
/** Kubernetes manifests (rules run on them), not Helm templates (those get one note and nothing else). */
const isKubernetes = (text: string): boolean => /^kind:/m.test(text) && /^apiVersion:/m.test(text) && !text.includes('{{');

/** A seeded sample of `count` files (stable order of the candidates, so a seed always means the same files). */
function sample<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

const read = (file: string, root: string): FuzzSource => ({ name: path.relative(root, file), text: readFileSync(file, 'utf8'), languageId: isYaml(file) ? 'yaml' : 'terraform' });

async function hasFindings(source: FuzzSource): Promise<boolean> {
  const uri = `file:///hciac-fuzz-probe/${path.basename(source.name)}`;
  return (await freshDiagnostics(new Map([[uri, { text: source.text }]]), uri)).diagnostics.length > 0;
}

/**
 * Real files to edit: the project's examples/ (and test/fixtures/), plus, when ../shared/corpus is
 * present, a seeded sample of it (Terraform modules and Kubernetes manifests from public
 * repositories), half of it files that have findings on their own, so that the differential check
 * compares findings and not mostly two empty lists.
 */
async function fuzzSources(random: () => number): Promise<{ origin: string; sources: FuzzSource[] }> {
  const own = [path.join(repoRoot, 'examples'), path.join(repoRoot, 'test', 'fixtures')].flatMap((dir) => listFiles(dir, (n) => isTerraform(n) || isYaml(n))).map((f) => read(f, repoRoot));
  if (!existsSync(CORPUS)) return { origin: `../shared/corpus not found — ${own.length} files of examples/ and test/fixtures/ only`, sources: own };
  const count = Math.max(24, Math.ceil(TOTAL_EDITS / 1000));
  const sized = (f: string): boolean => {
    const size = statSync(f).size;
    return size >= 500 && size <= 30_000;
  };
  const candidates = [...listFiles(CORPUS, isTerraform).filter(sized), ...listFiles(CORPUS, isYaml).filter(sized)].map((f) => read(f, CORPUS)).filter((s) => s.languageId === 'terraform' || isKubernetes(s.text));
  const withFindings: FuzzSource[] = [];
  const without: FuzzSource[] = [];
  for (const source of candidates) ((await hasFindings(source)) ? withFindings : without).push(source);
  const chosen = [...sample(random, withFindings, Math.ceil(count / 2)), ...sample(random, without, Math.floor(count / 2))];
  return { origin: `${chosen.length} files of ../shared/corpus (${Math.min(withFindings.length, Math.ceil(count / 2))} with findings) and ${own.length} of examples/`, sources: [...own, ...chosen] };
}

/** Whole lines pasted at the start of a line of the current text: a piece of the original, or a block rules report on. */
function pasteBlock(random: () => number, text: string, vocabulary: FuzzVocabulary): PlannedChange {
  let block: string;
  if (random() < 0.5) block = pick(random, vocabulary.blocks);
  else {
    const lines = vocabulary.text.split(/(?<=\n)/);
    const from = Math.floor(random() * lines.length);
    block = lines.slice(from, from + 3 + Math.floor(random() * 28)).join('');
  }
  const at = text.lastIndexOf('\n', snap(text, Math.floor(random() * (text.length + 1))) - 1) + 1;
  return plannedChange(text, at, at, block, `paste ${JSON.stringify(block.slice(0, 40))}… (${block.length} chars) at ${at}`);
}

/**
 * Plans the notifications of one document: bursts of didChange notifications, each with one or
 * several ranged changes (now and then a whole-document replacement), an undo back to the original
 * every few changes, and often a batch that ends on the original text. Tracks the expected text of
 * every version itself.
 */
class EditPlanner {
  private text: string;
  private version = 1;
  private sinceRestore = 0;
  private restoreEvery: number;

  constructor(
    private readonly random: () => number,
    private readonly vocabulary: FuzzVocabulary,
  ) {
    this.text = vocabulary.text;
    this.restoreEvery = 1 + Math.floor(random() * 40);
  }

  /** Up to 40 notifications (plus an undo) holding at most `budget` changes (at least one). */
  nextBatch(budget: number): Batch {
    const random = this.random;
    const original = this.vocabulary.text;
    const notifications: Notification[] = [];
    const described: string[] = [];
    let changesInBatch = 0;
    const burst = 1 + Math.floor(random() * 40);
    for (let n = 0; n < burst && changesInBatch < budget; n++) {
      const count = random() < 0.8 ? 1 : 2 + Math.floor(random() * 4);
      const changes: ContentChange[] = [];
      for (let c = 0; c < count; c++) {
        const roll = random();
        let planned: PlannedChange;
        if (++this.sinceRestore > this.restoreEvery && this.text !== original) {
          planned = restoreChange(this.text, original);
          this.sinceRestore = 0;
          this.restoreEvery = 1 + Math.floor(random() * 40);
        } else if (roll < 0.06) planned = pasteBlock(random, this.text, this.vocabulary);
        else planned = randomChange(random, this.text, this.vocabulary);
        if (roll > 0.995) planned = { change: { text: planned.after }, after: planned.after, describe: `whole document (${planned.describe})` };
        changes.push(planned.change);
        described.push(planned.describe);
        this.text = planned.after;
      }
      changesInBatch += count;
      notifications.push({ version: ++this.version, changes, text: this.text });
    }
    if (random() < 0.35 && this.text !== original) {
      // Undo back to the saved text: after any garbage, the findings must be exactly those of a fresh parse.
      const planned = restoreChange(this.text, original);
      described.push(planned.describe);
      this.text = planned.after;
      changesInBatch += 1;
      notifications.push({ version: ++this.version, changes: [planned.change], text: this.text });
    }
    return { notifications, described, changes: changesInBatch };
  }
}

interface Notification {
  readonly version: number;
  readonly changes: readonly ContentChange[];
  /** The document text after this notification. */
  readonly text: string;
}

interface Batch {
  readonly notifications: readonly Notification[];
  readonly described: readonly string[];
  readonly changes: number;
}

/** The shape the client received (JSON drops undefined fields), for a deep comparison. */
const asReceived = (diagnostics: readonly Diagnostic[]): unknown => JSON.parse(JSON.stringify(diagnostics));

const summary = (diagnostics: readonly Diagnostic[]): string => diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`).join(', ') || '(none)';

describe('fuzz: random edits against the bundled server, diagnostics equal a fresh analysis', function () {
  this.timeout(Math.max(300_000, TOTAL_EDITS * 20));
  let client: TestClient;
  let edits = 0;
  let batches = 0;
  let publications = 0;
  let intermediates = 0;
  /** Comparisons where the server had something to say (so equality was not trivially two empty lists). */
  let comparedWithFindings = 0;

  before(async () => {
    client = await TestClient.start();
  });

  after(async function () {
    if (client === undefined) return;
    console.log(`      fuzz: ${edits} edits in ${batches} batches, ${publications} publications; ${batches + intermediates} compared with a fresh analysis (${intermediates} of them intermediate versions, ${comparedWithFindings} with findings)`);
    const failures = client.logs.filter((l) => /failed|unhandled/i.test(l));
    assert.deepEqual(failures, [], 'the server logged no failure');
    assert.equal(await client.stop(), 0, 'the server exits cleanly');
  });

  it(`${TOTAL_EDITS} edits over real files; every batch's last version is published and equals a fresh analysis`, async () => {
    const random = mulberry32(SEED);
    const { origin, sources } = await fuzzSources(random);
    console.log(`      fuzz: ${origin}, seed ${SEED} (HCIAC_FUZZ_SEED), ${TOTAL_EDITS} edits (HCIAC_FUZZ_EDITS)`);
    assert.ok(sources.length > 0, 'there are files to fuzz');
    const perFile = Math.ceil(TOTAL_EDITS / sources.length);
    const exited = client.exited.then((code) => assert.fail(`the server exited (code ${code}) during the fuzz run (seed ${SEED})`));
    exited.catch(() => undefined); // the normal exit in after() must not count as an unhandled rejection

    for (const [fileNo, source] of sources.entries()) {
      const crlf = fileNo % 3 === 2;
      const original = crlf ? source.text.replace(/\r?\n/g, '\r\n') : source.text;
      const yaml = source.languageId === 'yaml';
      const lineBreaks = (block: string): string => (crlf ? block.replace(/\n/g, '\r\n') : block);
      const planner = new EditPlanner(random, {
        text: original,
        snippets: yaml ? [...YAML_SNIPPETS, ...YAML_DOMAIN] : [...TERRAFORM_SNIPPETS, ...TERRAFORM_DOMAIN],
        blocks: (yaml ? YAML_BLOCKS : TERRAFORM_BLOCKS).map(lineBreaks),
      });
      const uri = `file:///hciac-fuzz/${fileNo}/${path.basename(source.name)}`;
      const where = (version: number, described: readonly string[]) =>
        `reproduce with HCIAC_FUZZ_SEED=${SEED} HCIAC_FUZZ_EDITS=${TOTAL_EDITS}: file ${source.name}${crlf ? ' (CRLF)' : ''}, version ${version}, last changes: ${described.slice(-5).join('; ').slice(0, 600)}`;

      /** The publication for `version` must equal a fresh analysis of `text`. */
      const expectFresh = async (published: PublishedDiagnostics, text: string, described: readonly string[]): Promise<void> => {
        const version = published.version!;
        const fresh = await freshDiagnostics(new Map([[uri, { text, version }]]), uri);
        assert.deepEqual(fresh.ruleErrors.map((e) => `${e.ruleId}: ${String(e.error)}`), [], `no rule throws (${where(version, described)})`);
        assert.ok(!published.diagnostics.some((d) => d.code === 'internal-error'), `no internal error (${where(version, described)})`);
        const expected = asReceived(fresh.diagnostics);
        if (fresh.diagnostics.length > 0) comparedWithFindings += 1;
        if (JSON.stringify(published.diagnostics) !== JSON.stringify(expected)) {
          assert.deepEqual(published.diagnostics, expected, `published ${summary(published.diagnostics)} ≠ fresh ${summary(fresh.diagnostics)} (${where(version, described)})`);
        }
      };
      const publicationOf = (version: number): Promise<PublishedDiagnostics> => Promise.race([client.waitForDiagnostics(uri, (p) => p.version === version), exited]);

      const firstPublication = client.published.length;
      await client.open(uri, original, source.languageId, 1);
      await expectFresh(await publicationOf(1), original, ['open']);

      let done = 0;
      let version = 1;
      while (done < perFile) {
        // A burst of notifications sent without waiting, as a fast typist or a paste produces them.
        const batch = planner.nextBatch(perFile - done);
        await Promise.all(batch.notifications.map((n) => client.change(uri, n.version, n.changes)));
        const last = batch.notifications[batch.notifications.length - 1]!;
        version = last.version;
        await expectFresh(await publicationOf(version), last.text, batch.described);
        // Publications of versions inside the burst (when the server flushed between notifications)
        // must match their own version's text: one of them, picked at random, is checked too.
        const inside = new Map(batch.notifications.slice(0, -1).map((n) => [n.version, n.text]));
        const between = client.published.filter((p) => p.uri === uri && p.version !== undefined && inside.has(p.version));
        if (between.length > 0) {
          const p = pick(random, between);
          await expectFresh(p, inside.get(p.version!)!, batch.described);
          intermediates += 1;
        }
        done += batch.changes;
        batches += 1;
      }
      edits += done;

      // Published versions never go back: a stale analysis never overwrites a newer one.
      const versions = client.published.slice(firstPublication).filter((p) => p.uri === uri).map((p) => p.version ?? -1);
      publications += versions.length;
      versions.forEach((v, i) => assert.ok(i === 0 || v >= versions[i - 1]!, `publication for version ${v} after ${versions[i - 1]} (${where(v, [])})`));

      // Still answering requests on the fuzzed text.
      const latest = client.latest(uri)!;
      const actions = await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: latest.diagnostics },
      });
      assert.ok(Array.isArray(actions), `code actions answered (${where(version, [])})`);
      const cleared = client.nextDiagnostics(uri);
      await client.close(uri);
      if (latest.diagnostics.length > 0) assert.deepEqual((await cleared).diagnostics, [], 'closing a file that is not on disk clears its diagnostics');
    }
    assert.ok(edits >= TOTAL_EDITS, `only ${edits} edits were exercised`);
  });
});
