import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-no-secret-literals-in-env';
import { credentialFormat, isCredentialName, isLiteralCredential } from '../../../../server/src/rules/kubernetes/k8s-no-secret-literals-in-env';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Deployment whose container has the given env items. */
const deployment = (env: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: claims-api\n  namespace: billing\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: claims-api:3.1.0\n          env:\n${env}`;

const cronJob = (initEnv: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: export}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers:\n          - {name: init, image: "busybox:1.36", env: [${initEnv}]}\n          containers:\n          - name: export\n            image: export:2.0.1\n`;

// Credential-shaped test values are assembled at run time so that secret scanners do not flag this file.
const AWS_KEY_ID = ['AKIA', 'Z7QW3RTY5UIO2PLM'].join('');
const GITHUB_TOKEN = ['ghp', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'].join('_');

runRuleCases(rule, {
  valid: [
    {
      name: 'credentials from secretKeyRef; settings about credentials; placeholders and references',
      code: deployment(
        [
          '            - name: DB_PASSWORD\n              valueFrom: {secretKeyRef: {name: claims-db, key: password}}\n',
          '            - name: DB_PASSWORD_FILE\n              value: /run/secrets/db/password\n',
          '            - name: TOKEN_TTL_SECONDS\n              value: "3600"\n',
          '            - name: SECRETS_MANAGER_REGION\n              value: us-east-1\n',
          '            - name: JWT_SECRET\n              value: $(JWT_SECRET_FROM_FILE)\n',
          '            - name: API_KEY\n              value: "${API_KEY}"\n',
          '            - name: REDIS_PASSWORD\n              value: vault:secret/data/redis#password\n',
          '            - name: REQUIRE_PASSWORD\n              value: "true"\n',
          '            - name: BYPASS_CACHE\n              value: sometimes\n',
          '            - name: SENTRY_DSN\n              value: https://3f1c2a@o123.ingest.sentry.io/42\n',
          '            - name: DATABASE_URL\n              value: postgres://claims@db.billing.svc:5432/claims\n',
        ].join(''),
      ),
    },
    { name: 'CronJob initContainer in flow style with a non-secret env', code: cronJob('{name: LOG_LEVEL, value: debug}') },
    {
      name: 'ConfigMap without credentials; file content with placeholders',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  LOG_LEVEL: info\n  PASSWORD_MIN_LENGTH: "12"\n  application.yaml: |\n    spring:\n      datasource:\n        password: ${DB_PASSWORD}\n        url: jdbc:postgresql://db/claims\n',
    },
    {
      name: 'Secrets that hold no literal: empty, placeholders, SOPS-encrypted',
      code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: tmpl}\nstringData:\n  password: ${DB_PASSWORD}\n  token: ""\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: sops}\ndata:\n  password: ENC[AES256_GCM,data:Yq8=,iv:abc=,tag:def=,type:str]\nsops:\n  version: 3.8.1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: sa-token}\ntype: kubernetes.io/service-account-token\n',
    },
  ],
  invalid: [
    {
      name: 'a literal password in env: finding on the value entry',
      code: deployment('            - name: DB_PASSWORD\n              «value: Sup3r-S3cret!»\n            - name: LOG_LEVEL\n              value: info\n'),
      findings: [{ messageId: 'env', severity: 'critical' }],
    },
    {
      name: 'known formats whatever the name: a URL with a password, an AWS key id, a connection string',
      code: deployment(
        `            - name: DATABASE_URL\n              «value: postgres://claims:hunter2@db:5432/claims»\n            - name: AWS_ACCESS_KEY_ID\n              «value: ${AWS_KEY_ID}»\n            - name: SQL_CONN\n              «value: "Server=db;Database=claims;User Id=app;Password=Winter2024;"»\n`,
      ),
      findings: [{ messageId: 'env' }, { messageId: 'env' }, { messageId: 'env' }],
    },
    {
      name: 'CronJob initContainer in flow style; camelCase and suffix names',
      code: cronJob('{name: jwtSecret, «value: "q9f8e7d6c5"»}, {name: SECRET_KEY_BASE, «value: abcdef0123456789»}'),
      findings: [{ messageId: 'env' }, { messageId: 'env' }],
    },
    {
      name: 'ConfigMap: a credential key, and a password inside a properties file',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  «STRIPE_API_KEY»: sk_test_51Hx\n  LOG_LEVEL: info\n  «application.properties»: |\n    spring.datasource.url=jdbc:postgresql://db/claims\n    spring.datasource.password=Pa55word!\n',
      findings: [{ messageId: 'configMap' }, { messageId: 'configMap' }],
    },
    {
      name: 'multi-document stream: a committed Secret (base64 is not encryption) and a Pod with a GitHub token',
      code: `apiVersion: v1\nkind: Secret\nmetadata: {name: claims-db}\ntype: Opaque\n«data»:\n  password: aHVudGVyMg==\n  username: Y2xhaW1z\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: ci\n    image: ci:1\n    env: [{name: GH, «value: ${GITHUB_TOKEN}»}]\n`,
      findings: [{ messageId: 'secret' }, { messageId: 'env' }],
    },
  ],
});

