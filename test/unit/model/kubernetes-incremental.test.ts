import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { kubernetesText } from '../../../bench/generate';
import { configuredFinisher } from '../../../server/src/config/finish-analysis';
import { WorkspaceConfiguration } from '../../../server/src/config/workspace-configuration';
import { defaultSettings } from '../../../common/settings';
import { extractKubernetes } from '../../../server/src/model/kubernetes/extract';
import { KubernetesPieceModels } from '../../../server/src/model/kubernetes/incremental';
import type { K8sFile, K8sObject } from '../../../server/src/model/kubernetes/types';
import type { YEntry, YNode } from '../../../server/src/model/kubernetes/yaml';
import type { Grammars } from '../../../server/src/parsing/grammars';
import { ParsedDocument } from '../../../server/src/parsing/parsed-document';
import { allRules } from '../../../server/src/rules';
import { kubernetesFileOf, openKubernetesFile, openYamlSource } from '../../../server/src/workspace/kubernetes-source';
import { buildSource, type SourceFile } from '../../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { grammars, repoRoot } from '../../harness/assets';
import { fuzzSeed, mulberry32, plannedChange } from '../../harness/random-edits';
import { randomStreamChange } from '../../harness/yaml-stream-edits';

/**
 * The Kubernetes model of an open document, kept piece by piece (only edited pieces re-extracted,
 * the others reused with shifted spans), must be the model a from-scratch extraction of the same
 * text gives — deep-equal, with the same nodes shared — and give the same analysis. Seeded random
 * edits; rerun a failure with HCIAC_FUZZ_SEED=<seed>.
 */

const STREAM = [
  '# hciac:ignore k8s-no-privileged-containers reason="break-glass debug pod" expires=2999-01-01',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: patient-api # é😀',
  '  namespace: phi',
  'spec:',
  '  template:',
  '    metadata:',
  '      annotations: {team: records}',
  '    spec:',
  '      hostNetwork: true',
  '      containers:',
  '        - &api',
  '          name: api',
  '          image: registry/api:1.2',
  '          securityContext:',
  '            privileged: yes',
  '          command: |+',
  '            run 😀',
  '',
  '        - *api',
  '      initContainers:',
  '        - {name: init, image: "busybox"}',
  '...',
  '--- # a list',
  'apiVersion: v1',
  'kind: List',
  'items:',
  '  - apiVersion: v1',
  '    kind: Pod',
  '    metadata: {name: p}',
  '    spec:',
  '      containers: [{name: c, image: nginx, securityContext: {runAsUser: 0}}]',
  '  - apiVersion: v1',
  '    kind: Secret',
  '    stringData: {password: "hunter2"}',
  '---',
  'apiVersion: batch/v1',
  'kind: CronJob',
  'metadata: {name: nightly}',
  'spec:',
  '  jobTemplate:',
  '    spec:',
  '      template:',
  '        spec:',
  '          containers:',
  '            - name: job',
  '              image: job:latest',
  '---',
  'not: kubernetes',
  '',
].join('\n');

const CASES = [
  { name: 'manifest stream (LF)', text: STREAM, updates: 500 },
  { name: 'manifest stream (CRLF)', text: STREAM.replace(/\n/g, '\r\n'), updates: 400 },
  { name: 'generated stream of 12 Deployments', text: kubernetesText(400), updates: 150 },
];

/**
 * Which objects of a model are the same object: the objects in visiting order, each named by the
 * order of its first visit. Equal for two models exactly when they share nodes (and spans) the same way.
 */
function sharing(value: unknown): number[] {
  const ids = new Map<object, number>();
  const out: number[] = [];
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    const known = ids.get(v);
    out.push(known ?? ids.size);
    if (known !== undefined) return;
    ids.set(v, ids.size);
    for (const key of Object.keys(v)) visit((v as Record<string, unknown>)[key]);
  };
  visit(value);
  return out;
}

