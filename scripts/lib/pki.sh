# shellcheck shell=bash
# The control plane's certificates, made once per control plane folder with
# openssl: everything talks TLS on 127.0.0.1 as in a real cluster.
#
#   make_control_plane_pki DIR  DIR/pki: a CA; the API server's serving
#       certificate; client certificates for the admin and the controller
#       manager (group system:masters); the service account signing key; and
#       for Crossplane the functions' serving and Crossplane's client
#       certificates. Kept once complete (DIR/pki/.complete).
#   write_kubeconfig FILE SERVER CERT_DIR USER  a kubeconfig for SERVER that
#       authenticates with CERT_DIR's client certificate.

# shellcheck source=log.sh
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"

make_control_plane_pki() {
  local pki="$1/pki"
  [ -f "$pki/.complete" ] && return 0
  _need_openssl || return 1
  rm -rf "$pki"
  _make_ca "$pki/ca" || return 1
  _make_certificate "$pki/ca" "$pki/apiserver" kube-apiserver "" serverAuth \
    "IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc" || return 1
  _make_certificate "$pki/ca" "$pki/admin" meshifi-admin system:masters clientAuth "" || return 1
  _make_certificate "$pki/ca" "$pki/controller-manager" system:kube-controller-manager system:masters clientAuth "" || return 1
  _make_certificate "$pki/ca" "$pki/functions" functions "" serverAuth "IP:127.0.0.1,DNS:localhost" || return 1
  _make_certificate "$pki/ca" "$pki/crossplane" crossplane "" clientAuth "" || return 1
  _make_service_account_key "$pki" || return 1
  touch "$pki/.complete"
}

write_kubeconfig() {
  local file="$1" server="$2" certs="$3" user="$4"
  local tmp="$file.tmp.$$"
  cat >"$tmp" <<EOF_KUBECONFIG
apiVersion: v1
kind: Config
clusters:
  - name: meshifi-local
    cluster:
      server: $server
      certificate-authority-data: $(base64 -w0 <"$certs/ca.crt")
users:
  - name: $user
    user:
      client-certificate-data: $(base64 -w0 <"$certs/tls.crt")
      client-key-data: $(base64 -w0 <"$certs/tls.key")
contexts:
  - name: meshifi-local
    context:
      cluster: meshifi-local
      user: $user
current-context: meshifi-local
EOF_KUBECONFIG
  chmod 600 "$tmp" && mv -f "$tmp" "$file"
}

# Installs openssl where the scripts may (system.sh's apt_install, as root).
_need_openssl() {
  command -v openssl >/dev/null 2>&1 && return 0
  if declare -F apt_install >/dev/null; then
    apt_install openssl && return 0
  fi
  say "the control plane's certificates are made with openssl, which is not on PATH: install the Debian package openssl and try again."
  return 1
}

# _make_ca CA_DIR: CA_DIR/ca.key and ca.crt, ECDSA P-256, ten years.
_make_ca() {
  local ca="$1"
  mkdir -p "$ca" || return 1
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -sha256 \
    -subj "/CN=meshifi-local-ca" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -keyout "$ca/ca.key" -out "$ca/ca.crt" 2>/dev/null && return 0
  say "openssl cannot make the control plane's CA."
  return 1
}

# _make_certificate CA_DIR OUT_DIR CN ORG USAGE SANS: an ECDSA P-256 key and
# certificate signed by the CA, as OUT_DIR/tls.key, tls.crt and ca.crt (the
# layout Crossplane and the function SDKs read). USAGE is serverAuth,
# clientAuth or both; SANS is an openssl subjectAltName value or "".
_make_certificate() {
  local ca="$1" out="$2" cn="$3" org="$4" usage="$5" sans="$6" subject="/CN=$3"
  [ -n "$org" ] && subject="/O=$org$subject"
  mkdir -p "$out" || return 1
  local extensions="$out/.ext"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"
    [ -n "$sans" ] && echo "subjectAltName=$sans"
  } >"$extensions"
  if ! openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "$subject" \
    -keyout "$out/tls.key" -out "$out/tls.csr" 2>/dev/null ||
    ! openssl x509 -req -in "$out/tls.csr" -CA "$ca/ca.crt" -CAkey "$ca/ca.key" -CAcreateserial \
      -days 3650 -sha256 -extfile "$extensions" -out "$out/tls.crt" 2>/dev/null ||
    ! cp "$ca/ca.crt" "$out/ca.crt"; then
    say "openssl cannot make the certificate for $cn."
    return 1
  fi
  rm -f "$out/tls.csr" "$extensions"
  chmod 600 "$out/tls.key"
}

# _make_service_account_key PKI: the key pair kube-apiserver signs and checks
# service account tokens with.
_make_service_account_key() {
  local pki="$1"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$pki/sa.key" 2>/dev/null &&
    openssl pkey -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null && return 0
  say "openssl cannot make the service account signing key."
  return 1
}
