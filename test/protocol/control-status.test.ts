import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ControlCatalogRequest,
  ControlStatusRequest,
  FindingsChangedNotification,
  ScanWorkspaceRequest,
  type ControlCatalogResult,
  type ControlStatusResult,
  type FileCompliance,
  type FindingsChangedParams,
  type ScanWorkspaceResult,
} from '../../common/protocol';
import { allRules } from '../../server/src/rules';
import { TestClient } from '../harness/lsp-client';

const RULE = 'aws-rds-instance-storage-encrypted';
const ENCRYPTION = 'HIPAA-164.312(a)(2)(iv)';
/** Only the rule under test runs, so every status below is that rule's evidence. */
const onlyRule = { rules: Object.fromEntries(allRules.filter((r) => r.id !== RULE).map((r) => [r.id, 'off'])) };
const rds = (value: string) => `resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  storage_encrypted = ${value}\n}\n`;

/** Collects `healthcareIac/findingsChanged` and resolves waiters on the first matching one. */
function watchChanges(client: TestClient): (match: (p: FindingsChangedParams) => boolean) => Promise<FindingsChangedParams> {
  let waiters: { match: (p: FindingsChangedParams) => boolean; resolve: (p: FindingsChangedParams) => void }[] = [];
  client.connection.onNotification(FindingsChangedNotification, (p: FindingsChangedParams) => {
    waiters = waiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
  });
  return (match) => new Promise((resolve) => waiters.push({ match, resolve }));
}

const status = (client: TestClient, uris?: readonly string[]) => client.connection.sendRequest<ControlStatusResult>(ControlStatusRequest, uris === undefined ? {} : { uris });
const control = (file: FileCompliance | undefined, id: string) => file?.controls.find((c) => c.controlId === id);

