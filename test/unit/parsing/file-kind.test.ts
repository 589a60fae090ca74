import { strict as assert } from 'node:assert';
import { fileKindOf, looksBinary, looksLikeTemplate } from '../../../server/src/parsing/file-kind';

describe('file kinds', () => {
  describe('fileKindOf', () => {
    it('recognises Terraform, tfvars and YAML by extension, case-insensitively', () => {
      assert.equal(fileKindOf('file:///ws/main.tf'), 'terraform');
      assert.equal(fileKindOf('/ws/MAIN.TF'), 'terraform');
      assert.equal(fileKindOf('file:///ws/terraform.tfvars'), 'terraform-vars');
      assert.equal(fileKindOf('file:///ws/prod.auto.tfvars'), 'terraform-vars');
      assert.equal(fileKindOf('file:///ws/k8s/deploy.yaml'), 'yaml');
      assert.equal(fileKindOf('deploy.YML'), 'yaml');
      assert.equal(fileKindOf('file:///ws/d%C3%A9ploiement-%F0%9F%98%80.yaml'), 'yaml');
      assert.equal(fileKindOf('C:\\ws\\main.tf'), 'terraform');
    });

    it('returns undefined for everything else', () => {
      for (const name of ['main.tf.json', 'x.tfvars.json', 'x.tfstate', 'deploy.yaml.bak', 'README.md', 'Chart.lock', 'tf', 'yaml', 'file:///ws/dir.tf/readme.txt', '']) {
        assert.equal(fileKindOf(name), undefined, name);
      }
    });
  });

  describe('looksLikeTemplate', () => {
    it('detects Helm / Go template actions', () => {
      assert.ok(looksLikeTemplate('image: {{ .Values.image }}\n'));
      assert.ok(looksLikeTemplate('image: {{.Values.image}}\n'));
      assert.ok(looksLikeTemplate('{{- if .Values.enabled }}\nkind: Pod\n{{- end }}\n'));
      assert.ok(looksLikeTemplate('name: {{ include "chart.fullname" . }}\n'));
      assert.ok(looksLikeTemplate('{{/* a comment */}}\n'));
      assert.ok(looksLikeTemplate('{{ $x := 1 }}\n'));
      assert.ok(looksLikeTemplate('a: "{{ template "x" }}"\n'));
    });

    it('does not count GitHub Actions ${{ … }} expressions', () => {
      assert.equal(looksLikeTemplate('env:\n  TOKEN: ${{ secrets.X }}\n'), false);
      assert.equal(looksLikeTemplate('if: ${{github.event_name == \'push\'}}\n'), false);
      assert.equal(looksLikeTemplate('run: echo ${{ matrix.os }} ${{ env.A }}\n'), false);
      // but a real template action elsewhere in the same file still counts
      assert.ok(looksLikeTemplate('a: ${{ secrets.X }}\nb: {{ .Values.y }}\n'));
    });

    it('does not count plain YAML that merely contains braces', () => {
      assert.equal(looksLikeTemplate('apiVersion: v1\nkind: Pod\nmetadata: {name: x, labels: {a: b}}\n'), false);
      assert.equal(looksLikeTemplate('data: "{{}}"\n'), false);
      assert.equal(looksLikeTemplate(''), false);
    });
  });

  describe('looksBinary', () => {
    it('detects a NUL byte anywhere (tree-sitter stops reading at a NUL)', () => {
      assert.ok(looksBinary('abc\u0000def'));
      assert.ok(looksBinary('x'.repeat(8191) + '\u0000'));
      assert.ok(looksBinary('x'.repeat(1 << 20) + '\u0000'));
    });

    it('detects more than 8 replacement characters (invalid UTF-8) in the first 8 KiB', () => {
      assert.equal(looksBinary('\uFFFD'.repeat(8)), false);
      assert.ok(looksBinary('\uFFFD'.repeat(9)));
      assert.equal(looksBinary('x'.repeat(8192) + '\uFFFD'.repeat(20)), false);
    });

    it('accepts ordinary text, including non-ASCII and CRLF', () => {
      assert.equal(looksBinary('resource "é😀" {\r\n  x = "ñ"\r\n}\r\n'), false);
      assert.equal(looksBinary(''), false);
    });
  });
});
