import type { ControlCatalogResult, ControlInfo, ControlStatusResult, FileCompliance, RuleInfo, WorkspaceControlStatus } from '../../../common/protocol';

/** A consistent view of what the server knows: the catalog and every file's control status. */
export interface ComplianceSnapshot {
  readonly catalog: ControlCatalogResult;
  /** Enabled framework ids, HIPAA first. */
  readonly frameworks: readonly string[];
  /** Files with evidence, sorted by URI. */
  readonly files: ReadonlyMap<string, FileCompliance>;
  /** Every control of the enabled frameworks over the workspace, in catalog order. */
  readonly workspace: readonly WorkspaceControlStatus[];
  readonly controls: ReadonlyMap<string, ControlInfo>;
  readonly rules: ReadonlyMap<string, RuleInfo>;
}

/**
 * The snapshot after a server answer: a full answer (`previous` undefined) replaces everything; a
 * partial one (some URIs) replaces those files and drops the absent ones.
 */
export function applyStatus(previous: ComplianceSnapshot | undefined, catalog: ControlCatalogResult, status: ControlStatusResult): ComplianceSnapshot {
  const files = new Map(previous?.files ?? []);
  for (const uri of status.absent) files.delete(uri);
  for (const file of status.files) files.set(file.uri, file);
  const sameCatalog = previous !== undefined && previous.catalog === catalog;
  return {
    catalog,
    frameworks: status.frameworks,
    files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    workspace: status.controls,
    controls: sameCatalog ? previous.controls : new Map(catalog.controls.map((c) => [c.id, c])),
    rules: sameCatalog ? previous.rules : new Map(catalog.rules.map((r) => [r.id, r])),
  };
}
