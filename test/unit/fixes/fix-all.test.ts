import { strict as assert } from 'node:assert';
import { RuleSet } from '../../../server/src/engine/rule-set';
import type { Finding } from '../../../server/src/engine/finding';
import { applyEdits } from '../../../server/src/fixes/apply-edits';
import { fixAll, type Reanalysis } from '../../../server/src/fixes/fix-all';
import type { Grammars } from '../../../server/src/parsing/grammars';
import { allRules } from '../../../server/src/rules';
import { buildSource } from '../../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { grammars } from '../../harness/assets';

const URI = 'file:///ws/main.tf';

/** The real parser and engine, synchronously (fix-all re-analyses in memory, between requests). */
function analyzer(g: Grammars, ruleIds: readonly string[]): (text: string) => Reanalysis {
  const rules = new RuleSet(allRules.filter((r) => ruleIds.includes(r.id)));
  return (text) => {
    const index = new WorkspaceIndex(rules, (_id, e) => {
      throw e;
    });
    const source = buildSource(URI, 'terraform', text, 1, g, { maxFileSize: 1 << 20 });
    index.upsert(source);
    return { findings: index.analysis(URI).findings, hasSyntaxErrors: source.model.kind === 'none' || source.model.file.hasErrors };
  };
}

const safe = (f: Finding): boolean => f.fix?.safety === 'safe';

describe('fix-all: safe fixes to a fixed point, in memory', () => {
  it('overlapping fixes are taken in later rounds; the result is one set of edits of the original text', async () => {
    // Both rules open up the same one-line `{}` block: their edits insert at one point inside a line, so one waits a round.
    const text = 'resource "aws_kms_key" "k" {}\nresource "aws_cloudtrail" "trail" {}\n';
    const analyze = analyzer(await grammars(), ['aws-kms-key-rotation-enabled', 'aws-cloudtrail-log-file-validation', 'aws-cloudtrail-multi-region-logging']);
    const initial = analyze(text);
    assert.equal(initial.findings.filter(safe).length, 3);
    const result = fixAll({ text, initial, select: () => true, reanalyze: analyze });
    assert.equal(result.rounds, 2);
    assert.equal(result.applied, 3);
    assert.equal(applyEdits(text, result.edits), result.text);
    assert.deepEqual(analyze(result.text).findings.filter(safe), []);
    assert.equal(
      result.text,
      'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\nresource "aws_cloudtrail" "trail" {\n  enable_log_file_validation = true\n  is_multi_region_trail = true\n}\n',
    );
    // One rule's fixes only ("Fix all <rule> problems in this file").
    const one = fixAll({ text, initial, select: (f) => f.ruleId === 'aws-kms-key-rotation-enabled', reanalyze: analyze });
    assert.equal(one.text, 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\nresource "aws_cloudtrail" "trail" {}\n');
  });

  it('review fixes are never taken, whatever the selection says', async () => {
    const text = 'resource "aws_db_instance" "a" {\n  storage_encrypted       = false\n  backup_retention_period = 7\n}\n';
    const analyze = analyzer(await grammars(), ['aws-rds-instance-storage-encrypted']);
    const initial = analyze(text);
    assert.equal(initial.findings.length, 1);
    const result = fixAll({ text, initial, select: () => true, reanalyze: analyze });
    assert.deepEqual(result.edits, []);
    assert.equal(result.text, text);
  });

  it('stops before a round that would add a syntax error, and after maxRounds', async () => {
    const text = 'resource "aws_kms_key" "a" {}\nresource "aws_kms_key" "b" {}\n';
    const analyze = analyzer(await grammars(), ['aws-kms-key-rotation-enabled']);
    const initial = analyze(text);
    const broken = (t: string): Reanalysis => ({ ...analyze(t), hasSyntaxErrors: true });
    assert.deepEqual(fixAll({ text, initial, select: safe, reanalyze: broken }).edits, [], 'the broken round is discarded');
    // Each round then finds the same findings again (a stale analysis): maxRounds ends it.
    const stale = (): Reanalysis => initial;
    const capped = fixAll({ text, initial, select: safe, reanalyze: stale, maxRounds: 3 });
    assert.equal(capped.rounds, 3);
  });

  it('an edit two fixes share (the same variable declaration) is applied once', async () => {
    const text = 'resource "aws_kms_key" "a" {}\n';
    const declaration = { uri: URI, span: { start: text.length, end: text.length }, newText: '\nvariable "x" {}\n' };
    const finding = (start: number, newText: string): Finding => ({
      ruleId: 'r',
      messageId: 'm',
      message: 'm',
      severity: 'medium',
      uri: URI,
      span: { start, end: start },
      related: [],
      controls: [],
      resource: 'aws_kms_key.a',
      extent: { start: 0, end: text.length },
      fix: { title: 't', safety: 'safe', fixId: 'f', edits: [{ uri: URI, span: { start, end: start }, newText }, declaration] },
    });
    const initial = { findings: [finding(0, '# a\n'), finding(0, '# b\n')], hasSyntaxErrors: false };
    const result = fixAll({ text, initial, select: safe, reanalyze: () => ({ findings: [], hasSyntaxErrors: false }) });
    assert.equal(result.text, '# a\n# b\nresource "aws_kms_key" "a" {}\n\nvariable "x" {}\n');
  });
});
