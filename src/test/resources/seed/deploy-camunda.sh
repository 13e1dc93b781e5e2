#!/bin/bash
# deploy-camunda.sh

set -e

# Configurações
BASE_DIR="/home/camunda-orquestrador"
REPO_DIR="$BASE_DIR/_Zarah-Camunda"
CAMUNDA_URL="${CAMUNDA_URL:-http://localhost:8080}"
CAMUNDA_USER="${CAMUNDA_USER:-demo}"
CAMUNDA_PASS="${CAMUNDA_PASS:-demo}"

# Pastas de produtos
PRODUTOS=("Genesis" "Prometheus")

# Extensões suportadas
EXTENSOES="bpmn dmn form html"

log() {
    echo "[$(date '+%Y-%m-%d %H:%M:%S')] $1"
}

# Verifica conexão com Camunda
check_camunda() {
    HTTP_CODE=$(curl -s -o /dev/null -w "%{http_code}" \
        -u "$CAMUNDA_USER:$CAMUNDA_PASS" \
        "$CAMUNDA_URL/engine-rest/engine")
    
    if [ "$HTTP_CODE" -eq 200 ]; then
        log "✓ Camunda acessível"
        return 0
    else
        log "✗ Camunda não acessível (HTTP $HTTP_CODE)"
        return 1
    fi
}

# Deploy de uma pasta de produto
deploy_produto() {
    local produto=$1
    local pasta="$REPO_DIR/$produto"
    
    log "Processando: $produto"
    
    if [ ! -d "$pasta" ]; then
        log "✗ Pasta não encontrada: $pasta"
        return 1
    fi
    
    # Encontrar arquivos suportados
    local arquivos=()
    local curl_args=()
    
    for ext in $EXTENSOES; do
        while IFS= read -r -d '' arquivo; do
            arquivos+=("$arquivo")
        done < <(find "$pasta" -type f -name "*.$ext" -print0 2>/dev/null)
    done
    
    if [ ${#arquivos[@]} -eq 0 ]; then
        log "Nenhum artefato encontrado"
        return 0
    fi
    
    log "Encontrados ${#arquivos[@]} arquivo(s)"
    
    # Montar argumentos do curl
    for arquivo in "${arquivos[@]}"; do
        nome=$(basename "$arquivo")
        log "  - $nome"
        curl_args+=(-F "$nome=@$arquivo")
    done
    
    # Nome do deployment
    local deployment_name="$produto-$(date '+%Y%m%d-%H%M%S')"
    
    # Fazer deploy
    RESPONSE=$(curl -s -w "\n%{http_code}" \
        -u "$CAMUNDA_USER:$CAMUNDA_PASS" \
        -F "deployment-name=$deployment_name" \
        -F "deploy-changed-only=true" \
        -F "enable-duplicate-filtering=true" \
        "${curl_args[@]}" \
        "$CAMUNDA_URL/engine-rest/deployment/create")
    
    HTTP_CODE=$(echo "$RESPONSE" | tail -n1)
    
    if [ "$HTTP_CODE" -eq 200 ]; then
        log "✓ Deploy concluído!"
        return 0
    else
        log "✗ Falha no deploy (HTTP $HTTP_CODE)"
        return 1
    fi
}

# Main
main() {
    log "========================================"
    log "DEPLOY CAMUNDA - Início"
    log "========================================"
    
    # Git pull
    cd "$REPO_DIR"
    git pull
    
    # Verificar Camunda
    check_camunda || exit 1
    
    # Deploy cada produto
    for produto in "${PRODUTOS[@]}"; do
        deploy_produto "$produto"
    done
    
    log "========================================"
    log "✓ DEPLOY CAMUNDA - Concluído!"
    log "========================================"
}

main "$@"
