import { strict as assert } from 'node:assert';
import type { FileAnalysis } from '../../../server/src/engine/finding';
import { governedProject } from '../../harness/governance';

const PUBLIC = 'aws-rds-not-publicly-accessible';
const ENCRYPTED = 'aws-rds-instance-storage-encrypted';
const ROTATION = 'aws-kms-key-rotation-enabled';

/** An RDS instance with two findings: publicly_accessible (at the value) and storage_encrypted (at the value). */
const db = (name: string, before = '', inside = '') => `${before}resource "aws_db_instance" "${name}" {
${inside}  publicly_accessible = true
  storage_encrypted   = false
  backup_retention_period = 7
  enabled_cloudwatch_logs_exports = ["postgresql"]
}
`;

async function analyse(files: Record<string, string>, options: Parameters<typeof governedProject>[1] = {}, target = Object.keys(files)[0]!): Promise<FileAnalysis> {
  return (await governedProject(files, options)).analysis(target);
}

const ids = (a: FileAnalysis, ruleId: string) => ({
  findings: a.findings.filter((f) => f.ruleId === ruleId).map((f) => f.resource),
  suppressed: a.suppressed.filter((s) => s.finding.ruleId === ruleId).map((s) => s.finding.resource),
});
const problems = (a: FileAnalysis) => a.problems.map((p) => `${p.severity}: ${p.message}`);

describe('suppressions: # hciac:ignore in Terraform', () => {
  it('above a resource: suppresses that rule on that resource only, and records reason, expiry and origin', async () => {
    const a = await analyse({ 'main.tf': db('a', `# hciac:ignore ${PUBLIC} reason="BI vendor, SEC-12" expires=2026-12-31\n`) + db('b') });
    assert.deepEqual(ids(a, PUBLIC), { findings: ['aws_db_instance.b'], suppressed: ['aws_db_instance.a'] });
    assert.deepEqual(ids(a, ENCRYPTED).suppressed, [], 'other rules on the same resource stay');
    const s = a.suppressed[0]!.suppression;
    assert.deepEqual([s.origin, s.reason, s.expires, s.scope, s.status, s.matched], ['hciac', 'BI vendor, SEC-12', '2026-12-31', 'resource', 'applied', 1]);
    assert.deepEqual(a.problems, []);
  });

  it('with // and /* */ comments too', async () => {
    for (const comment of [`// hciac:ignore ${PUBLIC} reason="r"`, `/* hciac:ignore ${PUBLIC} reason="r" */`]) {
      const a = await analyse({ 'main.tf': db('a', `${comment}\n`) });
      assert.deepEqual(ids(a, PUBLIC).suppressed, ['aws_db_instance.a'], comment);
    }
  });

  it('inside a resource with nothing directly below: the whole resource', async () => {
    const a = await analyse({ 'main.tf': db('a', '', `  # hciac:ignore ${ENCRYPTED} reason="legacy, migrating Q3"\n\n`) });
    assert.deepEqual(ids(a, ENCRYPTED).suppressed, ['aws_db_instance.a']);
  });

  it('directly above an attribute: only that attribute, and an unused one explains its scope', async () => {
    const above = await analyse({ 'main.tf': db('a', '', `  # hciac:ignore ${PUBLIC} reason="r"\n`) });
    assert.deepEqual(ids(above, PUBLIC).suppressed, ['aws_db_instance.a']);
    // The same comment above the other attribute covers only that one: it matches nothing.
    const wrong = await analyse({
      'main.tf': `resource "aws_db_instance" "a" {
  publicly_accessible = true
  # hciac:ignore ${PUBLIC} reason="r"
  storage_encrypted   = true
}
`,
    });
    assert.deepEqual(ids(wrong, PUBLIC), { findings: ['aws_db_instance.a'], suppressed: [] });
    assert.ok(problems(wrong).some((p) => p.startsWith('warning:') && p.includes('matches no finding') && p.includes('attribute')), problems(wrong).join('\n'));
  });

  it('after code on the same line: what starts on that line', async () => {
    const a = await analyse({
      'main.tf': `resource "aws_db_instance" "a" {
  publicly_accessible = true # hciac:ignore ${PUBLIC} reason="r"
  storage_encrypted   = false
}
`,
    });
    assert.deepEqual(ids(a, PUBLIC).suppressed, ['aws_db_instance.a']);
    assert.deepEqual(ids(a, ENCRYPTED).findings, ['aws_db_instance.a']);
  });

  it('a blank line breaks adjacency: the comment then covers nothing', async () => {
    const a = await analyse({ 'main.tf': `# hciac:ignore ${PUBLIC} reason="r"\n\n` + db('a') });
    assert.deepEqual(ids(a, PUBLIC).suppressed, []);
    assert.ok(problems(a).some((p) => p.includes('applies to nothing')), problems(a).join('\n'));
  });

  it('ignore-file at the top covers the file; further down it is refused', async () => {
    const top = await analyse({ 'main.tf': `# owner: platform\n# hciac:ignore-file ${PUBLIC} reason="sandbox account, no PHI"\n\n` + db('a') + db('b') });
    assert.deepEqual(ids(top, PUBLIC), { findings: [], suppressed: ['aws_db_instance.a', 'aws_db_instance.b'] });
    assert.equal(top.suppressed[0]!.suppression.scope, 'file');
    const late = await analyse({ 'main.tf': db('a') + `# hciac:ignore-file ${PUBLIC} reason="r"\n` });
    assert.deepEqual(ids(late, PUBLIC).suppressed, []);
    assert.ok(problems(late).some((p) => p.includes('top of the file')), problems(late).join('\n'));
  });

  it('a suppression without reason is not applied, and says so', async () => {
    const a = await analyse({ 'main.tf': db('a', `# hciac:ignore ${PUBLIC}\n`) });
    assert.deepEqual(ids(a, PUBLIC), { findings: ['aws_db_instance.a'], suppressed: [] });
    assert.equal(a.suppressions[0]!.status, 'rejected');
    assert.match(problems(a).join('\n'), /warning: .*no reason/);
  });

  it('malformed syntax, an unknown rule, and an impossible date are diagnostics', async () => {
    const malformed = await analyse({ 'main.tf': db('a', `# hciac:ignore ${PUBLIC} because="x"\n`) });
    assert.match(problems(malformed).join('\n'), /malformed suppression/i);
    const unknown = await analyse({ 'main.tf': db('a', `# hciac:ignore aws-no-such-rule reason="x"\n`) });
    assert.match(problems(unknown).join('\n'), /Unknown rule id "aws-no-such-rule"/);
    const date = await analyse({ 'main.tf': db('a', `# hciac:ignore ${PUBLIC} reason="x" expires=2026-02-30\n`) });
    assert.deepEqual(ids(date, PUBLIC).suppressed, []);
    assert.match(problems(date).join('\n'), /not a date/);
  });

  it('expiry is judged against the injected clock: valid through the day, expired the day after', async () => {
    const files = { 'main.tf': db('a', `# hciac:ignore ${PUBLIC} reason="r" expires=2026-06-01\n`) };
    assert.deepEqual(ids(await analyse(files, { today: '2026-06-01' }), PUBLIC).suppressed, ['aws_db_instance.a']);
    const after = await analyse(files, { today: '2026-06-02' });
    assert.deepEqual(ids(after, PUBLIC), { findings: ['aws_db_instance.a'], suppressed: [] });
    assert.match(problems(after).join('\n'), /expired on 2026-06-01/);
  });

  it('a finding header-anchored (missing attribute) is covered from above the resource', async () => {
    const a = await analyse({ 'kms.tf': `# hciac:ignore ${ROTATION} reason="asymmetric signing key"\nresource "aws_kms_key" "k" {\n  description = "x"\n}\n` });
    assert.deepEqual(ids(a, ROTATION).suppressed, ['aws_kms_key.k']);
  });
});

