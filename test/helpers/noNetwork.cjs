// Preloaded with NODE_OPTIONS=--require: every way Node opens a network connection reports itself on stderr
// and fails. Tests run the real CLI and server under it and require that nothing was reported.
'use strict';
const net = require('net');
const tls = require('tls');
const dns = require('dns');
const http = require('http');
const https = require('https');

const MARK = 'RLENS-NETWORK-ATTEMPT';
function refuse(what) {
  process.stderr.write(`${MARK} ${what}\n`);
  throw new Error(`network access is refused under test: ${what}`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = args[0];
  // A local IPC path (a Unix socket or named pipe) is not the network.
  const ipcPath = typeof first === 'string' || (first && typeof first === 'object' && typeof first.path === 'string');
  if (ipcPath) return connect.apply(this, args);
  return refuse(`net.Socket.connect ${JSON.stringify(first && typeof first === 'object' ? { host: first.host, port: first.port } : first)}`);
};
for (const name of ['connect', 'createConnection']) {
  tls[name] = () => refuse(`tls.${name}`);
}
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  dns[name] = () => refuse(`dns.${name}`);
  if (dns.promises && dns.promises[name]) dns.promises[name] = () => refuse(`dns.promises.${name}`);
}
for (const [label, module] of [['http', http], ['https', https]]) {
  module.request = () => refuse(`${label}.request`);
  module.get = () => refuse(`${label}.get`);
}
if (typeof globalThis.fetch === 'function') globalThis.fetch = () => refuse('fetch');
