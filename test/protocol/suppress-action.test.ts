import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expiryProblem, reasonProblem, suppressionComment, type SuppressArguments } from '../../common/suppression-comment';
import { TestClient } from '../harness/lsp-client';

/**
 * "Suppress <rule> with justification…": the server offers it on every finding with the position
 * of the resource; inserting the comment the client builds from the user's reason suppresses exactly
 * that finding (no hciac-suppression problem), in Terraform and in Kubernetes YAML.
 */
describe('protocol: Suppress with justification…', function () {
  let client: TestClient | undefined;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hciac-suppress-'));
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const cases = [
    {
      name: 'Terraform resource',
      file: 'main.tf',
      text: '# PHI database\nresource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n',
      rule: 'aws-rds-instance-storage-encrypted',
      line: 1,
    },
    {
      name: 'Kubernetes object in the second document, indented',
      file: 'deploy.yaml',
      text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: phi}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: phi}\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: web:1\n        securityContext: {privileged: true}\n',
      rule: 'k8s-no-privileged-containers',
      line: 4,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: offered on the finding, and the inserted comment suppresses it`, async () => {
      client = await TestClient.start();
      const uri = pathToFileURL(path.join(dir, c.file)).toString();
      await client.open(uri, c.text);
      const first = await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.some((d) => d.code === c.rule));
      const diagnostic = first.diagnostics.find((d) => d.code === c.rule)!;
      const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as { title: string; command?: { command: string; arguments: SuppressArguments[] } }[];
      const suppress = actions.find((a) => a.command?.command === 'healthcareIac.suppress');
      assert.ok(suppress, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(suppress.title, `Suppress ${c.rule} with justification…`);
      const args = suppress.command!.arguments[0]!;
      assert.deepEqual({ uri: args.uri, ruleId: args.ruleId, line: args.line, version: args.version }, { uri, ruleId: c.rule, line: c.line, version: 1 });

      const comment = `${args.indent}${suppressionComment(args.ruleId, 'Break-glass replica, encrypted at the volume layer (ticket SEC-42)', '2099-12-31')}\n`;
      await client.change(uri, 2, [{ range: { start: { line: args.line, character: 0 }, end: { line: args.line, character: 0 } }, text: comment }]);
      const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
      assert.deepEqual(after.diagnostics.filter((d) => d.code === c.rule || d.code === 'hciac-suppression').map((d) => `${String(d.code)}: ${d.message}`), []);
    });
  }

  it('validates the reason and the expiry the user types', () => {
    assert.ok(reasonProblem('') !== undefined);
    assert.ok(reasonProblem('says "no"') !== undefined);
    assert.equal(reasonProblem('Accepted by the CISO on 2026-11-01'), undefined);
    assert.equal(expiryProblem('', '2026-11-25'), undefined);
    assert.ok(expiryProblem('2026-02-30x', '2026-11-25') !== undefined);
    assert.ok(expiryProblem('2026-11-25', '2026-11-25') !== undefined, 'today is not in the future');
    assert.equal(expiryProblem('2027-01-31', '2026-11-25'), undefined);
    assert.equal(suppressionComment('k8s-no-host-network', ' CNI daemon ', '2027-01-31'), '# hciac:ignore k8s-no-host-network reason="CNI daemon" expires=2027-01-31');
  });
});
