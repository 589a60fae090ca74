import type { ControlCatalogResult, ControlStatusResult, EvidenceItem, FileCompliance } from '../../../common/protocol';
import { applyStatus, type ComplianceSnapshot } from '../../../client/src/compliance/snapshot';

/** A small catalog: two HIPAA controls, one SOC 2 control, two rules. */
export const catalog: ControlCatalogResult = {
  catalogVersion: '1.0.0',
  productVersion: '0.0.0-test',
  frameworks: [
    { id: 'hipaa', name: 'HIPAA Security Rule', enabled: true },
    { id: 'soc2', name: 'SOC 2 (2017 TSC)', enabled: true },
    { id: 'nist-800-53', name: 'NIST SP 800-53 r5', enabled: false },
  ],
  controls: [
    { id: 'HIPAA-164.312(a)(2)(iv)', framework: 'hipaa', label: 'HIPAA §164.312(a)(2)(iv)', title: 'Encryption and decryption', ruleIds: ['rds-encrypted'] },
    { id: 'HIPAA-164.312(b)', framework: 'hipaa', label: 'HIPAA §164.312(b)', title: 'Audit controls', ruleIds: ['trail-on'] },
    { id: 'SOC2-CC6.1', framework: 'soc2', label: 'SOC 2 CC6.1', title: 'Logical access', ruleIds: ['rds-encrypted'] },
  ],
  rules: [
    { id: 'rds-encrypted', title: 'RDS storage is encrypted', severity: 'high', platform: 'terraform', controls: ['HIPAA-164.312(a)(2)(iv)', 'SOC2-CC6.1'], enabled: true, docUri: 'file:///ext/docs/rules/rds-encrypted.md' },
    { id: 'trail-on', title: 'CloudTrail is on', severity: 'medium', platform: 'terraform', controls: ['HIPAA-164.312(b)'], enabled: true, docUri: 'file:///ext/docs/rules/trail-on.md' },
  ],
};

export function evidence(outcome: EvidenceItem['outcome'], ruleId: string, line: number, extra: Partial<EvidenceItem> = {}): EvidenceItem {
  return { outcome, ruleId, resource: `aws_db_instance.r${line}`, range: { start: { line, character: 0 }, end: { line, character: 10 } }, ...extra };
}

export const HOSTILE_NAME = 'file:///ws/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/<img src=x onerror=alert(1)>.tf';
export const HOSTILE_MESSAGE = '"><script>alert("x")</script>';

/** Three files: one violating encryption (and a suppressed finding), one satisfying it, one with a hostile name. */
export function files(): FileCompliance[] {
  return [
    {
      uri: 'file:///ws/rds.tf',
      evidence: [
        evidence('violated', 'rds-encrypted', 1, { message: 'storage_encrypted is false', severity: 'high' }),
        evidence('suppressed', 'rds-encrypted', 9, { message: 'storage_encrypted is false', severity: 'high', suppression: { reason: 'legacy replica, migrating in Q1', expires: '2000-01-31', origin: 'hciac' } }),
        evidence('unknown', 'trail-on', 20, { message: 'var.trail has no value' }),
      ],
      controls: [
        { controlId: 'HIPAA-164.312(a)(2)(iv)', status: 'violated', evidence: [0, 1] },
        { controlId: 'HIPAA-164.312(b)', status: 'unknown', evidence: [2] },
        { controlId: 'SOC2-CC6.1', status: 'violated', evidence: [0, 1] },
      ],
      findings: 1,
    },
    {
      uri: 'file:///ws/ok.tf',
      evidence: [evidence('satisfied', 'rds-encrypted', 3)],
      controls: [
        { controlId: 'HIPAA-164.312(a)(2)(iv)', status: 'satisfied', evidence: [0] },
        { controlId: 'SOC2-CC6.1', status: 'satisfied', evidence: [0] },
      ],
      findings: 0,
    },
    {
      uri: HOSTILE_NAME,
      evidence: [evidence('violated', 'rds-encrypted', 0, { message: HOSTILE_MESSAGE, severity: 'high' }), evidence('violated', 'rds-encrypted', 4, { message: 'again', severity: 'high' })],
      controls: [
        { controlId: 'HIPAA-164.312(a)(2)(iv)', status: 'violated', evidence: [0, 1] },
        { controlId: 'SOC2-CC6.1', status: 'violated', evidence: [0, 1] },
      ],
      findings: 2,
    },
  ];
}

export const status: ControlStatusResult = {
  frameworks: ['hipaa', 'soc2'],
  files: files(),
  absent: [],
  controls: [
    { controlId: 'HIPAA-164.312(a)(2)(iv)', status: 'violated', files: { violated: 2, suppressed: 0, unknown: 0, satisfied: 1 } },
    { controlId: 'HIPAA-164.312(b)', status: 'unknown', files: { violated: 0, suppressed: 0, unknown: 1, satisfied: 0 } },
    { controlId: 'SOC2-CC6.1', status: 'violated', files: { violated: 2, suppressed: 0, unknown: 0, satisfied: 1 } },
  ],
};

export function snapshot(): ComplianceSnapshot {
  return applyStatus(undefined, catalog, status);
}

/** The path the panel would show: the URI's path without the workspace folder. */
export const displayPath = (uri: string): string => decodeURIComponent(uri.replace('file:///ws/', ''));
