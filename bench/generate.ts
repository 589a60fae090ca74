/** Synthetic but realistic IaC files of a given length for the benchmark (deterministic). */

const TF_TEMPLATES: readonly ((n: string) => string)[] = [
  (n) => `resource "aws_s3_bucket" "${n}" {\n  bucket = "phi-${n}-records"\n  tags = {\n    Name        = "${n}"\n    Environment = "prod"\n  }\n}\n`,
  (n) => `resource "aws_s3_bucket_server_side_encryption_configuration" "${n}" {\n  bucket = aws_s3_bucket.${n}.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n`,
  (n) => `resource "aws_db_instance" "${n}_db" {\n  identifier          = "db-${n}"\n  engine              = "postgres"\n  instance_class      = "db.t3.medium"\n  storage_encrypted   = var.encrypt_${n}\n  publicly_accessible = false\n  backup_retention_period = 7\n}\n`,
  (n) => `resource "aws_security_group" "${n}_sg" {\n  name        = "sg-${n}"\n  description = "Allow TLS inbound for ${n}"\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]\n  }\n}\n`,
  (n) => `resource "aws_kms_key" "${n}_key" {\n  description         = "Key for ${n}"\n  enable_key_rotation = true\n}\n`,
  (n) => `variable "encrypt_${n}" {\n  type    = bool\n  default = true\n}\n`,
  (n) => `resource "aws_cloudtrail" "${n}_trail" {\n  name                       = "trail-${n}"\n  s3_bucket_name             = aws_s3_bucket.${n}.id\n  enable_log_file_validation = true\n  is_multi_region_trail      = true\n}\n`,
];

export function terraformText(lines: number, prefix = 'r'): string {
  let out = '# Generated for the benchmark\n';
  let count = 1;
  for (let i = 0; count < lines; i++) {
    const block = TF_TEMPLATES[i % TF_TEMPLATES.length]!(`${prefix}${Math.floor(i / TF_TEMPLATES.length)}`) + '\n';
    out += block;
    count += block.split('\n').length - 1;
  }
  return out;
}

const K8S_TEMPLATE = (n: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: portal-${n}
  namespace: phi
  labels:
    app: portal-${n}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: portal-${n}
  template:
    metadata:
      labels:
        app: portal-${n}
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          image: "registry.example.org/portal@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
          ports:
            - containerPort: 8443
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
`;

export function kubernetesText(lines: number, prefix = 'd'): string {
  const docs: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const doc = K8S_TEMPLATE(`${prefix}${i}`);
    docs.push(doc);
    count += doc.split('\n').length;
  }
  return docs.join('---\n');
}
