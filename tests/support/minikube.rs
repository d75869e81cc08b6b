//! A fake `minikube` on PATH, backed by a rehearsal cluster, for tests of the minikube provider
//! without Docker or minikube.

use std::path::Path;

use super::Test;

/// The script of a fake `minikube` for profile `mc-demo`: it records its argv in
/// `argv.log` beside itself, emulates `addons enable/disable` (and `start --addons`; retried as minikube does) through
/// the private addon endpoint of the rehearsal that `$KUBECONFIG` points at (read at each call,
/// so the cluster may start after the script is written; sent with bash's `/dev/tcp`, so it
/// needs nothing but bash), answers `status` as running or stopped, and makes `tunnel` a long
/// sleep.
pub fn script(running: bool) -> String {
    let status = if running {
        r#"echo '{"Name":"mc-demo","Host":"Running","Kubelet":"Running","APIServer":"Running"}'; exit 0"#
    } else {
        "exit 7"
    };
    format!(
        r#"#!/usr/bin/env bash
echo "$*" >> "$(dirname "$0")/argv.log"
server=$(sed -n 's/^ *server: *//p' "$KUBECONFIG" | head -n 1)
hostport=${{server#http://}}
hostport=${{hostport%%/*}}
# One HTTP/1.1 request with bash's /dev/tcp (no curl or python on a fresh machine); fails
# unless the answer is 2xx.
addon_once() {{
  exec 9<>"/dev/tcp/${{hostport%:*}}/${{hostport##*:}}" || return 1
  printf '%s /workshop/v1/addons/%s HTTP/1.1\r\nHost: %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' "$1" "$2" "$hostport" >&9
  local status
  read -r _ status _ <&9
  cat <&9 >/dev/null
  exec 9<&-
  [ "${{status:0:1}}" = 2 ] || {{ echo "addon $1 $2: HTTP $status" >&2; return 1; }}
}}
# minikube retries an addon's manifests with backoff while the API server fails; so does this
# (a rehearsal with --faults answers some requests with errors).
addon() {{
  for delay in 0.2 0.4 0.8 1.6 3.2; do
    addon_once "$@" && return 0
    sleep "$delay"
  done
  addon_once "$@"
}}
case "$1" in
  status) {status} ;;
  start) for a in $(echo "$5" | tr , ' '); do addon POST "$a"; done ;;
  tunnel) exec sleep 600 ;;
  delete) ;;
  -p) [ "$3" = addons ] && [ "$4" = enable ] && addon POST "$5"; [ "$3" = addons ] && [ "$4" = disable ] && addon DELETE "$5" ;;
esac
exit 0
"#
    )
}

/// Writes the fake `bin/minikube` into the test folder and puts it first on PATH; with
/// `kubeconfig` (a rehearsal's), also writes a copy whose context is named after the profile
/// (as minikube's is) and points `KUBECONFIG` at it.
pub fn install(t: Test, kubeconfig: Option<&Path>, running: bool) -> Test {
    let t = t.write("bin/minikube", script(running));
    let bin = t.path().join("bin");
    std::fs::set_permissions(
        bin.join("minikube"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .expect("make the fake minikube executable");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let t = t.env("PATH", path);
    match kubeconfig {
        Some(src) => {
            let renamed = std::fs::read_to_string(src)
                .expect("read the rehearsal's kubeconfig")
                .replace("workshop-rehearsal", "mc-demo");
            let t = t.write("kubeconfig", renamed);
            let kc = t.path().join("kubeconfig");
            t.env("KUBECONFIG", kc)
        }
        None => t,
    }
}
