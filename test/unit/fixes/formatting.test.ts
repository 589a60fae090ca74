import { strict as assert } from 'node:assert';
import { applyEdits } from '../../../server/src/fixes/apply-edits';
import type { FixEdit } from '../../../server/src/fixes/fix-edit';
import { appendTupleItem, insertAttribute, insertBlockAfter, insertNestedBlock } from '../../../server/src/fixes/terraform-edits';
import { finishUserValues, userValueRef } from '../../../server/src/fixes/user-values';
import { appendSeqItem, mergeMapKeys, setMapKey, yamlString } from '../../../server/src/fixes/yaml-edits';
import { finishYamlUserValues, isYamlPlaceholder, yamlUserValue } from '../../../server/src/fixes/yaml-user-values';
import type { K8sObject } from '../../../server/src/model/kubernetes/types';
import { getPath, type YMap, type YNode, type YSeq } from '../../../server/src/model/kubernetes/yaml';
import type { TfBlock, TfExpr, TfFile } from '../../../server/src/model/terraform/types';
import { buildSource } from '../../../server/src/workspace/source-file';
import { grammars } from '../../harness/assets';

const TF = 'file:///ws/main.tf';
const YML = 'file:///ws/app.yaml';
const LIMITS = { maxFileSize: 1024 * 1024 };

async function firstBlock(text: string): Promise<TfBlock> {
  const source = buildSource(TF, 'terraform', text, undefined, await grammars(), LIMITS);
  assert.equal(source.model.kind, 'terraform');
  const file = (source.model as { file: TfFile }).file;
  assert.equal(file.hasErrors, false, 'the input parses');
  return file.blocks[0]!;
}

async function firstObject(text: string): Promise<K8sObject> {
  const source = buildSource(YML, 'yaml', text, undefined, await grammars(), LIMITS);
  assert.equal(source.model.kind, 'kubernetes');
  return (source.model as { file: { objects: readonly K8sObject[] } }).file.objects[0]!;
}

function mapAt(object: K8sObject, path: readonly (string | number)[]): YMap {
  let node: YNode | undefined = object.root;
  for (const step of path) node = typeof step === 'number' ? (node?.kind === 'seq' ? node.items[step] : undefined) : getPath(node, [step]);
  assert.equal(node?.kind, 'map', `a map at ${path.join('.')}`);
  return node as YMap;
}

const apply = (text: string, ...edits: FixEdit[]): string => applyEdits(text, edits);

