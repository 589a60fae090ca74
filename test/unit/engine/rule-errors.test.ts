import { strict as assert } from 'node:assert';
import { RuleSet } from '../../../server/src/engine/rule-set';
import { fileKindOf } from '../../../server/src/parsing/file-kind';
import { catalogCheck } from '../../../server/src/rules/catalog';
import k8sNoHostNetwork from '../../../server/src/rules/kubernetes/k8s-no-host-network';
import awsRdsStorageEncrypted from '../../../server/src/rules/terraform/aws-rds-instance-storage-encrypted';
import type { KubernetesRule, TerraformRule } from '../../../server/src/rules/types';
import { OnceLogger, ruleErrorLogger, type Logger } from '../../../server/src/util/logger';
import { buildSource } from '../../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { grammars } from '../../harness/assets';
import { hostNetworkPod, rdsResource } from '../../harness/pathological-inputs';

/**
 * A rule that throws is skipped and logged once; the other rules run and their findings and
 * evidence are complete. Tested with throwing Rule objects at the index — the server wires the same
 * index with `ruleErrorLogger` (session.ts), and nothing test-only ships in the product.
 */

class Boom extends Error {
  override name = 'Boom';
}

const throwingTerraform: TerraformRule = {
  id: 'aws-kms-key-rotation-enabled',
  platform: 'terraform',
  meta: catalogCheck('aws-kms-key-rotation-enabled'),
  resourceTypes: ['aws_db_instance'],
  messages: {},
  fixes: {},
  check() {
    throw new Boom('a rule bug');
  },
};

const throwingKubernetes: KubernetesRule = {
  id: 'k8s-no-privileged-containers',
  platform: 'kubernetes',
  meta: catalogCheck('k8s-no-privileged-containers'),
  kinds: ['Pod'],
  messages: {},
  fixes: {},
  check() {
    throw new RangeError('Maximum call stack size exceeded');
  },
};

function recordingLogger(): Logger & { readonly errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (m) => void errors.push(m) };
}

describe('engine: a rule that throws', () => {
  let index: WorkspaceIndex;
  let log: ReturnType<typeof recordingLogger>;
  let add: (name: string, text: string) => void;

  beforeEach(async () => {
    log = recordingLogger();
    index = new WorkspaceIndex(new RuleSet([throwingTerraform, awsRdsStorageEncrypted, throwingKubernetes, k8sNoHostNetwork]), ruleErrorLogger(new OnceLogger(log)));
    const g = await grammars();
    add = (name, text) => void index.upsert(buildSource(`file:///ws/${name}`, fileKindOf(name)!, text, undefined, g, { maxFileSize: 1 << 20 }));
    add('a/main.tf', rdsResource('one') + rdsResource('two'));
    add('b/main.tf', rdsResource('three'));
    add('pod.yaml', hostNetworkPod('p'));
  });

  it('is skipped: the other rules report, and the failing rule leaves no evidence (neither satisfied nor violated)', () => {
    const tf = index.analysis('file:///ws/a/main.tf');
    assert.deepEqual(tf.findings.map((f) => `${f.ruleId} ${f.resource}`), ['aws-rds-instance-storage-encrypted aws_db_instance.one', 'aws-rds-instance-storage-encrypted aws_db_instance.two']);
    assert.deepEqual(tf.evaluations.filter((e) => e.ruleId === throwingTerraform.id), [], 'a rule that threw is not evidence of anything');
    assert.equal(tf.evaluations.filter((e) => e.ruleId === awsRdsStorageEncrypted.id).length, 2);
    const pod = index.analysis('file:///ws/pod.yaml');
    assert.deepEqual(pod.findings.map((f) => f.ruleId), ['k8s-no-host-network']);
    assert.deepEqual(pod.evaluations.filter((e) => e.ruleId === throwingKubernetes.id), []);
  });

  it('is logged once per rule however often it throws, with the error, never the file content', () => {
    for (const uri of ['file:///ws/a/main.tf', 'file:///ws/b/main.tf', 'file:///ws/pod.yaml']) index.analysis(uri);
    // A change invalidates the memoised analysis: the rule throws again, and is not logged again.
    add('b/main.tf', rdsResource('four'));
    index.analysis('file:///ws/b/main.tf');
    assert.equal(log.errors.length, 2, log.errors.join('\n'));
    assert.match(log.errors[0]!, /^rule aws-kms-key-rotation-enabled failed and was skipped: Boom: a rule bug/);
    assert.match(log.errors[1]!, /^rule k8s-no-privileged-containers failed and was skipped: RangeError: Maximum call stack size exceeded/);
    for (const message of log.errors) assert.ok(!message.includes('aws_db_instance') && !message.includes('hostNetwork'), 'no file content in the log');
  });
});