describe('rule k8s-no-secret-literals-in-env: detectors and messages', () => {
  it('credential names end with the credential word', () => {
    const yes = ['DB_PASSWORD', 'PGPASSWORD', 'MYSQL_ROOT_PASSWORD', 'jwtSecret', 'client-secret', 'spring.datasource.password', 'STRIPE_API_KEY', 'apiKey', 'SECRET_KEY_BASE', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'PRIVATE_KEY', 'DB_PASS', 'GOOGLE_CREDENTIALS'];
    const no = ['PASSWORD_FILE', 'TOKEN_TTL', 'SECRET_NAME', 'SECRETS_MANAGER_REGION', 'BYPASS', 'COMPASS_URL', 'PASSWORD_MIN_LENGTH', 'LOG_LEVEL', 'SSH_KEY', 'SECRET_KEY_ID', 'DATABASE_DSN'];
    assert.deepEqual(yes.filter((n) => !isCredentialName(n)), []);
    assert.deepEqual(no.filter((n) => isCredentialName(n)), []);
  });
  it('placeholders and references are not credentials', () => {
    const no = ['', '  ', '${DB_PASSWORD}', '$(PASS)', '$PASS', '{{ .Values.password }}', '<password>', '__PASSWORD__', '****', 'REPLACE_ME', '/run/secrets/db', 'vault:secret/data/db#password', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db', 'true', '3600'];
    assert.deepEqual(no.filter((v) => isLiteralCredential(v)), []);
    assert.equal(isLiteralCredential('changeme'), true);
  });
  it('known formats, without flagging documentation examples or password-less URLs', () => {
    assert.equal(credentialFormat('AKIAIOSFODNN7EXAMPLE'), undefined);
    assert.equal(credentialFormat('https://user@example.org/x'), undefined);
    assert.equal(credentialFormat('postgres://app:${DB_PASSWORD}@db/app'), undefined);
    assert.equal(credentialFormat('-----BEGIN RSA PRIVATE KEY-----\nMIIE'), 'a private key');
    assert.equal(credentialFormat('Server=db;Password=${PW}'), undefined);
  });
  it('messages never quote the value; no fix is offered', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('            - name: DB_PASSWORD\n              value: Sup3r-S3cret!\n') }, 'm.yaml', [rule]);
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0]!.message.includes('Sup3r'), false);
    assert.equal(result.findings[0]!.fix, undefined);
    assert.match(result.findings[0]!.message, /^Container "api" of Deployment "claims-api" sets env DB_PASSWORD to a credential written in the manifest/);
  });
  it('a committed Secret names its keys', async () => {
    const code = 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: hunter2\n  username: claims\n';
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    assert.match(result.findings[0]!.message, /^Secret "db" commits 2 values "password" and "username" in the manifest: /);
  });
});