describe('fix edits keep the file\'s formatting (exact output)', () => {
  describe('Terraform', () => {
    it('CRLF line endings: the inserted line ends in CRLF, nothing else changes', async () => {
      const text = 'resource "aws_db_instance" "phi" {\r\n  engine = "postgres"\r\n}\r\n';
      const block = await firstBlock(text);
      assert.equal(apply(text, insertAttribute(TF, text, block, 'storage_encrypted', 'true')), 'resource "aws_db_instance" "phi" {\r\n  engine = "postgres"\r\n  storage_encrypted = true\r\n}\r\n');
    });

    it('tab indentation: attributes and nested blocks are indented with tabs', async () => {
      const text = 'resource "aws_dynamodb_table" "t" {\n\tname = "t"\n}\n';
      const block = await firstBlock(text);
      assert.equal(apply(text, insertAttribute(TF, text, block, 'deletion_protection_enabled', 'true')), 'resource "aws_dynamodb_table" "t" {\n\tname = "t"\n\tdeletion_protection_enabled = true\n}\n');
      assert.equal(
        apply(text, insertNestedBlock(TF, text, block, ['point_in_time_recovery {', '  enabled = true', '}'])),
        'resource "aws_dynamodb_table" "t" {\n\tname = "t"\n\tpoint_in_time_recovery {\n\t\tenabled = true\n\t}\n}\n',
      );
    });

    it('4-space indentation: one level is four spaces, nested levels too', async () => {
      const text = 'resource "aws_dynamodb_table" "t" {\n    name = "t"\n}\n';
      const block = await firstBlock(text);
      assert.equal(
        apply(text, insertNestedBlock(TF, text, block, ['point_in_time_recovery {', '  enabled = true', '}'])),
        'resource "aws_dynamodb_table" "t" {\n    name = "t"\n    point_in_time_recovery {\n        enabled = true\n    }\n}\n',
      );
    });

    it('comments inside the block stay where they are; the new line goes before the closing brace', async () => {
      const text = 'resource "aws_db_instance" "phi" {\n  engine = "postgres" # engine of record\n  # storage settings are decided by the DBA team\n}\n';
      const block = await firstBlock(text);
      assert.equal(
        apply(text, insertAttribute(TF, text, block, 'storage_encrypted', 'true')),
        'resource "aws_db_instance" "phi" {\n  engine = "postgres" # engine of record\n  # storage settings are decided by the DBA team\n  storage_encrypted = true\n}\n',
      );
    });

    it('a comment on the closing brace line and a comment heading the next block stay with them', async () => {
      const text = '# PHI documents\nresource "aws_s3_bucket" "phi" {\n  bucket = "phi-docs"\n} # end of phi\n# audit logs\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n';
      const block = await firstBlock(text);
      const edit = insertBlockAfter(text, { uri: TF, node: block }, ['resource "aws_s3_bucket_versioning" "phi" {', '  bucket = aws_s3_bucket.phi.id', '}']);
      assert.equal(
        apply(text, edit),
        '# PHI documents\nresource "aws_s3_bucket" "phi" {\n  bucket = "phi-docs"\n} # end of phi\n\nresource "aws_s3_bucket_versioning" "phi" {\n  bucket = aws_s3_bucket.phi.id\n}\n\n# audit logs\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n',
      );
      assert.equal(
        apply(text, insertAttribute(TF, text, block, 'force_destroy', 'false')),
        '# PHI documents\nresource "aws_s3_bucket" "phi" {\n  bucket = "phi-docs"\n  force_destroy = false\n} # end of phi\n# audit logs\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n',
      );
    });

    it('`=` alignment: a block that aligns its `=` gets the new attribute aligned; one that does not, does not', async () => {
      const aligned = 'resource "aws_db_instance" "phi" {\n  allocated_storage = 20\n  engine            = "postgres"\n}\n';
      assert.equal(
        apply(aligned, insertAttribute(TF, aligned, await firstBlock(aligned), 'multi_az', 'true')),
        'resource "aws_db_instance" "phi" {\n  allocated_storage = 20\n  engine            = "postgres"\n  multi_az          = true\n}\n',
      );
      const ragged = 'resource "aws_db_instance" "phi" {\n  allocated_storage = 20\n  engine = "postgres"\n}\n';
      assert.equal(
        apply(ragged, insertAttribute(TF, ragged, await firstBlock(ragged), 'multi_az', 'true')),
        'resource "aws_db_instance" "phi" {\n  allocated_storage = 20\n  engine = "postgres"\n  multi_az = true\n}\n',
      );
    });

    it('an empty one-line block is opened up; an attribute written as null is replaced, never duplicated', async () => {
      const empty = 'resource "aws_kms_key" "phi" {}\n';
      assert.equal(apply(empty, insertAttribute(TF, empty, await firstBlock(empty), 'enable_key_rotation', 'true')), 'resource "aws_kms_key" "phi" {\n  enable_key_rotation = true\n}\n');
      const nulled = 'resource "aws_kms_key" "phi" {\n  enable_key_rotation = null # set later\n}\n';
      assert.equal(
        apply(nulled, insertAttribute(TF, nulled, await firstBlock(nulled), 'enable_key_rotation', 'true')),
        'resource "aws_kms_key" "phi" {\n  enable_key_rotation = true # set later\n}\n',
      );
    });

    it('a companion resource in a CRLF, tab-indented file: CRLF, tabs, one blank line before it', async () => {
      const text = 'resource "aws_s3_bucket" "phi" {\r\n\tbucket = "phi-docs"\r\n}\r\n';
      const block = await firstBlock(text);
      const edit = insertBlockAfter(text, { uri: TF, node: block }, ['resource "aws_s3_bucket_versioning" "phi" {', '  bucket = aws_s3_bucket.phi.id', '  versioning_configuration {', '    status = "Enabled"', '  }', '}']);
      assert.equal(
        apply(text, edit),
        'resource "aws_s3_bucket" "phi" {\r\n\tbucket = "phi-docs"\r\n}\r\n\r\nresource "aws_s3_bucket_versioning" "phi" {\r\n\tbucket = aws_s3_bucket.phi.id\r\n\tversioning_configuration {\r\n\t\tstatus = "Enabled"\r\n\t}\r\n}\r\n',
      );
    });

    it('a value only the user can choose: var reference, snippet placeholder, and a declaration in the file\'s style', async () => {
      const text = 'resource "aws_efs_file_system" "fs" {\r\n\tcreation_token = "phi"\r\n}\r\n';
      const block = await firstBlock(text);
      const key = { variable: 'efs_kms_key_arn', description: 'ARN of the key' };
      const edits = finishUserValues({ text, isDeclared: () => false }, TF, [key], [insertAttribute(TF, text, block, 'kms_key_id', userValueRef(key))]);
      assert.equal(
        applyEdits(text, edits),
        'resource "aws_efs_file_system" "fs" {\r\n\tcreation_token = "phi"\r\n\tkms_key_id = var.efs_kms_key_arn\r\n}\r\n\r\nvariable "efs_kms_key_arn" {\r\n\tdescription = "ARN of the key"\r\n\ttype        = string\r\n}\r\n',
      );
      assert.equal(edits[0]!.snippet, '\tkms_key_id = ${1:var.efs_kms_key_arn}\r\n');
      // A variable the module already declares is only referenced.
      const declared = finishUserValues({ text, isDeclared: () => true }, TF, [key], [insertAttribute(TF, text, block, 'kms_key_id', userValueRef(key))]);
      assert.equal(declared.length, 1);
    });

    it('snippet text escapes `$` and `}` of HCL templates outside the placeholders', async () => {
      const text = 'resource "aws_s3_bucket_logging" "l" {\n  bucket = "b"\n}\n';
      const block = await firstBlock(text);
      const bucket = { variable: 'log_bucket', description: 'the log bucket' };
      const [edit] = finishUserValues({ text, isDeclared: () => true }, TF, [bucket], [
        insertAttribute(TF, text, block, 'target_prefix', `"\${${userValueRef(bucket)}}/s3/"`),
      ]);
      assert.equal(edit!.newText, '  target_prefix = "${var.log_bucket}/s3/"\n');
      assert.equal(edit!.snippet, '  target_prefix = "\\${${1:var.log_bucket}\\}/s3/"\n');
    });
  });

  describe('Kubernetes YAML', () => {
    const deployment = (container: string, eol = '\n'): string =>
      ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: portal', 'spec:', '  template:', '    spec:', '      containers:', container].join(eol);
    const containerPath = ['spec', 'template', 'spec', 'containers', 0];

    it('block style: the key goes after the last entry, at the map\'s indentation', async () => {
      const text = deployment('      - name: web\n        image: web@sha256:abc\n        securityContext:\n          runAsNonRoot: true\n');
      const object = await firstObject(text);
      const edit = setMapKey(YML, text, mapAt(object, [...containerPath, 'securityContext']), 'allowPrivilegeEscalation', 'false');
      assert.equal(apply(text, edit), deployment('      - name: web\n        image: web@sha256:abc\n        securityContext:\n          runAsNonRoot: true\n          allowPrivilegeEscalation: false\n'));
    });

    it('4-space indentation: a new nested mapping is indented by four', async () => {
      const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    containers:\n        - name: web\n          image: web@sha256:abc\n';
      const object = await firstObject(text);
      const edit = setMapKey(YML, text, mapAt(object, ['spec', 'containers', 0]), 'securityContext', { allowPrivilegeEscalation: 'false' });
      assert.equal(
        apply(text, edit),
        'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    containers:\n        - name: web\n          image: web@sha256:abc\n          securityContext:\n              allowPrivilegeEscalation: false\n',
      );
    });

    it('flow style: the key joins the flow mapping; an empty flow mapping is filled', async () => {
      const text = deployment('      - name: web\n        securityContext: {runAsNonRoot: true}\n');
      const object = await firstObject(text);
      assert.equal(
        apply(text, setMapKey(YML, text, mapAt(object, [...containerPath, 'securityContext']), 'allowPrivilegeEscalation', 'false')),
        deployment('      - name: web\n        securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false}\n'),
      );
      const empty = deployment('      - name: web\n        securityContext: {}\n');
      const emptyObject = await firstObject(empty);
      assert.equal(
        apply(empty, setMapKey(YML, empty, mapAt(emptyObject, [...containerPath, 'securityContext']), 'capabilities', { drop: '["ALL"]' })),
        deployment('      - name: web\n        securityContext: {capabilities: {drop: ["ALL"]}}\n'),
      );
    });

    it('YAML comments: a comment ending the last entry\'s line stays on it; comment lines after the map stay after the new key', async () => {
      const text = deployment('      - name: web\n        securityContext:\n          runAsNonRoot: true  # required by policy\n          # readOnlyRootFilesystem is tracked in JIRA-12\n      - name: sidecar\n        image: side@sha256:def\n');
      const object = await firstObject(text);
      const edit = setMapKey(YML, text, mapAt(object, [...containerPath, 'securityContext']), 'allowPrivilegeEscalation', 'false');
      assert.equal(
        apply(text, edit),
        deployment(
          '      - name: web\n        securityContext:\n          runAsNonRoot: true  # required by policy\n          allowPrivilegeEscalation: false\n          # readOnlyRootFilesystem is tracked in JIRA-12\n      - name: sidecar\n        image: side@sha256:def\n',
        ),
      );
    });

    it('a scalar is replaced in place: its comment and quoting of other values stay', async () => {
      const text = deployment('      - name: web\n        securityContext:\n          privileged: true # needed for the old agent\n          runAsUser: "1000"\n');
      const object = await firstObject(text);
      assert.equal(
        apply(text, setMapKey(YML, text, mapAt(object, [...containerPath, 'securityContext']), 'privileged', 'false')),
        deployment('      - name: web\n        securityContext:\n          privileged: false # needed for the old agent\n          runAsUser: "1000"\n'),
      );
    });

    it('CRLF: the inserted lines end in CRLF', async () => {
      const text = deployment('      - name: web\r\n        image: web@sha256:abc\r\n', '\r\n');
      const object = await firstObject(text);
      const edit = setMapKey(YML, text, mapAt(object, containerPath), 'securityContext', { allowPrivilegeEscalation: 'false' });
      assert.equal(apply(text, edit), deployment('      - name: web\r\n        image: web@sha256:abc\r\n        securityContext:\r\n          allowPrivilegeEscalation: false\r\n', '\r\n'));
    });
  });
});

