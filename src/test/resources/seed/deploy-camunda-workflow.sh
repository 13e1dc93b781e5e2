#!/bin/bash
# The two steps of the seed's .github/workflows/deploy-camunda.yml (seed 004, section 4.2.4), verbatim, as
# GitHub Actions runs them (bash -eo pipefail). The only substitutions are the ones Actions itself makes:
# ${{ secrets.DEPLOY_SECRET }} and ${{ secrets.DEPLOY_URL }} come from the environment variables of the same
# names, and ${{ steps.sign.outputs.NAME }} is what the first step wrote to $GITHUB_OUTPUT.
set -eo pipefail
GITHUB_OUTPUT="${GITHUB_OUTPUT:-$(mktemp)}"

# - name: Build signature
#   id: sign
          TIMESTAMP=$(date +%s%3N)
          BODY='{"branch":"main"}'
          SIGNATURE=$(echo -n "$TIMESTAMP.$BODY" \
            | openssl dgst -sha256 -hmac "${DEPLOY_SECRET}" \
            | sed 's/^.* //')
          echo "timestamp=$TIMESTAMP" >> $GITHUB_OUTPUT
          echo "body=$BODY" >> $GITHUB_OUTPUT
          echo "signature=$SIGNATURE" >> $GITHUB_OUTPUT

# - name: Call deploy API
steps_sign_outputs() { sed -n "s/^$1=//p" "$GITHUB_OUTPUT" | tail -n 1; }
          curl -X POST "${DEPLOY_URL}-camunda" \
            -H "Content-Type: application/json" \
            -H "X-Timestamp: $(steps_sign_outputs timestamp)" \
            -H "X-Signature: sha256=$(steps_sign_outputs signature)" \
            --data-raw "$(steps_sign_outputs body)"
