'use strict';
// Verifies a Sigstore bundle with sigstore-js, offline, against one public key:
//   node sigstore-verify.js <bundle.json> <key.pem> <keyId> [<artifact>]
// sigstore.verify() itself fetches the public-good trusted root over TUF and asks for at least one timestamp
// (tlog entry or TSA), neither of which a key-signed offline bundle has. So this runs the same steps it runs
// after that (bundleFromJSON, toSignedEntity, Verifier.verify with sigstore's own keySelector-based key finder and
// policy), with an empty trusted root and every threshold at 0. Prints VERIFIED, or REFUSED <code>: <message>.
const fs = require('fs');
const path = require('path');

const [bundlePath, keyPath, keyId, artifactPath] = process.argv.slice(2);
const sigstoreDir = path.dirname(require.resolve('sigstore/package.json'));
const dependency = (name) => require(require.resolve(name, { paths: [sigstoreDir] }));
const { bundleFromJSON } = dependency('@sigstore/bundle');
const { Verifier, toSignedEntity, toTrustMaterial } = dependency('@sigstore/verify');
const { TrustedRoot } = dependency('@sigstore/protobuf-specs');
const config = require('sigstore/dist/config');

const pem = fs.readFileSync(keyPath, 'utf8');
const keyFinder = config.createKeyFinder((hint) => (hint === keyId ? pem : undefined));
const trustedRoot = TrustedRoot.fromJSON({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' });
const verifier = new Verifier(toTrustMaterial(trustedRoot, keyFinder),
  { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });

try {
  const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
  const artifact = artifactPath ? fs.readFileSync(artifactPath) : undefined;
  verifier.verify(toSignedEntity(bundle, artifact), config.createVerificationPolicy({}));
  console.log('VERIFIED');
} catch (e) {
  console.log(`REFUSED ${e.code || e.name}: ${e.message}`);
  process.exitCode = 1;
}
