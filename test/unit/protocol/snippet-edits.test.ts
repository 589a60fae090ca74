import { strict as assert } from 'node:assert';
import { applyEdits } from '../../../server/src/fixes/apply-edits';
import type { FixEdit } from '../../../server/src/fixes/fix-edit';
import { lineStartOf } from '../../../server/src/fixes/text-layout';
import { escapeSnippet } from '../../../server/src/fixes/user-values';
import { snippetEditsFor, type ClientEdit } from '../../../server/src/protocol/snippet-edits';
import { allRules } from '../../../server/src/rules';
import { snippetDefaults } from '../../harness/fix-properties';
import { lintFiles } from '../../harness/lint';

/**
 * What VS Code (1.100, SnippetSession.adjustWhitespace with adjustIndentation on, an editor indenting
 * with spaces) makes of a document's edits once one of them is a snippet edit: every edit is inserted
 * as a snippet (plain ones escaped), every line of it after the first gets the whitespace that starts
 * the line the edit begins on, and the placeholders keep their defaults.
 */
function appliedByVsCode(text: string, edits: readonly ClientEdit[]): string {
  return applyEdits(
    text,
    edits.map((edit) => {
      const template = 'snippet' in edit ? edit.snippet : escapeSnippet(edit.newText);
      const lead = /^[ \t]*/.exec(text.slice(lineStartOf(text, edit.span.start), edit.span.start))![0];
      const adjusted = template
        .split(/(\r\n|\r|\n)/)
        .map((part, i) => (i >= 2 && i % 2 === 0 ? lead + part : part))
        .join('');
      return { span: edit.span, newText: snippetDefaults(adjusted) };
    }),
  );
}

const MANIFEST = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: portal',
  'spec:',
  '  template:',
  '    spec:',
  '      securityContext:',
  '        runAsUser: 0',
  '      containers:',
  '        - name: web',
  '          image: portal:1.2.3',
  '        - {name: side, image: "side:latest"}',
  '---',
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  'metadata:',
  '  name: portal',
  'spec:',
  '  rules:',
  '    - host: portal.example-health.org',
  '',
].join('\n');

const TERRAFORM = 'resource "google_container_cluster" "phi" {\n  name = "gke-phi"\n\n  private_cluster_config {\n    enable_private_endpoint = true\n  }\n}\n';

describe('snippet edits laid out for VS Code', () => {
  it('every fix with a snippet ends up, in VS Code, exactly as its plain edits (Kubernetes and Terraform fixes)', async () => {
    let checked = 0;
    for (const [name, text] of [['m.yaml', MANIFEST], ['main.tf', TERRAFORM]] as const) {
      const result = await lintFiles({ [name]: text }, name, allRules);
      for (const finding of result.findings) {
        const edits = finding.fix?.edits.filter((e) => e.uri.endsWith(`/${name}`)) ?? [];
        if (!edits.some((e) => e.snippet !== undefined)) continue;
        const sent = snippetEditsFor(text, edits);
        assert.ok(sent !== undefined, `${finding.ruleId}/${finding.fix!.fixId} can be sent as snippets`);
        assert.equal(appliedByVsCode(text, sent), applyEdits(text, edits), `${finding.ruleId}/${finding.fix!.fixId}`);
        checked++;
      }
    }
    assert.ok(checked >= 6, `fixes with snippets checked: ${checked}`);
  });

  it('without the layout, a key inserted at the end of an indented line would be indented twice; it is sent at the start of the next line', () => {
    const text = 'spec:\n  containers:\n    - name: web\n';
    const end = text.length - 1;
    const edit: FixEdit = { uri: 'file:///m.yaml', span: { start: end, end }, newText: '\n      port: <p>', snippet: '\n      port: ${1:<p>}' };
    assert.equal(appliedByVsCode(text, [{ span: edit.span, snippet: edit.snippet! }]), 'spec:\n  containers:\n    - name: web\n          port: <p>\n');
    assert.deepEqual(snippetEditsFor(text, [edit]), [{ span: { start: text.length, end: text.length }, snippet: '      port: ${1:<p>}\n' }]);
  });

  it('where no line break follows, the whitespace is taken off the later lines; a plain edit next to a snippet edit is laid out too', () => {
    const text = 'a:\n  b: 1';
    const at = { start: text.length, end: text.length };
    const snippet: FixEdit = { uri: 'file:///m.yaml', span: at, newText: '\n  c: <c>', snippet: '\n  c: ${1:<c>}' };
    const plain: FixEdit = { uri: 'file:///m.yaml', span: at, newText: '\n  d: $x' };
    const sent = snippetEditsFor(text, [snippet, plain])!;
    assert.deepEqual(sent, [
      { span: at, snippet: '\nc: ${1:<c>}' },
      { span: at, snippet: '\nd: \\$x' },
    ]);
    assert.equal(appliedByVsCode(text, sent), 'a:\n  b: 1\n  c: <c>\n  d: $x');
  });

  it('an edit whose lines cannot be laid out makes the whole document plain; without snippets, edits are sent as they are', () => {
    const text = 'a:\n  b: 1';
    const at = { start: text.length, end: text.length };
    const snippet: FixEdit = { uri: 'file:///m.yaml', span: at, newText: '\n  c: <c>', snippet: '\n  c: ${1:<c>}' };
    const lessIndented: FixEdit = { uri: 'file:///m.yaml', span: at, newText: '\nd: 1' };
    assert.equal(snippetEditsFor(text, [snippet, lessIndented]), undefined);
    assert.deepEqual(snippetEditsFor(text, [lessIndented]), [{ span: at, newText: lessIndented.newText }]);
  });
});
