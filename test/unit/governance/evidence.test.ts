import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv4 from 'ajv-draft-04';
import { renderJunit } from '../../../cli/formats/junit';
import { renderScanJson } from '../../../cli/formats/json';
import { renderScanMarkdown } from '../../../cli/formats/markdown';
import { renderText } from '../../../cli/formats/text';
import { controlStatus, fileCompliance, lineIndexOf } from '../../../server/src/evidence/control-status';
import { buildEvidenceReport, type EvidenceReport } from '../../../server/src/evidence/evidence-report';
import { renderEvidenceMarkdown } from '../../../server/src/evidence/markdown-report';
import { toSarif } from '../../../server/src/evidence/sarif';
import { repoRoot } from '../../harness/assets';
import { governedProject, type GovernedProject } from '../../harness/governance';

/**
 * One module with every outcome: `clinical` satisfies the RDS rules, `reporting` violates them,
 * `legacy` has an accepted exception for public access, `replica` takes its value from a variable
 * without default (cannot determine).
 */
const files = {
  'rds.tf': `resource "aws_db_instance" "clinical" {
  publicly_accessible = false
  storage_encrypted   = true
}

resource "aws_db_instance" "reporting" {
  publicly_accessible = true
  storage_encrypted   = false
}

# hciac:ignore aws-rds-not-publicly-accessible reason="vendor BI access until migration, SEC-42" expires=2026-12-31
resource "aws_db_instance" "legacy" {
  publicly_accessible = true
  storage_encrypted   = true
}

resource "aws_db_instance" "replica" {
  publicly_accessible = var.replica_public
  storage_encrypted   = true
}
`,
  'variables.tf': 'variable "replica_public" {\n  type = bool\n}\n',
};

const PUBLIC_CONTROL = 'HIPAA-164.312(a)(1)';
const only = ['aws-rds-not-publicly-accessible', 'aws-rds-instance-storage-encrypted'];
const ENCRYPTION_CONTROL = 'HIPAA-164.312(a)(2)(iv)';

async function report(project: GovernedProject, uris: readonly string[] = [...project.index.uris()]): Promise<EvidenceReport> {
  return buildEvidenceReport({
    source: project.index,
    uris,
    frameworks: ['hipaa', 'soc2', 'nist-800-53'],
    displayPath: (uri) => uri.slice(uri.lastIndexOf('/') + 1),
    generatedAt: new Date('2026-06-01T10:00:00Z'),
    roots: [{ name: 'workspace', git: { commit: 'a'.repeat(40), branch: 'main', dirty: false, dirtyBasis: 'test', changedFiles: [] } }],
    toolVersion: '1.2.3',
  });
}

