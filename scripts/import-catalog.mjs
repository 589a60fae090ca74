// Converts the healthcare control and check catalog (../shared/catalog/*.yaml, the rule
// specification) into the JSON data the extension ships: server/src/catalog/{checks,controls}.json.
// The shipped files are committed so a user's checkout builds without ../shared; the catalog
// test re-runs this conversion in memory and fails when the committed data has drifted.
// Usage: node scripts/import-catalog.mjs [--check]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const SHARED = process.env.HCIAC_SHARED ?? join(process.cwd(), '..', 'shared');
const OUT = join(process.cwd(), 'server', 'src', 'catalog');

/** Framework key in checks.yaml → [framework id in the product, control id prefix in controls.yaml]. */
export const FRAMEWORK_KEYS = {
  hipaa: ['hipaa', 'HIPAA-'],
  soc2_tsc: ['soc2', 'SOC2-'],
  nist_800_53_r5: ['nist-800-53', 'NIST-'],
  hitrust_csf_v9_2: ['hitrust', 'HITRUST-'],
  cis_kubernetes_v1_10: ['cis-kubernetes', 'CIS-K8S-'],
  nsa_cisa_k8s_hardening_v1_2: ['nsa-cisa-kubernetes', ''],
};

/** Framework key in controls.yaml → framework id in the product. */
const CONTROL_FRAMEWORKS = {
  hipaa_security_rule: 'hipaa',
  soc2_tsc_2017: 'soc2',
  nist_sp_800_53_r5: 'nist-800-53',
  hitrust_csf_v9_2: 'hitrust',
  cis_kubernetes_benchmark_v1_10: 'cis-kubernetes',
  nsa_cisa_kubernetes_hardening_v1_2: 'nsa-cisa-kubernetes',
};

function controlId(prefix, ref) {
  return prefix === '' || ref.startsWith(prefix) ? ref : prefix + ref;
}

export function convert(sharedDir) {
  const checksDoc = parse(readFileSync(join(sharedDir, 'catalog', 'checks.yaml'), 'utf8'));
  const controlsDoc = parse(readFileSync(join(sharedDir, 'catalog', 'controls.yaml'), 'utf8'));

  const frameworks = [];
  const controls = [];
  for (const [key, fw] of Object.entries(controlsDoc.frameworks)) {
    const id = CONTROL_FRAMEWORKS[key];
    if (id === undefined) throw new Error(`unknown framework in controls.yaml: ${key}`);
    frameworks.push({ id, key, source: fw.source ?? '' });
    for (const c of fw.controls) {
      controls.push({
        id: c.id,
        framework: id,
        ref: c.citation ?? c.ref ?? c.id,
        title: c.title,
        ...(c.designation ? { designation: c.designation } : {}),
        ...(c.safeguard ? { safeguard: c.safeguard } : {}),
        ...(c.kind ? { kind: c.kind } : {}),
        ...(c.parent_standard ? { parent: c.parent_standard } : {}),
        ...(c.iac_evidence ? { iacEvidence: c.iac_evidence } : {}),
        ...(c.intent ? { intent: c.intent } : {}),
      });
    }
  }
  const known = new Set(controls.map((c) => c.id));

  const checks = checksDoc.checks.map((c) => {
    const mapped = [];
    const judgment = new Set((c.frameworks.hipaa_judgment_only ?? []).map((r) => controlId('HIPAA-', r)));
    for (const [key, [framework, prefix]] of Object.entries(FRAMEWORK_KEYS)) {
      for (const ref of c.frameworks[key] ?? []) {
        const id = controlId(prefix, String(ref));
        if (!known.has(id)) throw new Error(`${c.id}: control ${id} is not in controls.yaml`);
        const basis = framework === 'hipaa' ? (judgment.has(id) ? 'judgment' : 'documented') : 'documented';
        mapped.push({ id, framework, basis });
      }
    }
    return {
      id: c.id,
      title: c.title,
      platform: c.platform,
      service: c.service,
      severity: c.severity,
      resourceTypes: c.resource_types,
      resolution: c.resolution,
      ...(c.resolution_note ? { resolutionNote: c.resolution_note } : {}),
      controls: mapped,
      hipaaMappingBasis: c.frameworks.hipaa_mapping_basis ?? 'none',
      ...(c.frameworks.mapping_note ? { mappingNote: c.frameworks.mapping_note } : {}),
      equivalents: {
        checkov: (c.equivalents.checkov ?? []).map((e) => ({ id: e.id, name: e.name })),
        kics: (c.equivalents.kics ?? []).map((e) => ({ id: e.id, name: e.name, query: e.query })),
        kicsDeprecated: (c.equivalents.kics_deprecated ?? []).map((e) => ({ id: e.id, name: e.name })),
        awsConfig: (c.equivalents.aws_config ?? []).map((e) => e.rule),
      },
      autofix: { safe: Boolean(c.autofix?.safe), kind: c.autofix?.kind ?? 'none', ...(c.autofix?.notes ? { notes: c.autofix.notes } : {}) },
      rationale: c.rationale,

    };
  });
  return {
    checks: { catalog: { name: checksDoc.catalog.name, version: checksDoc.catalog.version, generated: checksDoc.catalog.generated }, checks },
    controls: { catalog: { name: controlsDoc.catalog.name, version: controlsDoc.catalog.version, disclaimer: controlsDoc.catalog.disclaimer }, frameworks, controls },
  };
}

export function serialize(data) {
  return JSON.stringify(data, null, 1) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(join(SHARED, 'catalog', 'checks.yaml'))) {
    console.error(`import-catalog: ${SHARED}/catalog/checks.yaml not found; nothing to import`);
    process.exit(2);
  }
  const data = convert(SHARED);
  const check = process.argv.includes('--check');
  let stale = false;
  for (const name of ['checks', 'controls']) {
    const file = join(OUT, `${name}.json`);
    const text = serialize(data[name]);
    if (check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) { console.error(`stale: ${file}`); stale = true; }
    } else {
      writeFileSync(file, text);
    }
  }
  if (check && stale) process.exit(1);
  console.log(check ? 'catalog data is current' : `wrote ${data.checks.checks.length} checks and ${data.controls.controls.length} controls`);
}
