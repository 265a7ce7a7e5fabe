#!/usr/bin/env node
// Turns forge's artifacts into what the rest of the build consumes:
//  - target/web3j/<Name>.json  {abi, bytecode} for web3j-maven-plugin (forge writes bytecode
//    as an object, the plugin wants a string);
//  - abi/<Name>.json           the checked-in ABI snapshot of every deployable contract.
// With --check, an ABI that differs from its snapshot fails the build (update with --update).
'use strict';
const fs = require('fs');
const path = require('path');

const CONTRACTS = ['PactumToken', 'CollateralVault', 'DealManager', 'MediationCourt', 'CidRegistry', 'DIDRegistry', 'SoulRegistry',
  'NodeRegistry', 'PoSeManagerV2', 'FaultManager', 'RewardDistributor'];
// ABI snapshots for all of them; web3j wrappers only for these. web3j codegen 4.13.0 fails on the
// PoSe contracts' nested struct and struct-array parameters (ClassCastException
// ParameterizedTypeName -> ClassName in web3j-maven-plugin), so they get no generated wrapper yet.
const NO_WRAPPER = new Set(['NodeRegistry', 'PoSeManagerV2', 'FaultManager', 'RewardDistributor']);
const root = path.join(__dirname, '..');
const mode = process.argv.includes('--update') ? 'update' : 'check';
const outDir = path.join(root, 'target', 'web3j');
const abiDir = path.join(root, 'abi');
fs.mkdirSync(outDir, { recursive: true });
fs.mkdirSync(abiDir, { recursive: true });

let failed = [];
for (const name of CONTRACTS) {
  const artifact = path.join(root, 'out', `${name}.sol`, `${name}.json`);
  if (!fs.existsSync(artifact)) { failed.push(`${name}: no forge artifact at ${artifact}`); continue; }
  const json = JSON.parse(fs.readFileSync(artifact, 'utf8'));
  const bytecode = typeof json.bytecode === 'string' ? json.bytecode : json.bytecode.object;
  if (!bytecode || bytecode === '0x') { failed.push(`${name}: empty bytecode`); continue; }
  const wrapperInput = path.join(outDir, `${name}.json`);
  if (NO_WRAPPER.has(name)) {
    fs.rmSync(wrapperInput, { force: true });
  } else {
    fs.writeFileSync(wrapperInput, JSON.stringify({ contractName: name, abi: json.abi, bytecode }));
  }
  const abiText = JSON.stringify(json.abi, null, 2) + '\n';
  const snapshot = path.join(abiDir, `${name}.json`);
  if (mode === 'update') {
    fs.writeFileSync(snapshot, abiText);
  } else if (!fs.existsSync(snapshot) || fs.readFileSync(snapshot, 'utf8') !== abiText) {
    failed.push(`${name}: ABI differs from the snapshot abi/${name}.json ` +
      `(review the change, then run: node contracts/tools/export-artifacts.js --update)`);
  }
}
if (failed.length) {
  console.error('export-artifacts: ' + failed.join('\n  '));
  process.exit(1);
}
console.log(`export-artifacts: ${CONTRACTS.length} contracts exported, ABI snapshots ${mode === 'update' ? 'updated' : 'match'}`);
