import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ControlStatusRequest,
  ExportEvidenceRequest,
  type ControlStatusResult,
  type ExportEvidenceResult,
} from '../../common/protocol';
import type { EvidenceReport } from '../../server/src/evidence/evidence-report';
import { TestClient, type PublishedDiagnostics } from '../harness/lsp-client';

const RDS = `# hciac:ignore aws-rds-not-publicly-accessible reason="vendor BI access, SEC-42" expires=2099-12-31
resource "aws_db_instance" "legacy" {
  publicly_accessible = true
  storage_encrypted   = true
}

resource "aws_db_instance" "reporting" {
  publicly_accessible = true
  storage_encrypted   = true
}

# hciac:ignore aws-rds-instance-storage-encrypted
resource "aws_db_instance" "old" {
  storage_encrypted = false
}
`;

const codes = (p: PublishedDiagnostics | undefined) => (p?.diagnostics ?? []).map((d) => `${d.range.start.line + 1} ${String(d.code)}`).sort();

/** The language server side of governance: suppressions, the repository file, Workspace Trust, control status and the evidence export. */
describe('protocol: suppressions, .hciac.yaml and evidence', function () {
  this.timeout(60000);
  let dir = '';
  let client: TestClient | undefined;
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).toString();

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hciac-gov-'));
    writeFileSync(path.join(dir, 'rds.tf'), RDS);
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('suppressed findings are not published; suppression mistakes are, with their own code', async () => {
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    await client.waitForScan();
    const published = await client.waitForDiagnostics(uri('rds.tf'), (p) => p.diagnostics.length > 0);
    const shown = codes(published);
    assert.ok(shown.includes('8 aws-rds-not-publicly-accessible'), shown.join('\n'));
    assert.ok(!shown.includes('3 aws-rds-not-publicly-accessible'), 'the accepted exception is not a diagnostic');
    assert.ok(shown.includes('12 hciac-suppression') && shown.includes('14 aws-rds-instance-storage-encrypted'), 'no reason: not applied, and said so');
  });

  it('controlStatus shows the exception as evidence; exportEvidence returns the three documents', async () => {
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    await client.waitForScan();
    await client.waitForDiagnostics(uri('rds.tf'), (p) => p.diagnostics.length > 0);
    const status: ControlStatusResult = await client.connection.sendRequest(ControlStatusRequest, { uris: [uri('rds.tf')] });
    const evidence = status.files[0]!.evidence.filter((e) => e.ruleId === 'aws-rds-not-publicly-accessible');
    assert.deepEqual(evidence.map((e) => `${e.resource} ${e.outcome}`), ['aws_db_instance.legacy suppressed', 'aws_db_instance.reporting violated', 'aws_db_instance.old satisfied']);
    assert.deepEqual(evidence[0]!.suppression, { reason: 'vendor BI access, SEC-42', expires: '2099-12-31', origin: 'hciac', marker: 'hciac:ignore aws-rds-not-publicly-accessible', range: { start: { line: 0, character: 0 }, end: { line: 0, character: RDS.indexOf('\n') } } });

    const exported: ExportEvidenceResult = await client.connection.sendRequest(ExportEvidenceRequest, {});
    assert.deepEqual(exported.documents.map((d) => [d.fileName, d.mediaType]), [
      ['hciac-evidence.md', 'text/markdown'],
      ['hciac-evidence.json', 'application/json'],
      ['hciac-evidence.sarif', 'application/sarif+json'],
    ]);
    const report = JSON.parse(exported.documents[1]!.content) as EvidenceReport;
    assert.deepEqual(report.suppressions.map((s) => [s.file, s.line, s.status, s.reason]), [
      ['rds.tf', 1, 'applied', 'vendor BI access, SEC-42'],
      ['rds.tf', 12, 'rejected', null],
    ]);
    assert.equal(report.roots[0]!.git?.dirtyBasis, 'not a Git work tree');
    assert.match(exported.documents[0]!.content, /^# Compliance evidence/);
  });

  it('mistakes in .hciac.yaml are diagnostics on their lines; editing the open file re-configures live', async () => {
    writeFileSync(path.join(dir, '.hciac.yaml'), 'rules:\n  aws-rds-not-publicly-accessible: loud\nmaxFile: 10\n');
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    await client.waitForScan();
    const config = await client.waitForDiagnostics(uri('.hciac.yaml'), (p) => p.diagnostics.length > 0);
    assert.deepEqual(codes(config), ['2 hciac-config', '3 hciac-config']);
    assert.deepEqual(config.diagnostics.map((d) => d.severity).sort(), [1, 2], 'an invalid value is an error, an unknown key a warning');

    const next = client.nextDiagnostics(uri('rds.tf'), (p) => !codes(p).some((c) => c.endsWith('aws-rds-not-publicly-accessible')));
    await client.open(uri('.hciac.yaml'), 'rules:\n  aws-rds-not-publicly-accessible: "off"\n', 'yaml');
    await next;
    assert.deepEqual(codes(await client.waitForDiagnostics(uri('.hciac.yaml'), (p) => p.diagnostics.length === 0)), []);
  });

  it('in an untrusted workspace the file may only make analysis stricter', async () => {
    writeFileSync(path.join(dir, '.hciac.yaml'), 'enable: false\nrules:\n  aws-rds-instance-storage-encrypted: "off"\n');
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()], initializationOptions: { trusted: false } });
    await client.waitForScan();
    const rds = await client.waitForDiagnostics(uri('rds.tf'), (p) => p.diagnostics.length > 0);
    assert.ok(codes(rds).includes('14 aws-rds-instance-storage-encrypted'), 'the rule stays on');
    const config = await client.waitForDiagnostics(uri('.hciac.yaml'), (p) => p.diagnostics.length > 0);
    assert.deepEqual(codes(config), ['1 hciac-config', '3 hciac-config']);
    assert.ok(config.diagnostics.every((d) => d.severity === 3 && String(d.message).startsWith('Ignored in Restricted Mode')));
  });
});