describe('protocol: control status for the controls panel, over stdio', function () {
  let client: TestClient | undefined;
  let dir: string;
  let folder: string;
  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).toString();

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hciac-controls-'));
    folder = pathToFileURL(dir).toString();
  });
  afterEach(async () => {
    if (client) await client.stop();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('traces closed files to controls with evidence, and a fix while typing flips the control', async () => {
    writeFileSync(path.join(dir, 'rds.tf'), rds('false'));
    writeFileSync(path.join(dir, 'notes.md'), '# not IaC\n');
    client = await TestClient.start({ workspaceFolders: [folder], settings: onlyRule });
    const changed = watchChanges(client);
    await client.waitForScan();

    const before = await status(client);
    assert.deepEqual(before.frameworks, ['hipaa', 'hitrust', 'soc2', 'nist-800-53']);
    assert.deepEqual(before.files.map((f) => f.uri), [uriOf('rds.tf')]);
    const file = before.files[0]!;
    assert.deepEqual(file.evidence, [
      {
        outcome: 'violated',
        ruleId: RULE,
        resource: 'aws_db_instance.phi',
        range: { start: { line: 2, character: 22 }, end: { line: 2, character: 27 } },
        message: file.evidence[0]!.message,
        severity: 'high',
      },
    ]);
    assert.match(file.evidence[0]!.message!, /HIPAA §164\.312\(a\)\(2\)\(iv\)/);
    assert.equal(file.findings, 1);
    assert.deepEqual(control(file, ENCRYPTION), { controlId: ENCRYPTION, status: 'violated', evidence: [0] });
    const rule = allRules.find((r) => r.id === RULE)!;
    const enabledControls = rule.meta.controls.filter((c) => before.frameworks.includes(c.framework)).map((c) => c.id);
    assert.deepEqual(file.controls.map((c) => c.controlId).sort(), [...enabledControls].sort(), 'every control the rule maps to, in the enabled frameworks');
    const workspace = before.controls.find((c) => c.controlId === ENCRYPTION);
    assert.deepEqual(workspace, { controlId: ENCRYPTION, status: 'violated', files: { violated: 1, suppressed: 0, unknown: 0, satisfied: 0 } });
    assert.equal(before.controls.find((c) => c.controlId === 'HIPAA-164.312(b)')?.status, 'not-evaluated');

    // Open the file and type the fix: the server announces the file, the control flips.
    const uri = uriOf('rds.tf');
    const announced = changed((p) => p.uris.includes(uri));
    await client.open(uri, rds('false'));
    await client.change(uri, 2, [{ range: { start: { line: 2, character: 22 }, end: { line: 2, character: 27 } }, text: 'true' }]);
    await announced;
    await client.waitForDiagnostics(uri, (p) => p.version === 2);
    const after = await status(client, [uri]);
    assert.equal(after.files[0]?.evidence[0]?.outcome, 'satisfied');
    assert.deepEqual(after.files[0]?.evidence[0]?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 32 } }, 'satisfied evidence points at the resource');
    assert.equal(control(after.files[0], ENCRYPTION)?.status, 'satisfied');
    assert.equal(after.files[0]?.findings, 0);
    assert.deepEqual(after.controls.find((c) => c.controlId === ENCRYPTION)?.files, { violated: 0, suppressed: 0, unknown: 0, satisfied: 1 });
  });

  it('reports unknown values as "cannot determine" and accepted exceptions as suppressed with their justification', async () => {
    writeFileSync(path.join(dir, 'unknown.tf'), `variable "encrypt" {}\n${rds('var.encrypt')}`);
    client = await TestClient.start({ workspaceFolders: [folder], settings: onlyRule });
    await client.waitForScan();
    const unknown = (await status(client, [uriOf('unknown.tf')])).files[0];
    assert.equal(unknown?.evidence[0]?.outcome, 'unknown');
    assert.ok((unknown?.evidence[0]?.message ?? '').length > 0, 'the reason is given');
    assert.equal(control(unknown, ENCRYPTION)?.status, 'unknown');

    const suppressedUri = uriOf('suppressed.tf');
    await client.open(suppressedUri, `# hciac:ignore ${RULE} reason="read replica of an encrypted primary" expires=2099-12-31\n${rds('false')}`);
    await client.waitForDiagnostics(suppressedUri, (p) => p.version === 1);
    const suppressed = (await status(client, [suppressedUri])).files[0];
    assert.equal(suppressed?.evidence[0]?.outcome, 'suppressed');
    assert.equal(suppressed?.evidence[0]?.suppression?.reason, 'read replica of an encrypted primary');
    assert.equal(suppressed?.evidence[0]?.suppression?.expires, '2099-12-31');
    assert.equal(suppressed?.evidence[0]?.suppression?.origin, 'hciac');
    assert.equal(control(suppressed, ENCRYPTION)?.status, 'suppressed');
    assert.equal(suppressed?.findings, 0);
  });

  it('follows the enabled frameworks and says when the catalog view changed; unknown URIs come back absent', async () => {
    writeFileSync(path.join(dir, 'rds.tf'), rds('false'));
    client = await TestClient.start({ workspaceFolders: [folder], settings: onlyRule });
    const changed = watchChanges(client);
    await client.waitForScan();
    const catalog = await client.connection.sendRequest<ControlCatalogResult>(ControlCatalogRequest);
    assert.equal(catalog.rules.length, allRules.length);
    assert.deepEqual(catalog.rules.filter((r) => r.enabled).map((r) => r.id), [RULE]);
    assert.ok(catalog.rules.every((r) => r.docUri.startsWith('file://') && r.docUri.endsWith(`/docs/rules/${r.id}.md`)));
    assert.deepEqual(catalog.controls.find((c) => c.id === ENCRYPTION)?.ruleIds.includes(RULE), true);

    const announced = changed((p) => p.catalogChanged);
    await client.setSettings({ ...onlyRule, frameworks: ['hipaa'] });
    await announced;
    const hipaaOnly = await status(client);
    assert.deepEqual(hipaaOnly.frameworks, ['hipaa']);
    assert.ok(hipaaOnly.controls.every((c) => c.controlId.startsWith('HIPAA-')));
    assert.ok(hipaaOnly.files[0]!.controls.every((c) => c.controlId.startsWith('HIPAA-')));
    const frameworks = (await client.connection.sendRequest<ControlCatalogResult>(ControlCatalogRequest)).frameworks;
    assert.deepEqual(frameworks.filter((f) => f.enabled).map((f) => f.id), ['hipaa']);

    const gone = uriOf('missing.tf');
    assert.deepEqual((await status(client, [gone])).absent, [gone]);
  });

  it('scans the workspace on request, reporting progress on the given token', async () => {
    writeFileSync(path.join(dir, 'a.tf'), rds('true'));
    writeFileSync(path.join(dir, 'b.tf'), rds('false'));
    client = await TestClient.start({ workspaceFolders: [folder], settings: onlyRule });
    await client.waitForScan();
    const progress: string[] = [];
    client.connection.onNotification('$/progress', (p: { token: string; value: { kind: string } }) => {
      if (p.token === 'scan-1') progress.push(p.value.kind);
    });
    const result = await client.connection.sendRequest<ScanWorkspaceResult>(ScanWorkspaceRequest, { workDoneToken: 'scan-1' });
    assert.deepEqual(result, { files: 2, cancelled: false, truncated: false });
    assert.equal(progress[0], 'begin');
    assert.equal(progress.at(-1), 'end');
  });
});
