//! The fault matrix (issue 12, docs/reliability.md "The fault matrix"): the whole day-55 lab at
//! realistic pace against a rehearsal cluster that misbehaves, one fault class at a time, for
//! several seeds. For the classes a client can ride out, the run must pass; for a restart
//! without data and a vanished server, it must fail within 90 s of the fault, saying which.
//!
//! - [`slice`] runs in CI: every class once, each with another seed (1, 2, 3, 1, …), all at
//!   once, `workshop` only.
//! - [`full`] is the whole matrix, one command away (ignored by default):
//!   `cargo test --test integration reliability::matrix::full -- --ignored --nocapture`.
//!   Every class × seeds 1–3, for `workshop run` and for a kubectl script of the same lab (the
//!   lab's type-along export, `workshop export --format sh`, without the steps the rehearsal
//!   cannot run), plus both without faults. It prints the table docs/reliability.md records.
//!   `WORKSHOP_FAULT_MATRIX_JOBS` (default 4) runs that many at once;
//!   `WORKSHOP_FAULT_MATRIX_ONLY=restart` only the classes whose SPEC has that text (`none`:
//!   the lab without faults).
//!
//! Faults are met, not assumed: the embedded rehearsal logs what it injected when it stops
//! (`rehearsal faults injected: 500: 12, …`), and a run that met none of its class fails.

use std::path::Path;
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use workshop::rehearsal::faults::{FaultSpec, Faults};

use crate::support::serve::Serve;
use crate::support::{BIN, REPO, Test, minikube};

/// How a run under a fault class must end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// The lab passes.
    Passes,
    /// The run stops, saying the cluster was replaced.
    Replaced,
    /// The run stops, saying the cluster stopped answering.
    Vanished,
}

/// One fault class: a SPEC without its seed.
struct Class {
    what: &'static str,
    spec: &'static str,
    /// The SPEC keys whose faults a passing run must have met.
    met: &'static [&'static str],
    end: End,
}

/// The restart and the vanishing come while the lab runs (it takes 20 s or more at realistic
/// pace); a vanishing counts from the start of `rehearsal serve`, so it comes late enough for
/// `workshop run` to have connected even on a loaded machine.
const CLASSES: &[Class] = &[
    Class {
        what: "500 and 503, each on 10% of requests",
        spec: "500=10%,503=10%",
        met: &["500", "503"],
        end: End::Passes,
    },
    Class {
        what: "429 with `Retry-After: 1` on 20% of requests",
        spec: "429=20%,retry-after=1",
        met: &["429"],
        end: End::Passes,
    },
    Class {
        what: "watch streams cut after 1–3 events",
        spec: "cut=1..3",
        met: &["cut"],
        end: End::Passes,
    },
    Class {
        what: "410 as an ERROR event on 50% of watch resumes (streams cut after 1–3 events)",
        spec: "cut=1..3,gone=50%",
        met: &["gone"],
        end: End::Passes,
    },
    Class {
        what: "410 as the HTTP status of 50% of watch resumes (streams cut after 1–3 events)",
        spec: "cut=1..3,gone-status=50%",
        met: &["gone-status"],
        end: End::Passes,
    },
    Class {
        what: "300 ms latency on every request",
        spec: "latency=300ms",
        met: &["latency"],
        end: End::Passes,
    },
    Class {
        what: "restarted without its data 6–16 s after start (down 3 s)",
        spec: "restart=6s..16s",
        met: &["restart"],
        end: End::Replaced,
    },
    Class {
        what: "vanished for good 10–18 s after start",
        spec: "vanish=10s..18s",
        met: &[],
        end: End::Vanished,
    },
];

/// The lab without faults, for the full matrix's baseline.
const BASELINE: Class = Class {
    what: "no faults",
    spec: "",
    met: &[],
    end: End::Passes,
};

/// The bound for a lost cluster: the run ends within this long after the fault. The
/// measured time counts from before the cluster started, so it is an overestimate.
const LOST_WITHIN: Duration = Duration::from_secs(90);

/// A run is killed after this long: a wait at its step's timeout is a failure anyway.
const RUN_DEADLINE: Duration = Duration::from_secs(900);

/// A kubectl script waits up to its commands' `--timeout` (10 min) on a cluster that is gone;
/// it is stopped before that and counted as failed ("still waiting").
const SCRIPT_DEADLINE: Duration = Duration::from_secs(240);

/// The steps of day55 the rehearsal cannot run (they need containers): `workshop run` skips
/// them, and the kubectl script leaves them out.
const NEED_CONTAINERS: &[&str] = &[
    "port-forward",
    "play-pacman",
    "post-high-score",
    "high-score-survived",
    "tunnel",
];

