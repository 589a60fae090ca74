/**
 * Preload for the security tests (`node --require out/test/harness/no-network-hook.js …`): records
 * every attempt to open a network connection, resolve a name or start a process, and blocks it.
 * Each attempt is appended as one JSON line to the file named by HCIAC_NETWORK_LOG; the first line
 * says the hook is armed (so a test can tell "nothing happened" from "the hook never ran").
 * The LSP over stdio is not a connection: stdin/stdout are sockets built on file descriptors, never
 * `connect()`ed, so they are not recorded. Loaded in worker threads too (they inherit execArgv).
 * Test-only: never bundled, never shipped.
 */
// `import x = require()` binds the real module objects (a namespace import would patch a copy).
import childProcess = require('node:child_process');
import dgram = require('node:dgram');
import dns = require('node:dns');
import fs = require('node:fs');
import http = require('node:http');
import http2 = require('node:http2');
import https = require('node:https');
import net = require('node:net');
import workerThreads = require('node:worker_threads');

const logFile = process.env.HCIAC_NETWORK_LOG;

function record(event: string, detail: unknown): void {
  if (logFile !== undefined) fs.appendFileSync(logFile, JSON.stringify({ event, detail: String(detail).slice(0, 200), pid: process.pid, main: workerThreads.isMainThread }) + '\n');
}

class BlockedByTest extends Error {
  override name = 'BlockedByTest';
}

/** Replaces `owner[name]` with a function that records the call and throws. */
function block(owner: object, name: string, event: string): void {
  const target = owner as Record<string, unknown>;
  if (typeof target[name] !== 'function') return;
  Object.defineProperty(owner, name, {
    configurable: true,
    writable: true,
    value: function blocked(...args: unknown[]): never {
      record(event, typeof args[0] === 'object' ? JSON.stringify(args[0]) : args[0]);
      throw new BlockedByTest(`${event} is not allowed in this test`);
    },
  });
}

block(net.Socket.prototype, 'connect', 'net.Socket.connect');
for (const name of ['connect', 'createConnection']) block(net, name, `net.${name}`);
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'reverse']) {
  block(dns, name, `dns.${name}`);
  block(dns.promises, name, `dns.promises.${name}`);
}
for (const name of ['request', 'get']) {
  block(http, name, `http.${name}`);
  block(https, name, `https.${name}`);
}
block(http2, 'connect', 'http2.connect');
block(dgram, 'createSocket', 'dgram.createSocket');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) block(childProcess, name, `child_process.${name}`);
block(globalThis, 'fetch', 'fetch');

record('armed', process.argv.slice(1).join(' '));
