import { strict as assert } from 'node:assert';
import * as YAML from 'yaml';
import { extractKubernetes, WORKLOAD_KINDS } from '../../../server/src/model/kubernetes/extract';
import type { K8sFile, K8sObject } from '../../../server/src/model/kubernetes/types';
import { asBoolean, asNumber, entry, extractYaml, get, getPath, scalarString, type YNode } from '../../../server/src/model/kubernetes/yaml';
import type { Span } from '../../../server/src/model/span';
import { parseOrThrow } from '../../../server/src/parsing/parsed-document';
import { buildSource } from '../../../server/src/workspace/source-file';
import { grammars } from '../../harness/assets';

async function k8s(text: string, uri = 'file:///ws/manifest.yaml'): Promise<K8sFile> {
  const tree = parseOrThrow((await grammars()).parser('yaml'), text);
  try {
    return extractKubernetes(uri, tree, text);
  } finally {
    tree.delete();
  }
}

async function yamlDocs(text: string): Promise<ReturnType<typeof extractYaml>> {
  const tree = parseOrThrow((await grammars()).parser('yaml'), text);
  try {
    return extractYaml(tree, text);
  } finally {
    tree.delete();
  }
}

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** The model as plain data, for comparison with a reference YAML parser. */
function toJs(node: YNode | undefined): unknown {
  if (node === undefined) return null;
  switch (node.kind) {
    case 'map':
      return Object.fromEntries(node.entries.map((e) => [e.key, toJs(e.value)]));
    case 'seq':
      return node.items.map(toJs);
    case 'scalar':
      return node.value;
    case 'opaque':
      return '<opaque>';
  }
}

function only(file: K8sFile): K8sObject {
  assert.equal(file.objects.length, 1);
  return file.objects[0]!;
}