describe('edits for values only the user can choose (exact output)', () => {
  const seqAt = (object: K8sObject, path: readonly string[]): YSeq => {
    const node = getPath(object.root, path);
    assert.equal(node?.kind, 'seq', `a sequence at ${path.join('.')}`);
    return node as YSeq;
  };

  it('YAML placeholders: the plain text keeps them, the snippet makes each a tab stop numbered by first appearance', () => {
    const edits = finishYamlUserValues([
      { uri: YML, span: { start: 0, end: 0 }, newText: `port: ${yamlUserValue('<probe-port>')}, path: ${yamlUserValue('<path>')}` },
      { uri: YML, span: { start: 5, end: 5 }, newText: `{port: ${yamlUserValue('<probe-port>')}}` },
    ]);
    assert.deepEqual(
      edits.map((e) => [e.newText, e.snippet]),
      [
        ['port: <probe-port>, path: <path>', 'port: ${1:<probe-port>}, path: ${2:<path>}'],
        ['{port: <probe-port>}', '{port: ${1:<probe-port>}\\}'],
      ],
    );
    assert.throws(() => yamlUserValue('512Mi'), /must hold a <name> placeholder/);
    assert.equal(isYamlPlaceholder('app:1@sha256:<digest>'), true);
    assert.equal(isYamlPlaceholder('<%= erb %>'), false);
  });

  it('mergeMapKeys: missing keys of one mapping are one insertion, nested mappings merge, an aliased mapping is not edited', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: web\n      resources:\n        requests:\n          cpu: 100m\n';
    const object = await firstObject(text);
    const container = mapAt(object, ['spec', 'containers', 0]);
    const edits = mergeMapKeys(YML, text, container, { resources: { requests: { memory: '<m>' }, limits: { memory: '<l>' } }, livenessProbe: { tcpSocket: { port: '80' } } })!;
    assert.equal(edits.length, 1, 'all three insertions land after the last line of the container, as one edit');
    assert.equal(
      apply(text, ...edits),
      `${text}          memory: <m>\n        limits:\n          memory: <l>\n      livenessProbe:\n        tcpSocket:\n          port: 80\n`,
    );
    const aliased = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nx: &r {requests: {cpu: 1}}\nspec:\n  containers:\n    - name: web\n      resources: *r\n';
    const aliasObject = await firstObject(aliased);
    assert.equal(mergeMapKeys(YML, aliased, mapAt(aliasObject, ['spec', 'containers', 0]), { resources: { limits: { memory: '<l>' } } }), undefined);
  });

  it('appendSeqItem: block lists keep their dash column, flow lists get `, {…}`, a list holding an alias is not edited', async () => {
    const indentless = 'apiVersion: v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  tls:\n  - hosts: [a.example.org] # first\n    secretName: a\n  rules: []\n';
    const object = await firstObject(indentless);
    assert.equal(
      apply(indentless, appendSeqItem(YML, indentless, seqAt(object, ['spec', 'tls']), { hosts: ['b.example.org'], secretName: '<s>' })!),
      indentless.replace('    secretName: a\n', '    secretName: a\n  - hosts:\n    - b.example.org\n    secretName: <s>\n'),
    );
    const flow = 'apiVersion: v1\nkind: Ingress\nmetadata: {name: i}\nspec: {tls: [{secretName: a}], rules: []}\n';
    const flowObject = await firstObject(flow);
    assert.equal(apply(flow, appendSeqItem(YML, flow, seqAt(flowObject, ['spec', 'tls']), { hosts: ['b.example.org'] })!), flow.replace('[{secretName: a}]', '[{secretName: a}, {hosts: [b.example.org]}]'));
    assert.equal(apply(flow, appendSeqItem(YML, flow, seqAt(flowObject, ['spec', 'rules']), 'x')!), flow.replace('rules: []', 'rules: [x]'));
    const aliased = 'apiVersion: v1\nkind: Ingress\nmetadata: {name: i}\nx: &t {secretName: a}\nspec:\n  tls:\n    - *t\n';
    const aliasObject = await firstObject(aliased);
    assert.equal(appendSeqItem(YML, aliased, seqAt(aliasObject, ['spec', 'tls']), { secretName: '<s>' }), undefined);
  });

  it('yamlString: plain where YAML reads the same string back, double-quoted otherwise', () => {
    assert.deepEqual(
      ['portal.example.org', '*.example.org', 'yes', '8080', 'a: b', '<tls-secret-name>'].map(yamlString),
      ['portal.example.org', '"*.example.org"', '"yes"', '"8080"', '"a: b"', '<tls-secret-name>'],
    );
  });

  it('appendTupleItem: `[]`, one line, one element per line with and without a trailing comma', async () => {
    const tuple = async (text: string): Promise<Extract<TfExpr, { kind: 'tuple' }>> => {
      const expr = (await firstBlock(text)).attributes.get('resources')!.expr;
      assert.equal(expr.kind, 'tuple');
      return expr as Extract<TfExpr, { kind: 'tuple' }>;
    };
    const cases: [string, string, string][] = [
      ['resources = []', 'resources = [b.arn]', '\n'],
      ['resources = [a.arn]', 'resources = [a.arn, b.arn]', '\n'],
      ['resources = [\n    a.arn, # first\n  ]', 'resources = [\n    a.arn, # first\n    b.arn,\n  ]', '\n'],
      ['resources = [\r\n    a.arn # first\r\n  ]', 'resources = [\r\n    a.arn, # first\r\n    b.arn\r\n  ]', '\r\n'],
    ];
    for (const [before, after, eol] of cases) {
      const text = `resource "aws_backup_selection" "s" {${eol}  ${before}${eol}}${eol}`;
      assert.equal(apply(text, appendTupleItem(TF, text, await tuple(text), 'b.arn')), `resource "aws_backup_selection" "s" {${eol}  ${after}${eol}}${eol}`);
    }
  });
});
