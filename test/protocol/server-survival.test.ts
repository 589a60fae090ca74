import { strict as assert } from 'node:assert';
import { sendEditFlood } from '../harness/edit-flood';
import { freshDiagnostics } from '../harness/fresh-diagnostics';
import { TestClient } from '../harness/lsp-client';
import { hostNetworkPod, rdsResource } from '../harness/pathological-inputs';

/**
 * The server survives what used to take it down, and keeps up with a client that sends edits
 * faster than it can analyse them. (A rule that throws is tested at the index, with throwing Rule
 * objects: test/unit/engine/rule-errors.test.ts — nothing test-only ships in the server.)
 */
describe('server survival', function () {
  this.timeout(120_000);
  let client: TestClient;

  beforeEach(async () => {
    client = await TestClient.start();
  });

  afterEach(async () => {
    assert.deepEqual(client.logs.filter((l) => /failed|unhandled/i.test(l)), [], 'the server logged no failure');
    assert.equal(await client.stop(), 0, 'the server exits cleanly');
  });

  it('500 didChange notifications sent without waiting: the last version is published, equals a fresh analysis, and stale versions are skipped', async () => {
    const uri = 'file:///hciac-flood/main.tf';
    const initial = Array.from({ length: 300 }, (_, i) => rdsResource(`db${i}`)).join('');
    await client.open(uri, initial);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const before = client.published.length;
    const { lastVersion, text } = await sendEditFlood(client, uri, initial, 500);
    const last = await client.waitForDiagnostics(uri, (p) => p.version === lastVersion);
    const fresh = await freshDiagnostics(new Map([[uri, { text, version: lastVersion }]]), uri);
    assert.deepEqual(last.diagnostics, JSON.parse(JSON.stringify(fresh.diagnostics)), 'the latest version wins, with the diagnostics of its text');
    assert.ok(!last.diagnostics.some((d) => d.code === 'aws-rds-instance-storage-encrypted' && d.range.start.line === 2), 'the last edit (storage_encrypted = true) is in effect');
    const versions = client.published.slice(before).filter((p) => p.uri === uri).map((p) => p.version!);
    versions.forEach((v, i) => assert.ok(i === 0 || v >= versions[i - 1]!, `versions never go back: ${versions.join(', ')}`));
    assert.ok(versions.length < 500, `stale versions are coalesced, not analysed one by one (${versions.length} publications for 500 versions)`);
    console.log(`      ${versions.length} publications for 500 queued versions`);
  });

  it('inputs that used to throw inside the server (a wasm trap in the YAML scanner, a stack overflow in the Terraform model) are survived, and parsing goes on', async () => {
    const deepYaml = 'file:///hciac-survival/deep.yaml';
    const deepTerraform = 'file:///hciac-survival/deep.tf';
    const pod = 'file:///hciac-survival/pod.yaml';
    // Back to back, without waiting: the bad files and a good one.
    void client.open(deepYaml, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x:\n  ${'- '.repeat(300)}x\n`, 'yaml');
    void client.open(deepTerraform, `locals {\n  x = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n}\n`);
    void client.open(pod, hostNetworkPod('after'), 'yaml');
    assert.deepEqual((await client.waitForDiagnostics(deepYaml)).diagnostics.map((d) => d.code), ['nested-too-deep']);
    assert.deepEqual((await client.waitForDiagnostics(deepTerraform)).diagnostics.map((d) => d.code), ['nested-too-deep']);
    assert.ok((await client.waitForDiagnostics(pod)).diagnostics.some((d) => d.code === 'k8s-no-host-network'), 'the YAML parser still works');
    // Editing the deep file down to a shallow one: it is parsed and analysed again.
    await client.change(deepYaml, 2, [{ text: hostNetworkPod('shallow') }]);
    assert.ok((await client.waitForDiagnostics(deepYaml, (p) => p.version === 2)).diagnostics.some((d) => d.code === 'k8s-no-host-network'));
  });
});