describe('evidence model: control status per file and for the workspace', () => {
  it('each rule × resource is one piece of evidence; a control takes the worst outcome (violated > suppressed > unknown > satisfied)', async () => {
    const project = await governedProject(files, { only });
    const analysis = project.analysis('rds.tf');
    const compliance = fileCompliance(analysis, lineIndexOf(project.index.get(project.uri('rds.tf'))!), new Set(['hipaa']))!;
    const outcomes = (ruleId: string) => compliance.evidence.filter((e) => e.ruleId === ruleId).map((e) => `${e.resource}:${e.outcome}`);
    assert.deepEqual(outcomes('aws-rds-not-publicly-accessible'), ['aws_db_instance.clinical:satisfied', 'aws_db_instance.reporting:violated', 'aws_db_instance.legacy:suppressed', 'aws_db_instance.replica:unknown']);
    const legacy = compliance.evidence.find((e) => e.outcome === 'suppressed')!;
    assert.deepEqual([legacy.suppression?.reason, legacy.suppression?.expires, legacy.suppression?.origin, legacy.suppression?.range?.start.line], ['vendor BI access until migration, SEC-42', '2026-12-31', 'hciac', 10]);
    assert.equal(compliance.controls.find((c) => c.controlId === PUBLIC_CONTROL)?.status, 'violated');
    assert.ok(compliance.controls.every((c) => c.controlId.startsWith('HIPAA-')), 'only enabled frameworks');
    assert.equal(compliance.findings, 2);
  });

  it('the workspace lists every control of the enabled frameworks, untouched ones as not evaluated', async () => {
    const project = await governedProject(files, { only });
    const status = controlStatus(project.index, ['hipaa']);
    assert.ok(status.controls.length > 30);
    assert.equal(status.controls.find((c) => c.controlId === PUBLIC_CONTROL)?.status, 'violated');
    assert.equal(status.controls.find((c) => c.controlId === 'HIPAA-164.312(b)')?.status, 'not-evaluated');
    assert.deepEqual(status.files.map((f) => f.uri), [project.uri('rds.tf'), project.uri('variables.tf')].filter((u) => status.files.some((f) => f.uri === u)));
    const one = controlStatus(project.index, ['hipaa'], [project.uri('rds.tf'), 'file:///workspace/gone.tf']);
    assert.deepEqual([one.files.map((f) => f.uri), one.absent], [[project.uri('rds.tf')], ['file:///workspace/gone.tf']]);
  });

  it('a fixed finding turns its control satisfied (the model follows the index)', async () => {
    const project = await governedProject({ 'rds.tf': 'resource "aws_db_instance" "a" {\n  storage_encrypted = true\n  publicly_accessible = false\n}\n' }, { only });
    const status = controlStatus(project.index, ['hipaa']);
    assert.equal(status.controls.find((c) => c.controlId === ENCRYPTION_CONTROL)?.status, 'satisfied');
  });
});

describe('evidence report', () => {
  it('summarises findings, exceptions and controls, with 1-based locations', async () => {
    const r = await report(await governedProject(files, { only }));
    assert.deepEqual(r.summary.findings, { total: 2, critical: 1, high: 1, medium: 0, low: 0 });
    assert.equal(r.summary.suppressedFindings, 1);
    assert.deepEqual(r.summary.suppressions, { applied: 1, rejected: 0 });
    const finding = r.findings.find((f) => f.ruleId === 'aws-rds-not-publicly-accessible')!;
    assert.deepEqual([finding.file, finding.line, finding.column, finding.resource], ['rds.tf', 7, 25, 'aws_db_instance.reporting']);
    assert.deepEqual(r.suppressions.map((s) => [s.file, s.line, s.origin, s.reason, s.expires, s.status, s.matched]), [['rds.tf', 11, 'hciac', 'vendor BI access until migration, SEC-42', '2026-12-31', 'applied', 1]]);
    const control = r.controls.find((c) => c.id === PUBLIC_CONTROL)!;
    assert.deepEqual(
      control.evidence.filter((e) => e.ruleId === 'aws-rds-not-publicly-accessible').map((e) => `${e.file}:${e.line} ${e.outcome}`),
      ['rds.tf:1 satisfied', 'rds.tf:7 violated', 'rds.tf:13 suppressed', 'rds.tf:18 unknown'],
    );
    assert.equal(r.summary.controls['not-evaluated'] + r.summary.controls.violated + r.summary.controls.suppressed + r.summary.controls.unknown + r.summary.controls.satisfied, r.controls.length);
  });

  it('is the same whatever order the files come in', async () => {
    const project = await governedProject(files, { only });
    const uris = [...project.index.uris()];
    assert.equal(JSON.stringify(await report(project, [...uris].reverse())), JSON.stringify(await report(project, uris)));
  });
});

