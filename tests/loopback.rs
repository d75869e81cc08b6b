//! Nothing a test or the rehearsal reaches may leave this machine: the whole day-55 lab, through
//! a fake `minikube` against a rehearsal, runs in a network namespace that has only loopback,
//! under `strace`, and every connection it makes must go to 127.0.0.0/8, ::1 or a Unix socket.

use std::net::{IpAddr, Ipv6Addr};
use std::process::Command;
use std::time::Duration;

use crate::support::{BIN, REPO, Test, minikube};

/// How to start a command in a fresh network namespace: as root `unshare --net`, else in a
/// user namespace of its own (`--map-root-user`), which needs no privilege on most Linux.
/// `None` when neither works here.
fn netns() -> Option<Vec<&'static str>> {
    let works = |args: &[&str]| {
        Command::new("unshare")
            .args(args)
            .arg("true")
            .status()
            .is_ok_and(|s| s.success())
    };
    [&["--net"][..], &["--user", "--map-root-user", "--net"][..]]
        .into_iter()
        .find(|args| works(args))
        .map(|args| [&["unshare"][..], args].concat())
}

/// The network namespace and `strace`, or `None` with a notice: CI (`.ci/run` sets
/// `WORKSHOP_CI=1` and installs both) must have them, so there a missing tool fails the test; a
/// developer's machine with only cargo skips it, saying so.
fn tools() -> Option<Vec<&'static str>> {
    let strace = Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    let netns = netns();
    let missing = match (&netns, strace) {
        (Some(_), true) => return netns,
        (None, _) => "`unshare --net` (util-linux; root or unprivileged user namespaces)",
        (Some(_), false) => "strace (Debian package `strace`)",
    };
    if std::env::var_os("WORKSHOP_CI").is_some() {
        panic!("this test needs {missing}; .ci/run installs it and runs as root");
    }
    eprintln!("skipped: this test needs {missing}; CI has it (WORKSHOP_CI=1 makes it required)");
    None
}

/// One `connect(2)` that `strace -e trace=connect` saw, with its destination.
#[derive(Debug, PartialEq)]
enum Destination {
    Ip(IpAddr, u16),
    /// AF_UNIX, AF_UNSPEC, AF_NETLINK: nothing that leaves the machine.
    Local(String),
}

/// The destinations of the `connect` calls in an strace log (lines without an address, such
/// as `<... connect resumed>`, carry none).
fn destinations(log: &str) -> Vec<Destination> {
    let between = |line: &str, start: &str, end: &str| -> Option<String> {
        let from = line.find(start)? + start.len();
        let len = line[from..].find(end)?;
        Some(line[from..from + len].to_owned())
    };
    log.lines()
        .filter(|l| l.contains("connect(") && l.contains("sa_family="))
        .map(|line| {
            let family = between(line, "sa_family=", ",")
                .or_else(|| between(line, "sa_family=", "}"))
                .unwrap_or_default();
            let port = between(line, "port=htons(", ")")
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            let ip = match family.as_str() {
                "AF_INET" => between(line, "inet_addr(\"", "\""),
                "AF_INET6" => between(line, "inet_pton(AF_INET6, \"", "\""),
                _ => return Destination::Local(family),
            };
            match ip.and_then(|ip| ip.parse().ok()) {
                Some(ip) => Destination::Ip(ip, port),
                None => panic!("an address strace printed that this test cannot read: {line}"),
            }
        })
        .collect()
}

fn is_loopback(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
    }
}

/// The connections that would leave the machine.
fn off_machine(log: &str) -> Vec<Destination> {
    destinations(log)
        .into_iter()
        .filter(|d| matches!(d, Destination::Ip(ip, _) if !is_loopback(ip)))
        .collect()
}