/** Every node an object's fields point at is a node of its root (the typed copy must not duplicate them). */
function assertPointsIntoRoot(object: K8sObject, context: string): void {
  const nodes = new Set<YNode | YEntry>();
  const walk = (n: YNode | undefined): void => {
    if (n === undefined || nodes.has(n)) return;
    nodes.add(n);
    if (n.kind === 'map') for (const e of n.entries) { nodes.add(e); walk(e.value); }
    if (n.kind === 'seq') n.items.forEach(walk);
  };
  walk(object.root);
  if (object.podSpec !== undefined) assert.ok(nodes.has(object.podSpec), `podSpec is a node of root (${context})`);
  if (object.podSpecEntry !== undefined) {
    assert.ok(nodes.has(object.podSpecEntry), `podSpecEntry is an entry of root (${context})`);
    if (object.podSpec !== undefined) assert.equal(object.podSpecEntry.value, object.podSpec, context);
  }
  if (object.podMetadata !== undefined) assert.ok(nodes.has(object.podMetadata), `podMetadata is a node of root (${context})`);
  for (const c of object.containers) assert.ok(nodes.has(c.node), `container ${c.name} is a node of root (${context})`);
}

function assertSameModel(incremental: K8sFile, scratch: K8sFile, context: string): void {
  assert.deepStrictEqual(incremental, scratch, `the incremental model differs from a from-scratch extraction (${context})`);
  assert.deepStrictEqual(sharing(incremental), sharing(scratch), `nodes are shared differently (${context})`);
  for (const object of incremental.objects) assertPointsIntoRoot(object, context);
}

