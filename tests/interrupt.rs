//! Interruptions: SIGINT, SIGTERM and SIGHUP during a foreground process and with a background
//! one running. The whole process group of the running step gets SIGTERM, then SIGKILL after
//! the grace period; background processes the same; the summary is printed; the step is
//! `interrupted` in every output; and no process of the run is left (checked in /proc).

use std::time::{Duration, Instant};

use crate::support::live::{Live, wait_no_leftovers};

const SCREEN: Duration = Duration::from_secs(60);

/// The grace period between SIGTERM and SIGKILL (`engine::process::GRACE`).
const GRACE: Duration = Duration::from_secs(5);

/// A lab with a background helper and a foreground `sh -c SCRIPT` that prints `started`.
fn lab(script: &str) -> String {
    format!(
        r#"
[lab]
id = "sig"
title = "Signals"

[cluster]
provider = "rehearsal"

[[steps]]
id = "start"
title = "Start"
start-cluster = {{}}

[[steps]]
id = "helper"
title = "A background helper"
command = {{ argv = ["sleep", "1000"], background = true }}

[[steps]]
id = "work"
title = "A long foreground command"
command = {{ argv = ["sh", "-c", "{script}"] }}

[[steps]]
id = "after"
title = "After"
note = {{}}
"#
    )
}

/// Children that do not trap anything: a shell with two sleeps.
const OBEYS: &str = "echo started; sleep 1000 & sleep 1000; wait";

/// A shell that catches SIGTERM and goes on, starting new sleeps for ever.
const TRAPS: &str = "trap 'echo caught TERM' TERM; echo started; while :; do sleep 1; done";

/// A shell that obeys SIGTERM, with a child that ignores it (the ignored disposition survives
/// `exec`): the run must wait for the whole group, not only its direct child, and SIGKILL what
/// is left of it after the grace period.
const CHILD_IGNORES: &str = "(trap '' TERM; exec sleep 1000) & echo started; wait";

fn folder(script: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("lab.toml"), lab(script)).expect("write lab");
    dir
}

