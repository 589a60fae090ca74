import { strict as assert } from 'node:assert';
import { RuleSet } from '../../../server/src/engine/rule-set';
import { fileKindOf } from '../../../server/src/parsing/file-kind';
import { buildSource } from '../../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { grammars } from '../../harness/assets';

async function source(name: string, text: string) {
  return buildSource(`file:///ws/${name}`, fileKindOf(name)!, text, undefined, await grammars(), { maxFileSize: 1 << 20 });
}

describe('workspace index invalidation', () => {
  it('a Terraform change affects exactly the Terraform files of its directory', async () => {
    const index = new WorkspaceIndex(new RuleSet(), (_id, e) => { throw e; });
    index.upsert(await source('a/main.tf', 'resource "aws_db_instance" "x" {}\n'));
    index.upsert(await source('a/vars.tf', 'variable "v" {}\n'));
    index.upsert(await source('b/main.tf', 'resource "aws_db_instance" "y" {}\n'));
    index.upsert(await source('a/k8s.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n'));
    const affected = index.upsert(await source('a/vars.tf', 'variable "v" { default = true }\n'));
    assert.deepEqual(affected.sort(), ['file:///ws/a/main.tf', 'file:///ws/a/vars.tf']);
  });

  it('typing in a workload affects only its file; a NetworkPolicy change affects every Kubernetes file', async () => {
    const index = new WorkspaceIndex(new RuleSet(), (_id, e) => { throw e; });
    const deploy = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: phi}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: web, image: ${image}}\n`;
    index.upsert(await source('deploy.yaml', deploy('web:1')));
    index.upsert(await source('other.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: phi}\n'));
    index.upsert(await source('netpol.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: phi}\nspec: {podSelector: {}}\n'));
    assert.deepEqual(index.upsert(await source('deploy.yaml', deploy('web:2'))), ['file:///ws/deploy.yaml']);
    const affected = index.upsert(await source('netpol.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: phi}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n'));
    assert.deepEqual(affected.sort(), ['file:///ws/deploy.yaml', 'file:///ws/netpol.yaml', 'file:///ws/other.yaml']);
    // Removing a file that carries context affects the others too.
    assert.deepEqual(index.remove('file:///ws/netpol.yaml').sort(), ['file:///ws/deploy.yaml', 'file:///ws/netpol.yaml', 'file:///ws/other.yaml']);
  });
});