fn spec(class: &Class, seed: u64) -> String {
    if class.spec.is_empty() {
        return String::new();
    }
    format!("{},seed={seed}", class.spec)
}

/// When the class's restart or vanishing happens for `spec`, counted from the cluster's start.
fn fault_at(spec: &str) -> Option<Duration> {
    let faults = Faults::new(spec.parse::<FaultSpec>().expect("a valid SPEC"));
    faults.restart_at().or(faults.vanish_at())
}

/// The flags of `workshop rehearsal serve` for a cluster like the lab's minikube profile.
fn serve_flags(spec: &str) -> Vec<&str> {
    let mut flags = vec!["--pace", "realistic", "--profile", "mc-demo", "--version", "1.21.2"];
    if !spec.is_empty() {
        flags.extend(["--faults", spec]);
    }
    flags
}

/// How one run went.
struct Outcome {
    /// Whether it ended as its class says it must.
    ok: bool,
    took: Duration,
    /// For a restart or a vanishing: how long after the fault's drawn time the run ended.
    after_fault: Option<Duration>,
    /// The last line it printed, or why it is not ok.
    note: String,
}

/// The count of `key` in the `rehearsal faults injected: …` line of `stderr`.
fn injected(stderr: &str, key: &str) -> Option<u64> {
    let line = stderr
        .lines()
        .find_map(|l| l.split_once("rehearsal faults injected: "))?
        .1;
    line.split(", ").find_map(|item| {
        let (k, n) = item.split_once(": ")?;
        (k == key).then(|| n.trim().parse().ok())?
    })
}

fn last_line(text: &str) -> String {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_owned()
}

/// `workshop run scenarios/day55.toml` at realistic pace under `class` with `seed`: the embedded
/// rehearsal with `WORKSHOP_REHEARSAL_FAULTS`, or (for a vanished server, whose hint names the
/// serve command) `workshop rehearsal serve --faults` attached with `--kubeconfig`.
fn workshop(class: &Class, seed: u64) -> Outcome {
    let spec = spec(class, seed);
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let mut t = Test::in_repo()
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--pace",
            "realistic",
        ])
        .env("RUST_LOG", "workshop::rehearsal=info")
        .timeout(RUN_DEADLINE);
    let serve =
        (class.end == End::Vanished).then(|| Serve::start_with(dir.path(), "r.kubeconfig", &serve_flags(&spec)));
    match &serve {
        Some(s) => t = t.arg("--kubeconfig").arg(s.kubeconfig.clone()),
        None => t = t.env("WORKSHOP_REHEARSAL_FAULTS", &spec),
    }
    let out = t.run_or_kill();
    let took = started.elapsed();
    drop(serve);
    let (stdout, stderr) = (&out.stdout, &out.stderr);
    let mut why = Vec::new();
    let mut after_fault = None;
    if out.killed {
        why.push(format!("still running after {RUN_DEADLINE:?}, killed"));
    }
    match class.end {
        End::Passes => {
            if out.code != Some(0) || !stdout.contains(" 0 failed") {
                why.push(format!("exit {:?}", out.code));
            }
        }
        End::Replaced | End::Vanished => {
            let (message, hint) = if class.end == End::Replaced {
                (
                    "✖ the cluster was replaced (restarted without its data): ",
                    "hint: everything the lab made went with the old cluster: start the lab over",
                )
            } else {
                (
                    "✖ the cluster stopped answering: connection refused since ",
                    "hint: is `workshop rehearsal serve ",
                )
            };
            if out.code != Some(1) {
                why.push(format!("exit {:?}, expected 1", out.code));
            }
            for needle in [message, hint] {
                if !stdout.contains(needle) {
                    why.push(format!("no `{needle}`"));
                }
            }
            let at = fault_at(&spec).expect("a lost-cluster class has a time");
            after_fault = Some(took.saturating_sub(at));
            if took > at + LOST_WITHIN {
                why.push(format!(
                    "ended {:.0} s after the fault, more than {LOST_WITHIN:?}",
                    (took - at).as_secs_f64()
                ));
            }
        }
    }
    for key in class.met {
        if injected(stderr, key).unwrap_or(0) == 0 {
            why.push(format!("met no `{key}` fault ({})", last_line(stderr)));
        }
    }
    Outcome {
        ok: why.is_empty(),
        took,
        after_fault,
        note: if why.is_empty() {
            last_line(stdout)
        } else {
            format!(
                "{} — {}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}",
                why.join("; "),
                last_line(stdout)
            )
        },
    }
}