describe('Kubernetes model kept piece by piece (incremental vs from scratch)', function () {
  this.timeout(120000);
  let g: Grammars;
  const BASE_SEED = fuzzSeed(0x6b8511ce);
  let checked = 0;
  let checkedAgainstWhole = 0;

  before(async () => {
    g = await grammars();
  });

  after(() => {
    assert.ok(checked >= 1000, `only ${checked} edits were checked`);
    // Most random texts have a syntax error somewhere; enough of them do not.
    assert.ok(checkedAgainstWhole >= 100, `only ${checkedAgainstWhole} edits were checked against the whole-stream parse`);
  });

  /** An index that analyses like the server: all rules, the configured finisher (suppressions), a fixed day. */
  function analysingIndex(): WorkspaceIndex {
    const config = new WorkspaceConfiguration(defaultSettings, [], true);
    const index = new WorkspaceIndex(config.ruleSet(allRules), (ruleId, error) => {
      throw new Error(`rule ${ruleId} threw: ${String(error)}`);
    });
    index.setFinisher(configuredFinisher(config, allRules, () => new Date('2026-01-01T00:00:00Z')));
    return index;
  }

  /** The model of a text parsed whole (the extraction before streams were cut), when that parse has no syntax error. */
  function wholeStreamModel(uri: string, text: string): K8sFile | undefined {
    const tree = g.parse('yaml', text);
    try {
      return tree.rootNode.hasError ? undefined : extractKubernetes(uri, tree, text);
    } finally {
      tree.delete();
    }
  }

  CASES.forEach((c, caseIndex) => {
    it(`${c.name}: ${c.updates} random updates keep the model and the analysis of a from-scratch extraction`, () => {
      const seed = (BASE_SEED + caseIndex * 0x9e3779b9) >>> 0;
      const random = mulberry32(seed);
      const uri = `file:///ws/stream${caseIndex}.yaml`;
      const doc = new ParsedDocument(uri, 'yaml', 1, c.text, g, 'yaml');
      const models = new KubernetesPieceModels();
      const incrementalIndex = analysingIndex();
      const scratchIndex = analysingIndex();
      const limits = { maxFileSize: 1 << 24 };
      try {
        let expected = c.text;
        for (let step = 0; step <= c.updates; step++) {
          const described: string[] = [];
          if (step > 0) {
            const count = random() < 0.8 ? 1 : 2 + Math.floor(random() * 3);
            const changes = Array.from({ length: count }, () => {
              const planned = randomStreamChange(random, expected, c.text);
              expected = planned.after;
              described.push(planned.describe);
              return planned.change;
            });
            doc.update(changes, step + 1);
          }
          const context = `reproduce with HCIAC_FUZZ_SEED=${BASE_SEED} (case seed ${seed}), "${c.name}", update ${step}: ${described.join('; ')}`;
          assert.equal(doc.text, expected);
          const incremental = openKubernetesFile(doc, models);
          const scratch = kubernetesFileOf(uri, expected, g);
          assertSameModel(incremental, scratch, context);
          const whole = wholeStreamModel(uri, expected);
          if (whole !== undefined) {
            assert.deepStrictEqual(scratch, whole, `cutting the stream changed the model of a text without syntax errors (${context})`);
            checkedAgainstWhole++;
          }
          // The analysis, through buildSource as the server and the CLI build files.
          const open: SourceFile = buildSource(uri, 'yaml', expected, step + 1, g, limits, undefined, undefined, openYamlSource(doc, models));
          const closed: SourceFile = buildSource(uri, 'yaml', expected, step + 1, g, limits);
          assert.deepStrictEqual(open.notes, closed.notes, context);
          incrementalIndex.upsert(open);
          scratchIndex.upsert(closed);
          assert.deepStrictEqual(incrementalIndex.analysis(uri), scratchIndex.analysis(uri), `the analysis differs (${context})`);
          checked++;
        }
      } finally {
        doc.dispose();
      }
    });
  });

  it('an edit reuses the objects of the pieces before it and moves those after it', () => {
    const text = kubernetesText(120);
    const uri = 'file:///ws/reuse.yaml';
    const doc = new ParsedDocument(uri, 'yaml', 1, text, g, 'yaml');
    const models = new KubernetesPieceModels();
    try {
      const before = openKubernetesFile(doc, models);
      assert.equal(before.objects.length, 4);
      // Type one character into the name of the second Deployment.
      const at = text.indexOf('portal-d1') + 'portal-d1'.length;
      const edit = plannedChange(text, at, at, 'x');
      doc.update([edit.change], 2);
      const after = openKubernetesFile(doc, models);
      assertSameModel(after, kubernetesFileOf(uri, edit.after, g), 'one character typed');
      assert.equal(after.objects[0], before.objects[0], 'the piece before the edit keeps its object');
      assert.notEqual(after.objects[1], before.objects[1]);
      assert.equal(after.objects[1]!.name, 'portal-d1x');
      assert.notEqual(after.objects[2], before.objects[2], 'a piece after the edit gets a moved copy');
      assert.equal(after.objects[2]!.span.start, before.objects[2]!.span.start + 1);
      // A second refresh without edits returns the very same objects.
      const again = openKubernetesFile(doc, models);
      after.objects.forEach((o, i) => assert.equal(again.objects[i], o));
    } finally {
      doc.dispose();
    }
  });

  it('a syntax error in one document leaves the other documents of the stream analysed', () => {
    const pod = (name: string): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n    - {name: c, image: x}\n`;
    for (const broken of ['data: [1,\n', 'data:\n  a: "unterminated\n', '  bad: indent\n x: y\n']) {
      const text = `${pod('a')}---\napiVersion: v1\nkind: ConfigMap\n${broken}---\n${pod('b')}`;
      const file = kubernetesFileOf('file:///ws/s.yaml', text, g);
      assert.equal(file.hasErrors, true, broken);
      // The whole-stream parse recovers across the document markers and loses every object.
      assert.deepEqual(file.objects.filter((o) => !o.hasErrors).map((o) => o.name), ['a', 'b'], broken);
    }
  });

  it('a stream with a directive line is parsed whole, open or not', () => {
    const text = '%YAML 1.2\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n';
    const doc = new ParsedDocument('file:///ws/d.yaml', 'yaml', 1, text, g, 'yaml');
    try {
      const open = openKubernetesFile(doc, new KubernetesPieceModels());
      assert.deepEqual(open.objects.map((o) => o.name), ['a', 'b']);
      assert.deepStrictEqual(open, kubernetesFileOf('file:///ws/d.yaml', text, g));
      assert.deepStrictEqual(open, wholeStreamModel('file:///ws/d.yaml', text));
    } finally {
      doc.dispose();
    }
  });

  it('cutting streams changes no model of the YAML files of examples/ and ../shared/corpus that parse without errors', function () {
    const roots = [path.join(repoRoot, 'examples')];
    const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');
    if (existsSync(corpus)) roots.push(corpus);
    else console.log(`    ../shared/corpus is absent (${corpus}): checking examples/ only`);
    const files = roots.flatMap((root) => yamlFilesUnder(root));
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (text.includes('\u0000')) continue;
      const whole = wholeStreamModel('file:///f.yaml', text);
      if (whole === undefined) continue;
      assert.deepStrictEqual(kubernetesFileOf('file:///f.yaml', text, g), whole, file);
      compared++;
    }
    assert.ok(compared >= 5, `only ${compared} files compared`);
  });
});

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/i.test(entry.name)) out.push(full);
  }
  return out;
}
