import { strict as assert } from 'node:assert';
import { controlExplanation, escapeMarkdown } from '../../../client/src/compliance/control-explanation';
import { controlEvidenceText, evidenceText } from '../../../client/src/compliance/evidence-text';
import { describeCounts, worstStatus } from '../../../client/src/compliance/outcomes';
import { applyStatus } from '../../../client/src/compliance/snapshot';
import { catalog, displayPath, evidence, snapshot, status } from './snapshot-fixture';

describe('client: texts and snapshot', () => {
  it('copies evidence as plain text with a one-based location and the justification of a suppression', () => {
    const item = evidence('suppressed', 'rds-encrypted', 9, { message: 'storage_encrypted is false', suppression: { reason: 'migrating', expires: '2027-01-31', origin: 'checkov', marker: 'checkov:skip=CKV_AWS_16' } });
    assert.equal(evidenceText(item, 'db/rds.tf'), 'suppressed: rds-encrypted on aws_db_instance.r9 at db/rds.tf:10\n  storage_encrypted is false\n  suppressed by checkov: "migrating", expires 2027-01-31');
    assert.equal(evidenceText(evidence('unknown', 'trail-on', 0, { message: 'var.x has no value' }), 'a.tf'), 'cannot determine: trail-on on aws_db_instance.r0 at a.tf:1\n  var.x has no value');
    assert.equal(
      controlEvidenceText({ label: 'HIPAA §164.312(b)', title: 'Audit controls' }, 'satisfied', 'a.tf', [evidence('satisfied', 'trail-on', 4)]),
      'HIPAA §164.312(b) Audit controls — satisfied in a.tf\n- satisfied: trail-on on aws_db_instance.r4 at a.tf:5',
    );
  });

  it('orders and names statuses the same everywhere', () => {
    assert.equal(worstStatus(['satisfied', 'unknown', 'suppressed']), 'suppressed');
    assert.equal(worstStatus([]), 'not-evaluated');
    assert.equal(describeCounts({ satisfied: 5, violated: 2, unknown: 1, suppressed: 0 }), '2 violated · 1 cannot determine · 5 satisfied');
  });

  it('merges a partial answer into the snapshot: changed files replaced, absent files dropped', () => {
    const full = snapshot();
    const fixed = { ...status.files[0]!, controls: status.files[0]!.controls.map((c) => ({ ...c, status: 'satisfied' as const })), findings: 0 };
    const next = applyStatus(full, full.catalog, { ...status, files: [fixed], absent: ['file:///ws/ok.tf'] });
    assert.deepEqual([...next.files.keys()], [...full.files.keys()].filter((u) => u !== 'file:///ws/ok.tf'));
    assert.equal(next.files.get('file:///ws/rds.tf')?.findings, 0);
    assert.equal(next.controls, full.controls, 'the catalog maps are kept when the catalog is the same');
    assert.notEqual(applyStatus(full, { ...catalog }, status).controls, full.controls);
  });

  it('explains a control: the workspace status per file and the rules with their pages, text escaped', () => {
    const snap = snapshot();
    const md = controlExplanation(snap.controls.get('HIPAA-164.312(a)(2)(iv)')!, snap, displayPath, (rule) => `hciac-explain:/rules/${rule.id}.md`);
    assert.match(md, /^# HIPAA §164\\\.312\\\(a\\\)\\\(2\\\)\\\(iv\\\) — Encryption and decryption$/m);
    assert.match(md, /Status: \*\*violated\*\* — files: 2 violated · 1 satisfied\./);
    assert.match(md, /^\| rds\\\.tf \| violated \|$/m);
    assert.doesNotMatch(md, /(^|[^\\])<img/, 'a hostile file name is text (escaped), not markup');
    assert.match(md, /^\| \\<img src=x onerror=alert\\\(1\\\)\\>\/\\<img src=x onerror=alert\\\(1\\\)\\>\\\.tf \| violated \|$/m);
    assert.match(md, /^\| \[`rds-encrypted`\]\(<hciac-explain:\/rules\/rds-encrypted\.md>\) \| RDS storage is encrypted \| high \|$/m);
    assert.equal(escapeMarkdown('[x](javascript:y)'), '\\[x\\]\\(javascript:y\\)');
  });
});