describe('suppressions: policy of the repository file', () => {
  const files = { 'main.tf': db('a', `# hciac:ignore ${PUBLIC} reason="r" expires=2026-12-31\n`) };

  it('forbidSuppression by rule id or by control id keeps the finding, with an error on the marker', async () => {
    for (const forbidden of [PUBLIC, 'HIPAA-164.312(a)(1)']) {
      const a = await analyse(files, { config: `policy:\n  forbidSuppression: ["${forbidden}"]\n` }, 'main.tf');
      assert.deepEqual(ids(a, PUBLIC), { findings: ['aws_db_instance.a'], suppressed: [] }, forbidden);
      assert.ok(a.problems.some((p) => p.severity === 'error' && p.message.includes('forbidSuppression')), forbidden);
    }
  });

  it('requireExpiry refuses open-ended exceptions; maxExpiryDays refuses far ones', async () => {
    const open = await analyse({ 'main.tf': db('a', `# hciac:ignore ${PUBLIC} reason="r"\n`) }, { config: 'policy:\n  requireExpiry: true\n' }, 'main.tf');
    assert.deepEqual(ids(open, PUBLIC).suppressed, []);
    assert.match(problems(open).join('\n'), /requireExpiry/);
    const far = await analyse(files, { config: 'policy:\n  maxExpiryDays: 90\n', today: '2026-06-01' }, 'main.tf');
    assert.deepEqual(ids(far, PUBLIC).suppressed, []);
    assert.match(problems(far).join('\n'), /more than 90 days/);
    const near = await analyse(files, { config: 'policy:\n  maxExpiryDays: 365\n', today: '2026-06-01' }, 'main.tf');
    assert.deepEqual(ids(near, PUBLIC).suppressed, ['aws_db_instance.a']);
  });
});