#[test]
fn ctrl_c_during_a_foreground_command_stops_its_whole_group_and_exits_130() {
    let dir = folder(OBEYS);
    let mut run = Live::start(
        dir.path(),
        &[
            "run",
            "lab.toml",
            "--trust",
            "--report",
            "json=report.json",
            "--report",
            "junit=report.xml",
        ],
    );
    run.wait_for("work | started", SCREEN);
    let deadline = Instant::now() + Duration::from_secs(10);
    while run.leftovers().len() < 5 {
        assert!(
            Instant::now() < deadline,
            "workshop, the helper, sh and its two sleeps run: {:?}",
            run.leftovers()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mark = run.mark().to_owned();
    run.signal(libc::SIGINT);
    let end = run.finish(SCREEN);
    let out = &end.output;
    assert_eq!(end.code, Some(130), "{out}");
    for needle in [
        "⏹ Ctrl-C (SIGINT): stopping the running step and background processes",
        "⏹ step 3 work interrupted",
        "helper: background stopped: sleep 1000",
        "1 later step not run",
        "interrupted by SIGINT: 2 passed, `work` interrupted",
    ] {
        assert!(out.contains(needle), "missing {needle:?}:\n{out}");
    }
    assert!(!out.contains("FAILED") && !out.contains(" failed"), "{out}");
    assert_eq!(wait_no_leftovers(&mark, Duration::from_secs(2)), vec![], "{out}");

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(json["outcome"], "interrupted");
    assert_eq!(json["steps"][2]["id"], "work");
    assert_eq!(json["steps"][2]["status"], "interrupted");
    assert_eq!(json["steps"][2]["error"], serde_json::Value::Null);
    assert_eq!(json["totals"]["failed"], 0);
    assert_eq!(json["totals"]["interrupted"], 1);
    let xml = std::fs::read_to_string(dir.path().join("report.xml")).unwrap();
    assert!(xml.contains(r#"failures="0" errors="1""#), "{xml}");
    assert!(!xml.contains("<failure"), "{xml}");
}

#[test]
fn ctrl_c_during_a_command_that_traps_sigterm_kills_it_after_the_grace_period() {
    let dir = folder(TRAPS);
    let mut run = Live::start(dir.path(), &["run", "lab.toml", "--trust", "--events", "ndjson"]);
    run.wait_for("work | started", SCREEN);
    let mark = run.mark().to_owned();
    let signalled = Instant::now();
    run.signal(libc::SIGINT);
    let end = run.finish(SCREEN);
    let out = &end.output;
    assert_eq!(end.code, Some(130), "{out}");
    assert!(
        signalled.elapsed() >= GRACE,
        "the trapping shell had its grace period before SIGKILL"
    );
    assert!(out.contains("caught TERM"), "SIGTERM came first:\n{out}");
    assert_eq!(wait_no_leftovers(&mark, Duration::from_secs(2)), vec![], "{out}");
    let finished: Vec<serde_json::Value> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|e| e["event"] == "step-finished" || e["event"] == "run-finished")
        .collect();
    let work = finished.iter().find(|e| e["step"] == "work").expect("work finished");
    assert_eq!(work["status"], "interrupted", "{out}");
    let summary = finished.last().expect("run finished");
    assert_eq!(summary["event"], "run-finished");
    assert_eq!(summary["outcome"], "interrupted");
    assert_eq!(summary["failed"], 0);
}

#[test]
fn ctrl_c_when_a_child_of_the_command_ignores_sigterm_waits_for_the_whole_group() {
    let dir = folder(CHILD_IGNORES);
    let mut run = Live::start(dir.path(), &["run", "lab.toml", "--trust"]);
    run.wait_for("work | started", SCREEN);
    let deadline = Instant::now() + Duration::from_secs(10);
    // The child has set its trap once it has exec'd `sleep 1000` (the helper shows as
    // `/usr/bin/sleep 1000`, its program found on PATH).
    while !run.leftovers().iter().any(|(_, cmd)| cmd == "sleep 1000") {
        assert!(
            Instant::now() < deadline,
            "the ignoring sleep runs: {:?}",
            run.leftovers()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mark = run.mark().to_owned();
    let signalled = Instant::now();
    run.signal(libc::SIGINT);
    let end = run.finish(SCREEN);
    let out = &end.output;
    assert_eq!(end.code, Some(130), "{out}");
    assert!(
        signalled.elapsed() >= GRACE,
        "the sleep that ignores SIGTERM outlived it until the grace period ended:\n{out}"
    );
    assert!(out.contains("⏹ step 3 work interrupted"), "{out}");
    assert!(!out.contains("FAILED") && !out.contains(" failed"), "{out}");
    assert_eq!(wait_no_leftovers(&mark, Duration::from_secs(2)), vec![], "{out}");
}

#[test]
fn sigterm_and_sighup_end_the_run_like_ctrl_c_with_their_own_exit_codes() {
    for (sig, code, name) in [(libc::SIGTERM, 143, "SIGTERM"), (libc::SIGHUP, 129, "SIGHUP")] {
        let dir = folder(OBEYS);
        let mut run = Live::start(dir.path(), &["run", "lab.toml", "--trust"]);
        run.wait_for("work | started", SCREEN);
        let mark = run.mark().to_owned();
        run.signal(sig);
        let end = run.finish(SCREEN);
        let out = &end.output;
        assert_eq!(end.code, Some(code), "{name}:\n{out}");
        for needle in [
            "⏹ step 3 work interrupted".to_owned(),
            "helper: background stopped: sleep 1000".to_owned(),
            format!("interrupted by {name}: 2 passed, `work` interrupted"),
        ] {
            assert!(out.contains(&needle), "{name}: missing {needle:?}:\n{out}");
        }
        assert_eq!(wait_no_leftovers(&mark, Duration::from_secs(2)), vec![], "{out}");
    }
}

#[test]
fn sighup_with_the_terminal_gone_still_stops_everything_and_exits_129() {
    // A closed terminal: SIGHUP, and nothing left to write the summary to (EPIPE here, EIO on
    // a tty). Writing must not panic; the processes must still be stopped.
    use std::io::BufRead;
    let dir = folder(OBEYS);
    let mark = format!("hup-{}", std::process::id());
    let mut child = std::process::Command::new(crate::support::BIN)
        .args(["--color", "never", "run", "lab.toml", "--trust"])
        .current_dir(dir.path())
        .env(crate::support::live::MARK_VAR, &mark)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start workshop");
    let mut lines = std::io::BufReader::new(child.stdout.take().expect("piped")).lines();
    let mut seen = Vec::new();
    while !seen.last().is_some_and(|l: &String| l.contains("work | started")) {
        seen.push(lines.next().expect("a line before the end").expect("utf-8"));
    }
    drop(lines);
    // SAFETY: kill(2) on our own child.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGHUP);
    }
    let deadline = Instant::now() + SCREEN;
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("workshop did not end after SIGHUP");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(129), "{}", seen.join("\n"));
    assert_eq!(wait_no_leftovers(&mark, Duration::from_secs(2)), vec![]);
}

/// The signals lab against a standalone rehearsal (progress recorded, the lab's lock taken).
fn attached(serve: &crate::support::serve::Serve, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "run",
        "lab.toml",
        "--cluster",
        "rehearsal",
        "--kubeconfig",
        serve.kubeconfig_str(),
    ]
    .map(str::to_owned)
    .to_vec();
    // The lab runs shell commands: trusted for each run (tests/trust.rs tests the asking).
    args.extend(extra.iter().map(|s| (*s).to_owned()).chain(["--trust".to_owned()]));
    args
}

#[test]
fn a_second_run_of_a_lab_is_refused_while_the_first_holds_it() {
    let dir = folder(OBEYS);
    let serve = crate::support::serve::Serve::start(dir.path(), "kubeconfig");
    let args = attached(&serve, &[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut first = Live::start(dir.path(), &args);
    first.wait_for("work | started", SCREEN);
    let pid = first.pid();
    crate::support::Test::new()
        .current_dir(dir.path())
        .args(&args)
        .run()
        .status(3)
        .stderr_contains(&format!(
            "error: lab `sig` is already running from this folder (PID {pid}, `workshop --color never run lab.toml --cluster rehearsal --kubeconfig"
        ))
        .stderr_contains("hint: two runs of one lab would fight over its cluster and its progress")
        .stderr_contains(".workshop/state/sig.lock");
    first.signal(libc::SIGINT);
    assert_eq!(first.finish(SCREEN).code, Some(130));
    assert!(
        !dir.path().join(".workshop/state/sig.lock").exists(),
        "released at the end"
    );
}

#[test]
fn what_a_sigkilled_run_left_running_is_stopped_at_the_next_start() {
    let dir = folder(OBEYS);
    let serve = crate::support::serve::Serve::start(dir.path(), "kubeconfig");
    let args = attached(&serve, &[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut killed = Live::start(dir.path(), &args);
    killed.wait_for("work | started", SCREEN);
    let mark = killed.mark().to_owned();
    let pid = killed.pid();
    // `started` is echoed before the shell forks its sleeps: on a loaded machine a SIGKILL
    // right away could end the shell before it has any. Kill once both sleeps run.
    let sleeps = |mark: &str| {
        let all = crate::support::live::processes_marked(mark);
        all.iter().filter(|(_, cmd)| cmd == "sleep 1000").count()
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while sleeps(&mark) < 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(sleeps(&mark), 2, "the lab's two sleeps started");
    killed.signal(libc::SIGKILL);
    assert_eq!(killed.finish(SCREEN).code, None, "ended by SIGKILL");
    // Its direct children die with it (PR_SET_PDEATHSIG); what `sh` started lives on. The
    // kernel delivers that signal at once, but a loaded machine may take a moment to reap them.
    let only_sleeps = |left: &[(i32, String)]| !left.is_empty() && left.iter().all(|(_, cmd)| cmd == "sleep 1000");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut left = crate::support::live::processes_marked(&mark);
    while !only_sleeps(&left) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        left = crate::support::live::processes_marked(&mark);
    }
    assert!(only_sleeps(&left), "only the sleeps outlive workshop: {left:?}");
    assert!(dir.path().join(format!(".workshop/runs/{pid}.json")).exists());

    let next = attached(&serve, &["--until", "helper"]);
    let next: Vec<&str> = next.iter().map(String::as_str).collect();
    let out = Live::start(dir.path(), &next).finish(SCREEN);
    assert_eq!(out.code, Some(0), "{}", out.output);
    for needle in [
        format!("an earlier run (PID {pid}, `workshop --color never run lab.toml"),
        "ended without stopping its processes; stopped what was still running:".to_owned(),
        format!("took over the lock of lab `sig` (.workshop/state/sig.lock): its holder (PID {pid},"),
    ] {
        assert!(out.output.contains(&needle), "missing {needle:?}:\n{}", out.output);
    }
    assert_eq!(
        wait_no_leftovers(&mark, Duration::from_secs(2)),
        vec![],
        "{}",
        out.output
    );
    assert!(!dir.path().join(format!(".workshop/runs/{pid}.json")).exists());
}