/// The lab's type-along export (`workshop export scenarios/day55.toml --format sh`) without the
/// steps that need containers.
fn kubectl_script() -> String {
    let out = Command::new(BIN)
        .args(["export", "scenarios/day55.toml", "--format", "sh"])
        .current_dir(REPO)
        .output()
        .expect("run workshop export");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut script = String::new();
    let mut keep = true;
    let mut left_out = Vec::new();
    for line in text.split_inclusive('\n') {
        // Sections start with `# --- N. id: title`.
        if let Some(rest) = line.strip_prefix("# --- ") {
            let id = rest
                .split_once(". ")
                .and_then(|(_, r)| r.split_once(':'))
                .map(|(id, _)| id);
            keep = !id.is_some_and(|id| NEED_CONTAINERS.contains(&id));
            if !keep {
                left_out.extend(id);
            }
        }
        if keep {
            script.push_str(line);
        }
    }
    assert_eq!(left_out, NEED_CONTAINERS, "the export's sections changed");
    script
}

/// The kubectl script of the lab against `workshop rehearsal serve --faults` (kubectl 1.32 as
/// installed, a fake `minikube` that enables addons through the rehearsal).
fn kubectl(class: &Class, seed: u64, script: &str) -> Outcome {
    let spec = spec(class, seed);
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let serve = Serve::start_with(dir.path(), "r.kubeconfig", &serve_flags(&spec));
    let t = Test::new().raw().program("bash").write("day55.sh", script);
    // kubectl's discovery cache stays in the test's folder.
    let home = t.path().to_owned();
    let t = minikube::install(t, Some(&serve.kubeconfig), true)
        .env("HOME", home)
        .arg("day55.sh")
        .timeout(SCRIPT_DEADLINE);
    let out = t.run_or_kill();
    let took = started.elapsed();
    drop(serve);
    let ok = out.code == Some(0);
    let note = if out.killed {
        format!("still waiting after {} s (stopped)", SCRIPT_DEADLINE.as_secs())
    } else if ok {
        "passed".to_owned()
    } else {
        last_line(&out.stderr)
    };
    let after_fault = (!spec.is_empty())
        .then(|| fault_at(&spec))
        .flatten()
        .map(|at| took.saturating_sub(at));
    Outcome {
        ok,
        took,
        after_fault,
        note,
    }
}

