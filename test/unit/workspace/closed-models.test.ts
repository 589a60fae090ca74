import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RuleSet } from '../../../server/src/engine/rule-set';
import { fileKindOf } from '../../../server/src/parsing/file-kind';
import { allRules } from '../../../server/src/rules';
import { ClosedModels } from '../../../server/src/workspace/closed-models';
import { buildSource, type SourceFile } from '../../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { grammars, repoRoot } from '../../harness/assets';

/**
 * The language server releases the models of closed files and rebuilds them when an analysis needs
 * them again (closed-models.ts). Whatever was released, every analysis must equal the one of an
 * index that kept every model: after edits in a module, in a module it calls, in a Kubernetes file
 * that changes workspace-level facts, and with nothing kept at all (budget 0) between steps.
 */
describe('closed models: released and rebuilt, the analyses stay those of an index that keeps every model', () => {
  it('examples/ plus modules calling each other, through Terraform and Kubernetes edits', async () => {
    const g = await grammars();
    const files = new Map<string, string>();
    const examples = path.join(repoRoot, 'examples');
    for (const dir of ['terraform/phi-platform', 'kubernetes/patient-portal']) {
      for (const name of readdirSync(path.join(examples, dir))) if (fileKindOf(name) !== undefined) files.set(`${dir}/${name}`, readFileSync(path.join(examples, dir, name), 'utf8'));
    }
    files.set('live/main.tf', 'module "db" {\n  source = "../modules/db"\n  public = true\n}\n');
    files.set('modules/db/main.tf', 'variable "public" {}\nresource "aws_db_instance" "db" {\n  publicly_accessible = var.public\n}\n');
    files.set('modules/db/outputs.tf', 'output "id" { value = aws_db_instance.db.id }\n');

    let rebuilt = 0;
    const build = (name: string, text: string): SourceFile => buildSource(`file:///ws/${name}`, fileKindOf(name)!, text, undefined, g, { maxFileSize: 1 << 24 });
    const kept = new WorkspaceIndex(new RuleSet(allRules), (id, e) => assert.fail(`rule ${id} failed: ${String(e)}`));
    const released = new WorkspaceIndex(new RuleSet(allRules), (id, e) => assert.fail(`rule ${id} failed: ${String(e)}`));
    const models = new ClosedModels(0, (group) => (group.kind === 'terraform' ? released.forgetModule(group.dir) : released.forgetKubernetesObjects()));
    const upsert = (name: string, text: string): void => {
      kept.upsert(build(name, text));
      released.upsert(
        models.adopt(build(name, text), (uri) => {
          rebuilt++;
          return buildSource(uri, fileKindOf(name)!, text, undefined, g, { maxFileSize: 1 << 24 }).model;
        }),
      );
    };
    const assertSameAnalyses = (step: string): void => {
      for (const uri of kept.uris()) assert.deepEqual(released.analysis(uri), kept.analysis(uri), `${step}: ${uri}`);
      models.trim(false); // between requests: everything is released (budget 0)
    };
    for (const [name, text] of files) upsert(name, text);
    assertSameAnalyses('scanned');

    upsert('modules/db/main.tf', files.get('modules/db/main.tf')!.replace('var.public', 'true'));
    assertSameAnalyses('a called module changed');
    upsert('terraform/phi-platform/variables.tf', `${files.get('terraform/phi-platform/variables.tf')!}\nvariable "added" { default = 1 }\n`);
    assertSameAnalyses('a module changed');
    upsert('kubernetes/patient-portal/networkpolicy.yaml', '');
    assertSameAnalyses('a NetworkPolicy was emptied');
    upsert('kubernetes/patient-portal/extra.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: portal\n  namespace: patient-portal\nautomountServiceAccountToken: false\n');
    assertSameAnalyses('a ServiceAccount was added');

    assert.ok(rebuilt > files.size, `released models were rebuilt (${rebuilt} times)`);
    // A module holds the very model objects its files give (never a mix of old and new ones).
    const module = released.module('file:///ws/modules/db/main.tf');
    for (const file of module.files) {
      const source = released.get(file.uri)!;
      assert.equal(source.model.kind === 'terraform' ? source.model.file : undefined, file);
    }
  });

  it('keeps the most recently used directories within the budget', async () => {
    const g = await grammars();
    const releasedDirs: string[] = [];
    const models = new ClosedModels(100, (group) => releasedDirs.push(group.kind === 'terraform' ? group.dir : 'kubernetes'));
    const text = 'resource "aws_s3_bucket" "b" {\n  bucket = "a-bucket-name-that-makes-this-file-sixty-chars"\n}\n';
    const adopt = (uri: string): SourceFile => models.adopt(buildSource(uri, 'terraform', text, undefined, g, { maxFileSize: 1 << 20 }), () => buildSource(uri, 'terraform', text, undefined, g, { maxFileSize: 1 << 20 }).model);
    const a = adopt('file:///ws/a/main.tf');
    adopt('file:///ws/b/main.tf');
    adopt('file:///ws/c/main.tf');
    assert.equal(a.model.kind, 'terraform'); // reading the kind builds nothing and uses nothing
    if (a.model.kind === 'terraform') assert.ok(a.model.file.blocks.length > 0); // a is now the most recently used
    models.trim(true);
    assert.deepEqual(releasedDirs, ['file:///ws/b', 'file:///ws/c']);
  });
});
