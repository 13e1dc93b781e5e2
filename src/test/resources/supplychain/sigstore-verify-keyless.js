'use strict';
// Verifies a keyless Sigstore bundle with sigstore-js, offline, against a private trusted root:
//   node sigstore-verify-keyless.js <bundle.json> <trusted_root.json> <identity e-mail> <issuer> [<artifact>]
// These are the steps sigstore.verify() runs once it has fetched the public-good trusted root over TUF
// (bundleFromJSON, toTrustMaterial, toSignedEntity, Verifier.verify with its policy), here with the given root and
// sigstore's default thresholds: one SCT, one tlog entry, one timestamp. Prints VERIFIED, or REFUSED <code>: <message>.
const fs = require('fs');
const path = require('path');

const [bundlePath, rootPath, identity, issuer, artifactPath] = process.argv.slice(2);
const sigstoreDir = path.dirname(require.resolve('sigstore/package.json'));
const dependency = (name) => require(require.resolve(name, { paths: [sigstoreDir] }));
const { bundleFromJSON } = dependency('@sigstore/bundle');
const { Verifier, toSignedEntity, toTrustMaterial } = dependency('@sigstore/verify');
const { TrustedRoot } = dependency('@sigstore/protobuf-specs');
const config = require('sigstore/dist/config');

const trustedRoot = TrustedRoot.fromJSON(JSON.parse(fs.readFileSync(rootPath, 'utf8')));
const verifier = new Verifier(toTrustMaterial(trustedRoot));

try {
  const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
  const artifact = artifactPath ? fs.readFileSync(artifactPath) : undefined;
  verifier.verify(toSignedEntity(bundle, artifact), config.createVerificationPolicy({
    certificateIdentityEmail: identity, certificateIssuer: issuer }));
  console.log('VERIFIED');
} catch (e) {
  console.log(`REFUSED ${e.code || e.name}: ${e.message}`);
  process.exitCode = 1;
}