describe('report formats', () => {
  it('SARIF 2.1.0: valid against the OASIS schema, rules with help URIs and controls, suppressions with justification', async function () {
    const schemaFile = path.join(repoRoot, '..', 'shared', 'schemas', 'sarif-schema-2.1.0.json');
    const r = await report(await governedProject(files, { only }));
    const sarif = toSarif(r, (id) => `file:///docs/rules/${id}.md`) as unknown as { runs: { tool: { driver: { rules: { id: string; helpUri: string; properties: { controls: { id: string }[] } }[] } }; results: { ruleId: string; suppressions?: { kind: string; justification?: string }[] }[] }[] };
    const run = sarif.runs[0]!;
    const rule = run.tool.driver.rules.find((x) => x.id === 'aws-rds-not-publicly-accessible')!;
    assert.equal(rule.helpUri, 'file:///docs/rules/aws-rds-not-publicly-accessible.md');
    assert.ok(rule.properties.controls.some((c) => c.id === PUBLIC_CONTROL));
    const suppressed = run.results.filter((x) => x.suppressions !== undefined);
    assert.deepEqual(suppressed.map((x) => [x.ruleId, x.suppressions![0]!.kind, x.suppressions![0]!.justification]), [['aws-rds-not-publicly-accessible', 'inSource', 'vendor BI access until migration, SEC-42']]);
    assert.equal(run.results.length, 3);
    if (!existsSync(schemaFile)) {
      console.log('      (skipped the schema validation: ../shared/schemas/sarif-schema-2.1.0.json is absent)');
      return;
    }
    const validate = new Ajv4({ allErrors: true, strict: false, validateFormats: false }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
  });

  it('JUnit: one test case per rule × resource, failures for violations, skips for exceptions and unknowns', async () => {
    const xml = renderJunit(await report(await governedProject(files, { only })));
    const cases = [...xml.matchAll(/<testcase classname="rds.tf" name="aws-rds-not-publicly-accessible ([^"]+)"(\/>|>\s*<(\w+)[^>]*?(?:message="([^"]*)")?)/g)].map((m) => `${m[1]}:${m[3] ?? 'pass'}`);
    assert.deepEqual(cases, ['aws_db_instance.clinical:pass', 'aws_db_instance.reporting:failure', 'aws_db_instance.legacy:skipped', 'aws_db_instance.replica:skipped']);
    assert.match(xml, /<skipped message="suppressed \(hciac\): vendor BI access until migration, SEC-42, expires 2026-12-31"\/>/);
    const suite = /<testsuite name="rds.tf" tests="(\d+)" failures="(\d+)" skipped="(\d+)"/.exec(xml)!;
    const total = (xml.match(/<testcase classname="rds.tf"/g) ?? []).length;
    assert.equal(Number(suite[1]), total);
    assert.equal(Number(suite[2]), (xml.match(/<failure /g) ?? []).length);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hciac"'));
  });

  it('JSON, text and Markdown carry the findings, the exception and the control totals', async () => {
    const r = await report(await governedProject(files, { only }));
    const json = JSON.parse(renderScanJson(r)) as { findings: unknown[]; suppressed: { suppression: { reason: string } }[]; files: { file: string; controls: { id: string; status: string }[] }[]; summary: { findings: number; suppressed: number } };
    assert.deepEqual([json.findings.length, json.summary.findings, json.summary.suppressed, json.suppressed[0]!.suppression.reason], [2, 2, 1, 'vendor BI access until migration, SEC-42']);
    assert.equal(json.files.find((f) => f.file === 'rds.tf')!.controls.find((c) => c.id === PUBLIC_CONTROL)!.status, 'violated');
    const text = renderText(r);
    assert.match(text, /rds\.tf:13:25 {2}aws-rds-not-publicly-accessible {2}aws_db_instance\.legacy {2}\[hciac\] vendor BI access/);
    const scanMd = renderScanMarkdown(r);
    assert.match(scanMd, /\*\*2 findings\*\*/);
    const evidenceMd = renderEvidenceMarkdown(r);
    for (const heading of ['# Compliance evidence', '## Summary', '## Controls', '## Evidence by control', '## Findings', '## Suppressions']) assert.ok(evidenceMd.includes(`\n${heading}\n`) || evidenceMd.startsWith(`${heading}\n`), heading);
    assert.match(evidenceMd, /commit `a{40}` \(branch main\); every analysed file equals its committed version/);
    assert.match(evidenceMd, /\| rds\.tf:11 \| hciac \| `hciac:ignore aws-rds-not-publicly-accessible` \| aws-rds-not-publicly-accessible \| vendor BI access until migration, SEC-42 \| 2026-12-31 \| applied \| 1 \|/);
  });
});
