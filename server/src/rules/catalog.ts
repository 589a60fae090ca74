import checksData from '../catalog/checks.json';
import controlsData from '../catalog/controls.json';

/** Severity as the catalog states it; mapped to editor severities by the engine's settings. */
export type CatalogSeverity = 'critical' | 'high' | 'medium' | 'low';

export type FrameworkId = 'hipaa' | 'soc2' | 'nist-800-53' | 'hitrust' | 'cis-kubernetes' | 'nsa-cisa-kubernetes';

export interface MappedControl {
  readonly id: string;
  readonly framework: FrameworkId;
  /** documented = the mapping appears in a cited tool mapping; judgment = engineer's mapping. */
  readonly basis: 'documented' | 'judgment';
}

export interface CatalogCheck {
  readonly id: string;
  readonly title: string;
  readonly platform: string;
  readonly service: string;
  readonly severity: CatalogSeverity;
  readonly resourceTypes: readonly string[];
  readonly resolution: string;
  readonly resolutionNote?: string;
  readonly controls: readonly MappedControl[];
  readonly hipaaMappingBasis: string;
  readonly mappingNote?: string;
  readonly equivalents: {
    readonly checkov: readonly { readonly id: string; readonly name: string }[];
    readonly kics: readonly { readonly id: string; readonly name: string; readonly query: string }[];
    readonly kicsDeprecated: readonly { readonly id: string; readonly name: string }[];
    readonly awsConfig: readonly string[];
  };
  readonly autofix: { readonly safe: boolean; readonly kind: string; readonly notes?: string };
  readonly rationale: string;
}

export interface Control {
  readonly id: string;
  readonly framework: FrameworkId;
  readonly ref: string;
  readonly title: string;
  readonly designation?: string;
  readonly safeguard?: string;
  readonly kind?: string;
  readonly parent?: string;
  readonly iacEvidence?: string;
  readonly intent?: string;
}

export const FRAMEWORK_NAMES: Readonly<Record<FrameworkId, string>> = {
  hipaa: 'HIPAA Security Rule',
  soc2: 'SOC 2 (2017 TSC)',
  'nist-800-53': 'NIST SP 800-53 r5',
  hitrust: 'HITRUST CSF v9.2',
  'cis-kubernetes': 'CIS Kubernetes Benchmark v1.10',
  'nsa-cisa-kubernetes': 'NSA/CISA Kubernetes Hardening v1.2',
};

const checks = new Map<string, CatalogCheck>((checksData.checks as unknown as CatalogCheck[]).map((c) => [c.id, c]));
const controls = new Map<string, Control>((controlsData.controls as unknown as Control[]).map((c) => [c.id, c]));

export const catalogVersion: string = checksData.catalog.version;

/** The catalog's statement of what its mappings are (and are not), quoted in evidence reports. */
export const catalogDisclaimer: string = (controlsData.catalog as { disclaimer?: string }).disclaimer ?? '';

export function catalogChecks(): readonly CatalogCheck[] {
  return [...checks.values()];
}

export function catalogCheck(id: string): CatalogCheck {
  const check = checks.get(id);
  if (check === undefined) throw new Error(`rule id ${id} is not a check of the shipped catalog`);
  return check;
}

export function allControls(): readonly Control[] {
  return [...controls.values()];
}

export function control(id: string): Control | undefined {
  return controls.get(id);
}

/** A short, human label: "HIPAA §164.312(a)(2)(iv)", "NIST SC-28", "SOC 2 CC6.1". */
export function controlLabel(id: string): string {
  let label = labels.get(id);
  if (label === undefined) labels.set(id, (label = labelOf(id)));
  return label;
}
/** Every finding's message names its controls: each label is built once. */
const labels = new Map<string, string>();

function labelOf(id: string): string {
  const c = controls.get(id);
  if (c === undefined) return id;
  switch (c.framework) {
    case 'hipaa':
      return `HIPAA §${c.ref.replace(/^45 CFR /, '')}`;
    case 'nist-800-53':
      return `NIST ${c.ref}`;
    case 'soc2':
      return `SOC 2 ${c.ref}`;
    case 'hitrust':
      return `HITRUST ${c.ref}`;
    case 'cis-kubernetes':
      return `CIS Kubernetes ${c.ref}`;
    case 'nsa-cisa-kubernetes':
      return `NSA/CISA ${c.ref.replace(/^NSA-CISA-K8S-/, '')}`;
  }
}
