import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-image-pinned-no-latest';
import { parseImage } from '../../../../server/src/rules/kubernetes/k8s-image-pinned-no-latest';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

const DIGEST = 'sha256:0d9a6a8a3c1a4b5e2f6d7c8b9a0e1f2d3c4b5a69788796a5b4c3d2e1f0a9b8c7';

/** A Deployment with one container whose image entry is `image` (may carry «» markers). */
const deployment = (image: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: portal\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          ${image}\n`;

const cronJob = (initContainer: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers:\n          - ${initContainer}\n          containers:\n          - name: export\n            image: registry.example-health.org/export@${DIGEST}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'image pinned by digest', code: deployment(`image: registry.example-health.org/portal@${DIGEST}`) },
    { name: 'tag and digest (the digest pins, even for latest)', code: deployment(`image: "portal:latest@${DIGEST}"`) },
    { name: 'CronJob: flow-style initContainer pinned by digest', code: cronJob(`{name: init, image: "busybox:1.36@${DIGEST}"}`) },
    { name: 'a placeholder image is not guessed', code: deployment('image: ${PORTAL_IMAGE}') },
    { name: 'a container without image is skipped', code: deployment('ports: [{containerPort: 8080}]') },
  ],
  invalid: [
    {
      name: 'no tag: the runtime pulls latest',
      code: deployment('«image: nginx»'),
      findings: [{ messageId: 'untagged', severity: 'medium' }],
      fix: 'pinDigest',
      output: deployment('image: nginx@sha256:<digest>'),
    },
    {
      name: 'a registry port is not a tag',
      code: deployment('«image: registry.local:5000/team/portal»'),
      findings: [{ messageId: 'untagged' }],
    },
    {
      name: 'the latest tag',
      code: deployment('«image: "portal:latest"» # rolling'),
      findings: [{ messageId: 'latest', severity: 'medium' }],
      fix: 'pinDigest',
      output: deployment('image: "portal:latest@sha256:<digest>" # rolling'),
    },
    {
      name: 'CRLF line endings and a single-quoted image',
      code: deployment("«image: 'registry.local:5000/portal:4.2.1'»").replace(/\n/g, '\r\n'),
      findings: [{ messageId: 'noDigest', severity: 'low' }],
      fix: 'pinDigest',
      output: deployment("image: 'registry.local:5000/portal:4.2.1@sha256:<digest>'").replace(/\n/g, '\r\n'),
    },
    {
      name: 'a tag without digest is the catalog warning, reported at low',
      code: deployment('«image: registry.local:5000/portal:4.2.1»'),
      findings: [{ messageId: 'noDigest', severity: 'low' }],
    },
    {
      name: 'a malformed digest does not pin',
      code: deployment('«image: portal:4.2.1@sha256:abc»'),
      findings: [{ messageId: 'noDigest', severity: 'low' }],
    },
    {
      name: 'CronJob initContainer in flow style with latest',
      code: cronJob('{name: init, «image: "busybox:latest"»}'),
      findings: [{ messageId: 'latest' }],
      fix: 'pinDigest',
      output: cronJob('{name: init, image: "busybox:latest@sha256:<digest>"}'),
    },
    {
      name: 'multi-document stream: Pod with containers, initContainers and ephemeralContainers',
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {image: nginx}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: init\n    «image: busybox»\n  containers:\n  - name: app\n    «image: app:1.0»\n  ephemeralContainers:\n  - name: debug\n    «image: busybox:latest»\n`,
      findings: [{ messageId: 'untagged' }, { messageId: 'noDigest' }, { messageId: 'latest' }],
    },
  ],
});

describe('rule k8s-image-pinned-no-latest: parsing, evaluations and messages', () => {
  it('parses image references as container runtimes do', () => {
    assert.deepEqual(parseImage('nginx'), { name: 'nginx', tag: undefined, digest: undefined });
    assert.deepEqual(parseImage('registry:5000/a/b:1.2'), { name: 'registry:5000/a/b', tag: '1.2', digest: undefined });
    assert.deepEqual(parseImage(`a:latest@${DIGEST}`), { name: 'a', tag: 'latest', digest: DIGEST });
    assert.equal(parseImage('$IMAGE'), undefined);
    assert.equal(parseImage('app:{{ .Values.tag }}'), undefined);
    assert.equal(parseImage('<image>'), undefined);
    assert.equal(parseImage(''), undefined);
  });
  it('a placeholder is recorded as unknown; the digest the fix leaves to fill in too', async () => {
    const placeholder = await lintFiles({ 'm.yaml': deployment('image: "app:$(TAG)"') }, 'm.yaml', [rule]);
    assert.deepEqual(placeholder.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'container "web": image is not a literal image reference']]);
    const unchosen = await lintFiles({ 'm.yaml': deployment('image: nginx:1.27@sha256:<digest>') }, 'm.yaml', [rule]);
    assert.deepEqual(unchosen.findings, []);
    assert.deepEqual(unchosen.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'container "web": image holds a placeholder to fill in']]);
  });
  it('the fix is a review fix whose digest is a snippet placeholder; none for a reference that has a digest or spans lines', async () => {
    const latest = await lintFiles({ 'm.yaml': deployment('image: nginx:latest') }, 'm.yaml', [rule]);
    assert.equal(latest.findings[0]!.message.replace(/ \(HIPAA.*$/, ''), 'Container "web" of Deployment "portal" uses image nginx:latest with the mutable "latest" tag, so unreviewed code can reach the workload on the next pull.');
    assert.equal(rule.fixes.pinDigest.safety, 'review');
    assert.equal(latest.findings[0]!.fix!.fixId, 'pinDigest');
    assert.deepEqual(latest.findings[0]!.fix!.edits.map((e) => [e.newText, e.snippet]), [['@sha256:<digest>', '@${1:sha256:<digest>}']]);
    const malformed = await lintFiles({ 'm.yaml': deployment('image: portal:4.2.1@sha256:abc') }, 'm.yaml', [rule]);
    assert.deepEqual(malformed.findings.map((f) => [f.messageId, f.fix]), [['noDigest', undefined]]);
    const folded = await lintFiles({ 'm.yaml': deployment('image: >-\n            nginx:1.27') }, 'm.yaml', [rule]);
    assert.deepEqual(folded.findings.map((f) => [f.messageId, f.fix]), [['noDigest', undefined]]);
  });
});
