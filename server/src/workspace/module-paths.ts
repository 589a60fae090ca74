import { URI, Utils } from 'vscode-uri';

/**
 * The directory URI a local module source (`./modules/db`, `../shared/db/`) points at from the
 * calling module's directory URI, in the index's canonical form (as `URI.toString()` writes it).
 */
export function moduleSourceDir(callerDir: string, sourcePath: string): string {
  return canonicalUri(Utils.joinPath(URI.parse(callerDir), sourcePath).toString()).replace(/\/+$/, '');
}

/** One spelling per URI: `URI.toString()` of its parse (percent-encoding and drive letters normalised). */
export function canonicalUri(uri: string): string {
  return URI.parse(uri).toString();
}