#[test]
fn the_strace_reader_flags_every_address_off_loopback() {
    // A recorded strace line naming minikube's node address (the regression this file guards):
    // text to parse, never a target. Built from its octets so no address literal off loopback
    // stands in the tests.
    let minikube = std::net::Ipv4Addr::new(192, 168, 49, 2);
    let log = format!(
        r#"101 connect(9, {{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("{minikube}")}}, 16) = -1 ENETUNREACH (Network is unreachable)
"#
    ) + r#"101 connect(7, {sa_family=AF_INET, sin_port=htons(41235), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress)
102 connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)
103 connect(4, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>
103 <... connect resumed>) = -1 ENETUNREACH (Network is unreachable)
104 connect(5, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0
105 connect(6, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.96.0.10")}, 16) = 0
"#;
    let log = log.as_str();
    assert_eq!(destinations(log).len(), 6);
    assert_eq!(
        off_machine(log),
        vec![
            Destination::Ip(IpAddr::V4(minikube), 80),
            Destination::Ip("2001:db8::1".parse().expect("an IP"), 443),
            Destination::Ip("10.96.0.10".parse().expect("an IP"), 53),
        ]
    );
    assert!(is_loopback(&IpAddr::V6(Ipv6Addr::LOCALHOST)));
}

/// The shell run inside the namespace: loopback up, a rehearsal serving as minikube's
/// `mc-demo`, then the whole lab through the fake `minikube`, under `strace`.
const IN_NAMESPACE: &str = r#"set -eu
BIN=$1 REPO=$2 D=$3
ip link set lo up
exec 3< <(exec "$BIN" --color never rehearsal serve --pace fast --version 1.21.2 --profile mc-demo --kubeconfig "$D/r.kubeconfig" 2>&1)
serve=$!
trap 'kill $serve 2>/dev/null || true' EXIT
while IFS= read -r line <&3; do case $line in *"Press Ctrl-C"*) break ;; esac; done
sed 's/workshop-rehearsal/mc-demo/g' "$D/r.kubeconfig" > "$D/kubeconfig"
export KUBECONFIG="$D/kubeconfig"
cd "$REPO"
status=0
strace -f -qq -e trace=connect -o "$D/connect.log" \
  "$BIN" --color never run scenarios/day55.toml --keep-going --timeout 0.02 > "$D/run.log" 2>&1 || status=$?
echo "workshop exited $status" >> "$D/run.log"
"#;

#[test]
fn day55_through_a_fake_minikube_connects_only_to_loopback() {
    let Some(mut cmd) = tools() else { return };
    cmd.extend(["bash", "-c", IN_NAMESPACE, "in-namespace"]);
    let t = minikube::install(Test::new(), None, false);
    let dir = t.path().to_path_buf();
    let out = t
        .raw()
        .program(cmd[0])
        .args(&cmd[1..])
        .arg(BIN)
        .arg(REPO)
        .arg(&dir)
        .timeout(Duration::from_secs(180))
        .run()
        .success();
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|e| panic!("read {name}: {e}\nstdout: {}\nstderr: {}", out.stdout, out.stderr))
    };
    let run = read("run.log");
    let log = read("connect.log");

    // The lab really ran to the end through the fake minikube: the tunnel was started and its
    // check followed the Ingress address the rehearsal advertised.
    assert!(run.contains("step 16 enable-ingress passed"), "{run}");
    assert!(run.contains("captured ingress_ip = 127.0.49.2"), "{run}");
    let argv = read("bin/argv.log");
    assert!(argv.lines().any(|l| l == "tunnel -p mc-demo"), "{argv}\n{run}");

    let all = destinations(&log);
    let ingress: IpAddr = "127.0.49.2".parse().expect("an IP");
    assert!(
        all.iter()
            .any(|d| matches!(d, Destination::Ip(ip, 80) if *ip == ingress)),
        "the tunnel step's check connects to the advertised Ingress address, on loopback:\n{log}"
    );
    assert!(
        all.iter().filter(|d| matches!(d, Destination::Ip(..))).count() > 10,
        "the run talked to its cluster: {all:?}"
    );
    let leaving = off_machine(&log);
    assert!(leaving.is_empty(), "connections off this machine: {leaving:?}\n{log}");
}

#[test]
fn on_the_rehearsal_an_http_step_reaches_only_loopback() {
    let lab = r#"
[lab]
id = "reach-out"
title = "A lab that reaches a cluster address"

[cluster]
provider = "rehearsal"

[[steps]]
id = "start-cluster"
title = "Start"
start-cluster = {}

[[steps]]
id = "ask-the-service"
title = "Ask the kubernetes Service on its ClusterIP"
http = { url = "http://10.96.0.1/version" }
"#;
    Test::new()
        .write("lab.toml", lab)
        .args(["run", "lab.toml", "--trust"])
        .run()
        .status(1)
        .stdout_contains("`10.96.0.1` is not a loopback address")
        .stdout_contains("run the lab on minikube");
}