const deployment = (annotations = '', podAnnotations = '', sidecarComment = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: portal
${annotations ? `  annotations:\n${annotations}` : ''}spec:
  template:
    metadata:
      labels:
        app: web
${podAnnotations ? `      annotations:\n${podAnnotations}` : ''}    spec:
      hostNetwork: true
      hostPID: true
      hostIPC: true
      containers:
        - name: app
          image: registry.example/app@sha256:0000000000000000000000000000000000000000000000000000000000000000
          securityContext:
            privileged: true
${sidecarComment}        - name: sidecar
          image: registry.example/side@sha256:0000000000000000000000000000000000000000000000000000000000000000
          securityContext:
            privileged: true
`;

describe('suppressions: Kubernetes', () => {
  it('hciac.io/ignore on the object or on the pod template', async () => {
    for (const [objectAnn, podAnn] of [['    hciac.io/ignore: "k8s-no-host-network: CNI needs the host network"\n', ''], ['', '        hciac.io/ignore: "k8s-no-host-network: CNI needs the host network"\n']] as const) {
      const a = await analyse({ 'web.yaml': deployment(objectAnn, podAnn) });
      assert.deepEqual(ids(a, 'k8s-no-host-network').suppressed, ['Deployment/web']);
      assert.equal(a.suppressed.find((s) => s.finding.ruleId === 'k8s-no-host-network')!.suppression.reason, 'CNI needs the host network');
    }
  });

  it('a comment above one container covers that container only', async () => {
    const a = await analyse({ 'web.yaml': deployment('', '', '        # hciac:ignore k8s-no-privileged-containers reason="vendor sidecar, ticket OPS-7"\n') });
    const privileged = a.findings.filter((f) => f.ruleId === 'k8s-no-privileged-containers');
    const accepted = a.suppressed.filter((s) => s.finding.ruleId === 'k8s-no-privileged-containers');
    assert.equal(privileged.length, 1);
    assert.equal(accepted.length, 1);
    assert.ok(privileged[0]!.message.includes('"app"') && accepted[0]!.finding.message.includes('"sidecar"'));
  });
});

describe("suppressions: peers' markers through the rule metadata", () => {
  it('checkov:skip inside a resource covers it, with its reason and origin', async () => {
    const a = await analyse({ 'main.tf': db('a', '', '  #checkov:skip=CKV_AWS_17:public reporting replica by design\n') });
    const s = a.suppressed.find((x) => x.finding.ruleId === PUBLIC)!.suppression;
    assert.deepEqual([s.origin, s.reason, s.marker], ['checkov', 'public reporting replica by design', 'checkov:skip=CKV_AWS_17']);
    assert.deepEqual(ids(a, ENCRYPTED).suppressed, []);
  });

  it('a rule with several equivalent ids needs all of them skipped; part of them is a hint, not an exception', async () => {
    const bucket = (skips: string) => `resource "aws_s3_bucket" "b" {\n${skips}  bucket = "x"\n}\n`;
    const part = await analyse({ 's3.tf': bucket('  #checkov:skip=CKV_AWS_19:r\n') });
    assert.deepEqual(ids(part, 'aws-s3-bucket-encryption-at-rest').suppressed, []);
    assert.ok(part.problems.some((p) => p.severity === 'hint' && p.message.includes('covers only part') && p.message.includes('CKV_AWS_145')), problems(part).join('\n'));
    const all = await analyse({ 's3.tf': bucket('  #checkov:skip=CKV_AWS_19:r1\n  #checkov:skip=CKV_AWS_145:r2\n') });
    assert.deepEqual(ids(all, 'aws-s3-bucket-encryption-at-rest').suppressed, ['aws_s3_bucket.b']);
    assert.equal(all.suppressed.find((s) => s.finding.ruleId === 'aws-s3-bucket-encryption-at-rest')!.suppression.reason, 'r1; r2');
  });

  it('kics-scan ignore-line covers the next line for every rule with a KICS equivalent; no reason is a warning', async () => {
    const a = await analyse({
      'main.tf': `resource "aws_db_instance" "a" {
  # kics-scan ignore-line
  publicly_accessible = true
  storage_encrypted   = false
}
`,
    });
    assert.deepEqual(ids(a, PUBLIC).suppressed, ['aws_db_instance.a']);
    assert.deepEqual(ids(a, ENCRYPTED).findings, ['aws_db_instance.a'], 'the next line only');
    assert.equal(a.problems.filter((p) => p.message.includes('gives no reason')).length, 1, 'one warning per marker, not per rule');
  });

  it('kics-scan disable=<ids> at the top maps query ids to rules', async () => {
    const a = await analyse({ 'main.tf': `# kics-scan disable=08bd0760-8752-44e1-9779-7bb369b2b4e4 legacy snapshot restore\n` + db('a') });
    assert.deepEqual(ids(a, ENCRYPTED).suppressed, ['aws_db_instance.a']);
    assert.equal(a.suppressed[0]!.suppression.reason, 'legacy snapshot restore');
  });

  it('Kubernetes annotations: checkov.io/skip, kube-linter, kube-score, and Polaris per finding kind', async () => {
    const a = await analyse({
      'web.yaml': deployment(
        ['    checkov.io/skip1: CKV_K8S_19=CNI host network', '    ignore-check.kube-linter.io/privileged-container: "CNI plugin"', '    polaris.fairwinds.com/hostPIDSet-exempt: "true"', ''].join('\n'),
      ),
    });
    assert.deepEqual(ids(a, 'k8s-no-host-network').suppressed, ['Deployment/web']);
    assert.equal(ids(a, 'k8s-no-privileged-containers').suppressed.length, 2, 'an object annotation covers every container');
    // Polaris hostPIDSet covers the hostPID finding, not the hostIPC one of the same rule.
    const pidIpc = a.suppressed.filter((s) => s.finding.ruleId === 'k8s-no-host-pid-ipc').map((s) => s.finding.messageId);
    assert.deepEqual(pidIpc, ['hostPID']);
    assert.deepEqual(a.findings.filter((f) => f.ruleId === 'k8s-no-host-pid-ipc').map((f) => f.messageId), ['hostIPC']);
    const kubeScore = await analyse({ 'web.yaml': deployment('    kube-score/ignore: container-security-context-privileged,pod-networkpolicy\n') });
    assert.equal(ids(kubeScore, 'k8s-no-privileged-containers').suppressed.length, 2);
  });

  it('an id no rule corresponds to is a hint, and unused peer markers are not flagged', async () => {
    const a = await analyse({ 'main.tf': db('a', '', '  #checkov:skip=CKV_AWS_999:other tool only\n  #checkov:skip=CKV_AWS_16:encrypted at the storage layer\n') });
    assert.ok(a.problems.some((p) => p.severity === 'hint' && p.message.includes('CKV_AWS_999')));
    const clean = await analyse({ 'main.tf': 'resource "aws_db_instance" "a" {\n  #checkov:skip=CKV_AWS_17:x\n  publicly_accessible = false\n}\n' });
    assert.ok(!clean.problems.some((p) => p.message.includes('matches no finding')), problems(clean).join('\n'));
  });

  it('tfsec and trivy markers by long id or AVD id, with :exp: as the expiry and the rest of the comment as the reason', async () => {
    const tfsec = await analyse({ 'main.tf': db('a', '#tfsec:ignore:aws-rds-encrypt-instance-storage-data:exp:2026-12-31 restored from a legacy snapshot\n') });
    const s = tfsec.suppressed.find((x) => x.finding.ruleId === ENCRYPTED)!.suppression;
    assert.deepEqual([s.origin, s.expires, s.reason], ['tfsec', '2026-12-31', 'restored from a legacy snapshot']);
    const trivy = await analyse({ 'main.tf': 'resource "aws_db_instance" "a" {\n  publicly_accessible = false\n  storage_encrypted   = false # trivy:ignore:avd-aws-0080 legacy snapshot\n}\n' });
    assert.deepEqual(ids(trivy, ENCRYPTED).suppressed, ['aws_db_instance.a'], 'ids compare without case');
    const expired = await analyse({ 'main.tf': db('a', '#tfsec:ignore:aws-rds-encrypt-instance-storage-data:exp:2026-01-01 r\n') });
    assert.deepEqual(ids(expired, ENCRYPTED).suppressed, []);
  });

  it('tfsec/trivy markers whose ids are not mapped are recognised and say so', async () => {
    const a = await analyse({ 'main.tf': db('a', '#tfsec:ignore:aws-rds-no-public-db-access:exp:2027-01-01\n') });
    assert.deepEqual(ids(a, PUBLIC).suppressed, []);
    assert.ok(a.problems.some((p) => p.severity === 'hint' && p.message.includes('tfsec:ignore:aws-rds-no-public-db-access')), problems(a).join('\n'));
  });
});