describe('Kubernetes model', () => {
  describe('streams and objects', () => {
    it('reads every document of a multi-document stream, with spans', async () => {
      const text = [
        '# leading comment',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: api',
        '  namespace: phi',
        '---',
        '---',
        '# only a comment',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: api-svc}',
        '...',
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        '',
      ].join('\n');
      const file = await k8s(text);
      assert.equal(file.uri, 'file:///ws/manifest.yaml');
      assert.equal(file.isKubernetes, true);
      assert.equal(file.hasErrors, false);
      assert.deepEqual(
        file.objects.map((o) => [o.apiVersion, o.kind, o.name, o.namespace]),
        [
          ['apps/v1', 'Deployment', 'api', 'phi'],
          ['v1', 'Service', 'api-svc', undefined],
          ['v1', 'ConfigMap', undefined, undefined],
        ],
      );
      const svc = file.objects[1]!;
      assert.equal(slice(text, svc.headerSpan), 'kind: Service');
      assert.equal(slice(text, svc.span), 'apiVersion: v1\nkind: Service\nmetadata: {name: api-svc}');
      assert.equal(svc.uri, file.uri);
      assert.ok(file.objects.every((o) => !o.hasErrors));
      assert.deepEqual(file.comments.map((c) => c.text), ['# leading comment', '# only a comment']);
      for (const c of file.comments) assert.equal(slice(text, c.span), c.text);
    });

    it('expands the items of `kind: List` (and *List kinds)', async () => {
      const text = [
        'apiVersion: v1',
        'kind: List',
        'items:',
        '  - apiVersion: v1',
        '    kind: Pod',
        '    metadata: {name: p}',
        '    spec:',
        '      containers: [{name: c}]',
        '  - not-an-object',
        '  - {kind: NoApiVersion}',
        '  - apiVersion: v1',
        '    kind: Secret',
        '---',
        'apiVersion: v1',
        'kind: ConfigMapList',
        'items:',
        '- {apiVersion: v1, kind: ConfigMap, metadata: {name: cm}}',
        '',
      ].join('\n');
      const file = await k8s(text);
      assert.equal(file.isKubernetes, true);
      assert.deepEqual(file.objects.map((o) => `${o.kind}/${o.name ?? ''}`), ['Pod/p', 'Secret/', 'ConfigMap/cm']);
      assert.deepEqual(file.objects[0]!.containers.map((c) => c.name), ['c']);
      assert.equal(slice(text, file.objects[1]!.headerSpan), 'kind: Secret');
    });

    it('says isKubernetes false for YAML that is not Kubernetes', async () => {
      for (const text of [
        'name: CI\non:\n  push: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets.X }}\n',
        'services:\n  db:\n    image: postgres\n',
        'apiVersion: v1\n',
        'kind: Pod\n',
        'apiVersion: [v1]\nkind: Pod\n',
        '- apiVersion: v1\n  kind: Pod\n',
        'just a scalar\n',
        '',
        '# nothing but a comment\n',
      ]) {
        const file = await k8s(text);
        assert.equal(file.isKubernetes, false, JSON.stringify(text));
        assert.deepEqual(file.objects, []);
      }
      const source = buildSource('file:///ws/.github/workflows/ci.yml', 'yaml', 'on: push\njobs: {}\n', undefined, await grammars(), { maxFileSize: 1e6 });
      assert.equal(source.model.kind, 'none');
      assert.deepEqual(source.notes, []);
    });

    it('skips Helm templates with a note, but not GitHub Actions expressions', async () => {
      const g = await grammars();
      const helm = buildSource('file:///ws/chart/templates/d.yaml', 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n', undefined, g, { maxFileSize: 1e6 });
      assert.equal(helm.model.kind, 'none');
      assert.deepEqual(helm.notes.map((n) => n.code), ['helm-template']);
      const actionsLike = buildSource('file:///ws/pod.yaml', 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    x: "${{ secrets.X }}"\n', undefined, g, { maxFileSize: 1e6 });
      assert.equal(actionsLike.model.kind, 'kubernetes');
    });
  });

  describe('pod specs and containers', () => {
    const podSpec = (indent: string): string =>
      [
        `${indent}containers:`,
        `${indent}  - name: app`,
        `${indent}    image: app:1`,
        `${indent}initContainers:`,
        `${indent}  - name: init`,
        `${indent}ephemeralContainers:`,
        `${indent}  - name: debug`,
      ].join('\n');

    const manifests: Readonly<Record<string, string>> = {
      Pod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\n  annotations: {a: b}\nspec:\n${podSpec('  ')}\n`,
      Deployment: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  template:\n    metadata:\n      annotations: {a: b}\n    spec:\n${podSpec('      ')}\n`,
      StatefulSet: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: w\nspec:\n  template:\n    metadata:\n      annotations: {a: b}\n    spec:\n${podSpec('      ')}\n`,
      DaemonSet: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: w\nspec:\n  template:\n    metadata:\n      annotations: {a: b}\n    spec:\n${podSpec('      ')}\n`,
      ReplicaSet: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: w\nspec:\n  template:\n    metadata:\n      annotations: {a: b}\n    spec:\n${podSpec('      ')}\n`,
      Job: `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: w\nspec:\n  template:\n    metadata:\n      annotations: {a: b}\n    spec:\n${podSpec('      ')}\n`,
      CronJob: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: w\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          annotations: {a: b}\n        spec:\n${podSpec('          ')}\n`,
    };

    for (const [kind, text] of Object.entries(manifests)) {
      it(`resolves the pod spec of a ${kind}`, async () => {
        assert.ok(WORKLOAD_KINDS.includes(kind));
        const o = only(await k8s(text));
        assert.equal(o.kind, kind);
        assert.ok(o.podSpec, 'pod spec');
        assert.equal(o.podSpecEntry?.key, 'spec');
        assert.equal(o.podSpecEntry?.value, o.podSpec);
        assert.ok(slice(text, o.podSpec.span).startsWith('containers:'));
        assert.deepEqual(scalarString(get(get(o.podMetadata, 'annotations'), 'a')), 'b');
        assert.deepEqual(
          o.containers.map((c) => [c.group, c.name]),
          [
            ['containers', 'app'],
            ['initContainers', 'init'],
            ['ephemeralContainers', 'debug'],
          ],
        );
        const app = o.containers[0]!;
        assert.equal(slice(text, app.span), 'name: app\n' + ' '.repeat(text.indexOf('image: app:1') - text.lastIndexOf('\n', text.indexOf('image: app:1')) - 1) + 'image: app:1');
        assert.equal(scalarString(get(app.node, 'image')), 'app:1');
      });
    }

    it('has no pod spec for other kinds, or when the path is missing or not a map', async () => {
      const svc = only(await k8s('apiVersion: v1\nkind: Service\nspec:\n  containers: [{name: x}]\n'));
      assert.equal(svc.podSpec, undefined);
      assert.deepEqual(svc.containers, []);
      const noTemplate = only(await k8s('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n'));
      assert.equal(noTemplate.podSpec, undefined);
      assert.equal(noTemplate.podSpecEntry, undefined);
      const scalarSpec = only(await k8s('apiVersion: v1\nkind: Pod\nspec: oops\n'));
      assert.equal(scalarSpec.podSpec, undefined);
      assert.equal(scalarSpec.podSpecEntry?.key, 'spec', 'the entry is still there, for fixes');
      const emptySpec = only(await k8s('apiVersion: v1\nkind: Pod\nspec:\n'));
      assert.equal(emptySpec.podSpec, undefined);
      assert.equal(emptySpec.podSpecEntry?.value, undefined);
    });

    it('names unnamed containers and skips items that are not maps', async () => {
      const o = only(await k8s('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: x\n    - just-a-string\n    - name: ok\n  initContainers: not-a-list\n'));
      assert.deepEqual(o.containers.map((c) => c.name), ['(unnamed)', 'ok']);
    });

    it('reads flow-style maps and sequences', async () => {
      const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: flow, labels: {app: x}}\nspec: {containers: [{name: a, image: "i:1", ports: [80, 443]}, {name: b}]}\n';
      const o = only(await k8s(text));
      assert.equal(o.name, 'flow');
      assert.equal(o.podSpec?.style, 'flow');
      assert.deepEqual(o.containers.map((c) => c.name), ['a', 'b']);
      const a = o.containers[0]!;
      assert.equal(a.node.style, 'flow');
      assert.equal(slice(text, a.span), '{name: a, image: "i:1", ports: [80, 443]}');
      const ports = get(a.node, 'ports');
      assert.equal(ports?.kind === 'seq' ? ports.style : undefined, 'flow');
      assert.deepEqual(toJs(ports), [80, 443]);
      assert.equal(o.root.style, 'block');
    });
  });

  describe('anchors and aliases', () => {
    it('resolves an alias to the anchored node (same object, spans at the anchor)', async () => {
      const text = [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: aliased',
        'spec:',
        '  securityContext: &sc',
        '    runAsNonRoot: true',
        '  containers:',
        '    - &app',
        '      name: app',
        '      securityContext: *sc',
        '    - name: second',
        '      securityContext: *sc',
        '      image: *undefined_anchor',
        '  initContainers:',
        '    - *app',
        '',
      ].join('\n');
      const o = only(await k8s(text));
      const sc = get(o.podSpec, 'securityContext');
      assert.equal(sc?.kind, 'map');
      const [app, second, init] = o.containers;
      assert.equal(get(app!.node, 'securityContext'), sc);
      assert.equal(get(second!.node, 'securityContext'), sc);
      assert.equal(init!.node, app!.node, 'the init container is the anchored map');
      assert.equal(init!.group, 'initContainers');
      assert.equal(slice(text, get(sc, 'runAsNonRoot')!.span), 'true');
      assert.deepEqual(get(second!.node, 'image')?.kind, 'opaque', 'an unknown alias is opaque');
    });

    it('survives an alias bomb (30 levels of doubling) in time and memory', async function () {
      this.timeout(10000);
      const lines = ['apiVersion: v1', 'kind: ConfigMap', 'data:', '  a0: &a0 [x, x]'];
      for (let i = 1; i <= 30; i++) lines.push(`  a${i}: &a${i} [*a${i - 1}, *a${i - 1}]`);
      lines.push('  bomb: *a30', '');
      const text = lines.join('\n');
      const heapBefore = process.memoryUsage().heapUsed;
      const started = Date.now();
      const file = await k8s(text);
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 2000, `took ${elapsed} ms`);
      assert.ok(process.memoryUsage().heapUsed - heapBefore < 64 * 1024 * 1024, 'memory stays small');
      const o = only(file);
      const bomb = getPath(o.root, ['data', 'bomb']);
      assert.equal(bomb, getPath(o.root, ['data', 'a30']));
      // 2^31 leaves if expanded; shared, it is one node per level
      let node = bomb;
      for (let depth = 30; depth > 0; depth--) {
        assert.equal(node?.kind, 'seq');
        if (node?.kind !== 'seq') break;
        assert.equal(node.items[0], node.items[1]);
        node = node.items[0];
      }
      assert.deepEqual(toJs(node), ['x', 'x']);
    });

    it('does not loop on a self-referencing anchor', async () => {
      const { documents } = await yamlDocs('a: &x [1, *x]\nb: &y {k: *y}\n');
      const a = get(documents[0]!.root, 'a');
      assert.equal(a?.kind, 'seq');
      if (a?.kind === 'seq') assert.equal(a.items[1]!.kind, 'opaque');
      assert.equal(get(get(documents[0]!.root, 'b'), 'k')?.kind, 'opaque');
    });

    it('anchors are local to their document', async () => {
      const { documents } = await yamlDocs('a: &x 1\n---\nb: *x\n');
      assert.equal(get(documents[1]!.root, 'b')?.kind, 'opaque');
    });
  });

  describe('scalars', () => {
    it('distinguishes quoted and plain scalars', async () => {
      const text = 'a: true\nb: "true"\nc: 8080\nd: \'8080\'\ne: null\nf: ~\ng:\nh: plain text\ni: "esc \\"q\\" \\u00e9 \\x41 \\t"\nj: \'it\'\'s\'\nk: 1.5\nl: 0x1F\nm: ""\nn: \'\'\no: "é😀"\n';
      const { documents } = await yamlDocs(text);
      const root = documents[0]!.root;
      const scalar = (key: string): unknown => {
        const n = get(root, key);
        return n?.kind === 'scalar' ? { value: n.value, raw: n.raw, quoted: n.quoted } : n;
      };
      assert.deepEqual(scalar('a'), { value: true, raw: 'true', quoted: false });
      assert.deepEqual(scalar('b'), { value: 'true', raw: 'true', quoted: true });
      assert.deepEqual(scalar('c'), { value: 8080, raw: '8080', quoted: false });
      assert.deepEqual(scalar('d'), { value: '8080', raw: '8080', quoted: true });
      assert.deepEqual(scalar('e'), { value: null, raw: 'null', quoted: false });
      assert.deepEqual(scalar('f'), { value: null, raw: '~', quoted: false });
      assert.equal(get(root, 'g'), undefined, 'an empty value');
      assert.equal(entry(root, 'g')?.key, 'g');
      assert.deepEqual(scalar('h'), { value: 'plain text', raw: 'plain text', quoted: false });
      assert.deepEqual(scalar('i'), { value: 'esc "q" é A \t', raw: 'esc "q" é A \t', quoted: true });
      assert.deepEqual(scalar('j'), { value: "it's", raw: "it's", quoted: true });
      assert.deepEqual(scalar('k'), { value: 1.5, raw: '1.5', quoted: false });
      assert.deepEqual(scalar('l'), { value: 31, raw: '0x1F', quoted: false });
      assert.deepEqual(scalar('m'), { value: '', raw: '', quoted: true });
      assert.deepEqual(scalar('n'), { value: '', raw: '', quoted: true });
      assert.deepEqual(scalar('o'), { value: 'é😀', raw: 'é😀', quoted: true });
      assert.equal(slice(text, get(root, 'o')!.span), '"é😀"');
      assert.equal(scalarString(get(root, 'c')), '8080');
      assert.equal(scalarString(get(root, 'e')), undefined);
      assert.equal(scalarString(root), undefined);
    });

    it('reads booleans as Kubernetes does (YAML 1.1 forms, never from quoted strings)', async () => {
      const truthy = ['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'y', 'Y'];
      const falsy = ['false', 'False', 'FALSE', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'n', 'N'];
      const neither = ['"true"', "'yes'", '"on"', 'maybe', '1', '0', 'tRUE', 'yEs', '~', '[true]', '{a: true}', '|\n    true'];
      const doc = [...truthy, ...falsy, ...neither].map((v, i) => `k${i}: ${v}`).join('\n') + '\n';
      const { documents } = await yamlDocs(doc);
      const root = documents[0]!.root;
      const value = (i: number): boolean | undefined => asBoolean(get(root, `k${i}`));
      truthy.forEach((v, i) => assert.equal(value(i), true, v));
      falsy.forEach((v, i) => assert.equal(value(truthy.length + i), false, v));
      neither.forEach((v, i) => assert.equal(value(truthy.length + falsy.length + i), undefined, v));
      assert.equal(asBoolean(undefined), undefined);
    });

    it('reads numbers (asNumber), never from quoted strings', async () => {
      const { documents } = await yamlDocs('a: 8080\nb: "8080"\nc: -1\nd: 1.5\ne: abc\nf: 0\n');
      const root = documents[0]!.root;
      assert.equal(asNumber(get(root, 'a')), 8080);
      assert.equal(asNumber(get(root, 'b')), undefined);
      assert.equal(asNumber(get(root, 'c')), -1);
      assert.equal(asNumber(get(root, 'd')), 1.5);
      assert.equal(asNumber(get(root, 'e')), undefined);
      assert.equal(asNumber(get(root, 'f')), 0);
      assert.equal(asNumber(root), undefined);
    });

    it('reads block scalars (literal, folded, chomping, indentation) like a YAML parser', async () => {
      const text = [
        'literal: |',
        '  line1',
        '    indented',
        '',
        '  line3',
        'strip: |-',
        '  no newline',
        'keep: |+',
        '  kept',
        '',
        '',
        'folded: >',
        '  one',
        '  two',
        '',
        '  three',
        '    more indented',
        '  last',
        'folded_strip: >-',
        '  a',
        '  b',
        'indicator: |2',
        '    deeper',
        '  base',
        'leading_blank: |',
        '',
        '  after blank',
        'with_comment: | # a comment',
        '  text',
        'empty: |',
        'next: 1',
        '',
      ].join('\n');
      const { documents } = await yamlDocs(text);
      const root = documents[0]!.root;
      assert.deepEqual(toJs(root), YAML.parse(text));
      const literal = get(root, 'literal');
      assert.equal(literal?.kind === 'scalar' && literal.quoted, true, 'block scalars are never booleans or numbers');
      assert.equal(slice(text, literal!.span), '|\n  line1\n    indented\n\n  line3');
    });

    it('folds multi-line plain and quoted scalars like a YAML parser', async () => {
      const text = ['plain: a', '  b', '', '  c', 'double: "x  ', '   y\\', '   z\\n ', '', '  w "', "single: 'it''s", "  ok'", 'url: http://example.com/a', ''].join('\n');
      const { documents } = await yamlDocs(text);
      assert.deepEqual(toJs(documents[0]!.root), YAML.parse(text));
    });

    it('agrees with a reference YAML parser on a corpus of documents', async () => {
      const corpus = [
        'a: 1\nb: [1, 2, {c: d}]\nc: {x: [y, z], "q k": \'v\'}\n',
        'seq:\n- a\n- - nested\n  - seq\n- k: v\n  k2: v2\n',
        'k: "multi\\nline\\ttab \\\\ backslash"\n',
        'e1: ""\ne2: \'\'\ne3: ~\ne4: null\ne5: Null\n',
        'num: [0, -1, 1.5, 1e3, 0o17, 0x1F, +12]\n',
        'bool: [true, false, True, FALSE]\nstr: [yes, no, on, off]\n',
        'a: &x {b: 1}\nc: *x\nd: [*x, *x]\n',
        'text: |\r\n  crlf line 1\r\n  crlf line 2\r\nother: "é😀"\r\n',
        'folded: >\n  a\n  b\n\n  c\n',
        '"quoted key": 1\n\'single key\': 2\n? complex\n: value\n',
        'unicode: données 😀 ünï\n',
      ];
      for (const text of corpus) {
        const { documents } = await yamlDocs(text);
        assert.deepEqual(toJs(documents[0]!.root), YAML.parse(text), JSON.stringify(text));
      }
    });
  });

  it('handles CRLF line endings (spans, values, objects)', async () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: crlf-é😀 # comment', 'spec:', '  containers:', '    - name: a', '      command: |', '        echo 1', '        echo 2', '      args: ["x",', '        "y"]', ''].join('\r\n');
    const file = await k8s(text);
    const o = only(file);
    assert.equal(file.hasErrors, false);
    assert.equal(o.name, 'crlf-é😀');
    assert.equal(slice(text, o.headerSpan), 'kind: Pod');
    assert.deepEqual(file.comments.map((c) => c.text), ['# comment']);
    const a = o.containers[0]!;
    assert.equal(scalarString(get(a.node, 'command')), 'echo 1\necho 2\n');
    assert.deepEqual(toJs(get(a.node, 'args')), ['x', 'y']);
    assert.equal(slice(text, entry(a.node, 'command')!.keySpan), 'command');
  });

  it('keeps UTF-16 offsets right after non-ASCII text', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "données-😀"\n  labels: {émoji: 😀😀, k: v}\n';
    const o = only(await k8s(text));
    assert.equal(o.name, 'données-😀');
    const labels = get(o.root.entries.find((e) => e.key === 'metadata')?.value, 'labels');
    assert.equal(labels?.kind, 'map');
    if (labels?.kind === 'map') {
      assert.deepEqual(labels.entries.map((e) => [e.key, slice(text, e.keySpan), e.value ? slice(text, e.value.span) : '']), [
        ['émoji', 'émoji', '😀😀'],
        ['k', 'k', 'v'],
      ]);
    }
  });

  describe('half-typed YAML', () => {
    const broken = [
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: "x\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a, b\n',
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n     image: x\n',
      'apiVersion: v1\nkind: Pod\nspec:\n  x: - a\n',
      'apiVersion: v1\nkind: Pod\n---\napiVersion: v1\nkind: Pod\nmetadata: {\n',
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n   - b\n',
      'a: b: c\n',
      '"unterminated\n',
      '[}\n',
      'key: &\n',
      'key: *\n',
      '\t- tab indented\n',
    ];

    it('never throws and reports hasErrors', async () => {
      for (const text of broken) {
        const file = await k8s(text);
        assert.equal(file.hasErrors, true, JSON.stringify(text));
      }
    });

    it('keeps what it can of a well-formed prefix', async () => {
      const file = await k8s('apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext:\n      privileged: tr');
      assert.equal(file.isKubernetes, true);
      assert.equal(file.objects[0]?.name, 'ok');
    });
  });
});