/// Runs `jobs` on `workers` threads at once; the outcomes in the order of `jobs`.
fn run_all<T: Send>(jobs: Vec<Box<dyn FnOnce() -> T + Send + '_>>, workers: usize) -> Vec<T> {
    let n = jobs.len();
    let queue = Mutex::new(jobs.into_iter().enumerate().collect::<Vec<_>>());
    let results = Mutex::new((0..n).map(|_| None).collect::<Vec<Option<T>>>());
    std::thread::scope(|s| {
        for _ in 0..workers.max(1) {
            s.spawn(|| {
                loop {
                    let Some((i, job)) = queue.lock().expect("queue").pop() else {
                        return;
                    };
                    let r = job();
                    results.lock().expect("results")[i] = Some(r);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("results")
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

#[test]
fn slice() {
    let jobs: Vec<Box<dyn FnOnce() -> Outcome + Send>> = CLASSES
        .iter()
        .zip([1, 2, 3].into_iter().cycle())
        .map(|(class, seed)| Box::new(move || workshop(class, seed)) as Box<dyn FnOnce() -> Outcome + Send>)
        .collect();
    let outcomes = run_all(jobs, CLASSES.len());
    let failed = CLASSES
        .iter()
        .zip([1, 2, 3].into_iter().cycle())
        .zip(&outcomes)
        .filter(|(_, o)| !o.ok)
        .map(|((class, seed), o)| format!("{} (seed {seed}): {}", class.what, o.note))
        .collect::<Vec<_>>();
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// `20–38 s`: the range of the durations.
fn secs(durations: impl Iterator<Item = Duration>) -> String {
    let s = durations.map(|d| d.as_secs_f64()).collect::<Vec<_>>();
    let (lo, hi) = s.iter().fold((f64::MAX, 0f64), |(lo, hi), x| (lo.min(*x), hi.max(*x)));
    if format!("{lo:.0}") == format!("{hi:.0}") {
        format!("{lo:.0} s")
    } else {
        format!("{lo:.0}–{hi:.0} s")
    }
}

/// What failed runs printed, each kind once with its count (`2 × …`), ports left out.
fn notes<'a>(outcomes: impl Iterator<Item = &'a Outcome>) -> String {
    let mut counted: Vec<(String, usize)> = Vec::new();
    for o in outcomes {
        let first = o.note.lines().next().unwrap_or("");
        let note = match first.split_once("127.0.0.1:") {
            Some((a, b)) => format!(
                "{a}127.0.0.1:PORT{}",
                b.trim_start_matches(|c: char| c.is_ascii_digit())
            ),
            None => first.to_owned(),
        };
        match counted.iter_mut().find(|(n, _)| *n == note) {
            Some((_, k)) => *k += 1,
            None => counted.push((note, 1)),
        }
    }
    counted
        .iter()
        .map(|(n, k)| if *k > 1 { format!("{k} × {n}") } else { n.clone() })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The cell of one class: passed/tried, the durations (and, for a lost cluster, how long
/// after the fault it ended) and what failed.
fn cell(class: &Class, outcomes: &[&Outcome], workshop: bool) -> String {
    let passed = outcomes.iter().filter(|o| o.ok).count();
    let tried = outcomes.len();
    let mut times = secs(outcomes.iter().map(|o| o.took));
    let after: Vec<Duration> = outcomes.iter().filter_map(|o| o.after_fault).collect();
    if !after.is_empty() {
        times.push_str(&format!(", ended {} after the fault", secs(after.into_iter())));
    }
    if !workshop && class.end != End::Passes {
        // kubectl has no message of its own to check: say how it failed.
        let failed = outcomes.iter().filter(|o| !o.ok).count();
        format!("failed {failed}/{tried} ({times}): {}", notes(outcomes.iter().copied()))
    } else if passed < tried {
        format!(
            "{passed}/{tried} ({times}): {}",
            notes(outcomes.iter().copied().filter(|o| !o.ok))
        )
    } else {
        format!("{passed}/{tried} ({times})")
    }
}

#[test]
#[ignore = "the whole fault matrix takes about 10 minutes: cargo test --test integration reliability::matrix::full -- --ignored --nocapture"]
fn full() {
    let workers = std::env::var("WORKSHOP_FAULT_MATRIX_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let script = kubectl_script();
    let script = script.as_str();
    let seeds: &[u64] = &[1, 2, 3];
    let only = std::env::var("WORKSHOP_FAULT_MATRIX_ONLY").unwrap_or_default();
    let rows: Vec<(&Class, &[u64])> = std::iter::once((&BASELINE, &seeds[..1]))
        .chain(CLASSES.iter().map(|c| (c, seeds)))
        .filter(|(c, _)| match only.as_str() {
            "" => true,
            "none" => c.spec.is_empty(),
            only => c.spec.contains(only),
        })
        .collect();
    let mut jobs: Vec<Box<dyn FnOnce() -> Outcome + Send + '_>> = Vec::new();
    for (class, seeds) in &rows {
        for &seed in *seeds {
            let class: &Class = class;
            jobs.push(Box::new(move || workshop(class, seed)));
            jobs.push(Box::new(move || kubectl(class, seed, script)));
        }
    }
    let started = Instant::now();
    let mut outcomes = run_all(jobs, workers).into_iter();
    let mut table = String::from(
        "| fault | SPEC (with `seed=1`…`3`) | `workshop run` | kubectl script |\n| --- | --- | --- | --- |\n",
    );
    let mut failures = Vec::new();
    for (class, seeds) in &rows {
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for &seed in *seeds {
            let w = outcomes.next().expect("an outcome");
            let k = outcomes.next().expect("an outcome");
            if !w.ok {
                failures.push(format!("workshop, {} (seed {seed}): {}", class.what, w.note));
            }
            if class.spec.is_empty() && !k.ok {
                failures.push(format!("the kubectl script without faults: {}", k.note));
            }
            ours.push(w);
            theirs.push(k);
        }
        let ours = ours.iter().collect::<Vec<_>>();
        let theirs = theirs.iter().collect::<Vec<_>>();
        table.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            class.what,
            if class.spec.is_empty() {
                "—".to_owned()
            } else {
                format!("`{}`", class.spec)
            },
            cell(class, &ours, true),
            cell(class, &theirs, false),
        ));
    }
    println!(
        "fault matrix: {} runs, {workers} at once, in {:.0} s\n\n{table}",
        rows.iter().map(|(_, s)| s.len() * 2).sum::<usize>(),
        started.elapsed().as_secs_f64()
    );
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fault-matrix.md");
    std::fs::write(&path, &table).expect("write the table");
    println!("(also in {})", path.display());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
