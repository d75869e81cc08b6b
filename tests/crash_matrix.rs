//! The crash matrix of issue #11 (machinery in `support/crash.rs`): day55 on an attached
//! rehearsal at realistic pace, interrupted by SIGINT, SIGTERM, SIGHUP and SIGKILL at every
//! step boundary and in the middle of each long step, then `--resume`, then `reset` twice;
//! and `--until X`, then `--converge`, for every step X; a run and then its resume both
//! interrupted; and `reset` interrupted, then reset twice, then the whole lab again. On the rehearsal, day55's
//! `port-forward` is skipped (no containers run), so a small lab with a background helper that
//! a later step needs stands in for it.
//!
//! The whole matrix is opt-in (about half an hour on two cores):
//!
//! ```text
//! cargo test --test integration crash_matrix::full -- --ignored --nocapture
//! ```
//!
//! `WORKSHOP_MATRIX_JOBS` (default 4) sets how many cases run at once, `WORKSHOP_MATRIX_ONLY`
//! keeps the cases whose name contains it (or one of its `|`-separated parts), `WORKSHOP_MATRIX_LOGS=DIR` writes every case's
//! output there. CI runs the `slice_*` tests: each signal at least once,
//! inside `create-pacman`, during a background step and at a boundary.

use crate::support::crash::{Case, Kind, Lab, Point, Sig, report, run_all};

/// day55's steps, in order.
const DAY55: [&str; 20] = [
    "start-cluster",
    "get-storageclasses",
    "make-csi-default",
    "unset-standard-default",
    "get-namespaces",
    "create-pacman",
    "get-all",
    "get-pv",
    "get-pvc",
    "port-forward",
    "play-pacman",
    "post-high-score",
    "delete-mongo-0",
    "high-score-survived",
    "scale-pacman",
    "enable-ingress",
    "get-ns",
    "create-ingress",
    "get-ingress",
    "tunnel",
];

/// day55's steps that wait (seconds at realistic pace) after their action.
const LONG_STEPS: [&str; 4] = ["create-pacman", "delete-mongo-0", "scale-pacman", "enable-ingress"];

/// A lab shaped like day55's port-forward: a background helper, a long step while it runs,
/// and a step that fails unless the helper is running.
const BACKGROUND: &str = r#"
[lab]
id = "bg"
title = "A background helper"

[cluster]
provider = "rehearsal"

[[steps]]
id = "start"
title = "Start"
start-cluster = {}

[[steps]]
id = "serve"
title = "Start the helper"
command = { argv = ["sh", "-c", "echo $$ > helper.pid; exec sleep 1000"], background = true }

[[steps]]
id = "work"
title = "Something long while the helper runs"
command = { argv = ["sh", "-c", "echo working; sleep 2 & sleep 3; wait"] }
needs = ["serve"]

[[steps]]
id = "use"
title = "Use the helper"
command = { argv = ["sh", "-c", "kill -0 $(cat helper.pid)"] }
needs = ["serve"]
"#;

fn background() -> Lab {
    Lab::written("bg", BACKGROUND)
}

fn interrupt(lab: &Lab, sig: Sig, point: Point) -> Case {
    Case {
        lab: lab.clone(),
        kind: Kind::Interrupt { sig, point },
    }
}

fn started(step: &str) -> Point {
    Point::Started(step.to_owned())
}

fn action_finished(step: &str) -> Point {
    Point::ActionFinished(step.to_owned())
}

fn output(step: &str, line: &str) -> Point {
    Point::Output(step.to_owned(), line.to_owned())
}

/// Every point of day55 and of the background lab.
fn points() -> Vec<(Lab, Point)> {
    let day55 = Lab::day55("realistic");
    let mut all: Vec<(Lab, Point)> = DAY55.iter().map(|s| (day55.clone(), started(s))).collect();
    all.push((day55.clone(), output("create-pacman", "namespace/pacman created")));
    all.push((day55.clone(), output("create-pacman", "statefulset/mongo created")));
    all.extend(LONG_STEPS.iter().map(|s| (day55.clone(), action_finished(s))));
    let bg = background();
    for p in [
        started("serve"),
        action_finished("serve"),
        started("work"),
        output("work", "working"),
        started("use"),
    ] {
        all.push((bg.clone(), p));
    }
    all
}

/// Points inside day55's `reset`: while the namespace is being deleted, and two boundaries.
const RESET_POINTS: [&str; 3] = [
    "delete-namespace | waiting until namespace/pacman",
    "step 5/7 restore-standard-default",
    "step 7/7 disable-ingress",
];

/// A run and then its resume interrupted: (signal, point) of each.
fn twice() -> Vec<((Sig, Point), (Sig, Point))> {
    vec![
        (
            (Sig::Kill, output("create-pacman", "namespace/pacman created")),
            (
                Sig::Int,
                output(
                    "create-pacman",
                    "namespace/pacman was created by this lab before the interruption",
                ),
            ),
        ),
        (
            (Sig::Kill, output("create-pacman", "statefulset/mongo created")),
            (Sig::Kill, action_finished("create-pacman")),
        ),
        (
            (Sig::Term, action_finished("delete-mongo-0")),
            (Sig::Hup, action_finished("delete-mongo-0")),
        ),
        (
            (Sig::Hup, started("scale-pacman")),
            (Sig::Kill, action_finished("scale-pacman")),
        ),
        (
            (Sig::Int, action_finished("enable-ingress")),
            (Sig::Term, started("get-ns")),
        ),
    ]
}

fn reset_interrupted(sig: Sig, line: &str) -> Case {
    Case {
        lab: Lab::day55("realistic"),
        kind: Kind::ResetInterrupted {
            sig,
            point: Point::Line(line.to_owned()),
        },
    }
}

fn full_matrix() -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (lab, point) in points() {
        for sig in Sig::ALL {
            cases.push(interrupt(&lab, sig, point.clone()));
        }
    }
    let day55 = Lab::day55("realistic");
    cases.extend(DAY55.iter().map(|s| Case {
        lab: day55.clone(),
        kind: Kind::UntilConverge { step: (*s).to_owned() },
    }));
    cases.extend(twice().into_iter().map(|(first, second)| Case {
        lab: day55.clone(),
        kind: Kind::Twice { first, second },
    }));
    for line in RESET_POINTS {
        cases.extend(Sig::ALL.map(|sig| reset_interrupted(sig, line)));
    }
    cases
}

fn jobs(default: usize) -> usize {
    std::env::var("WORKSHOP_MATRIX_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .unwrap_or(default)
}

fn check(cases: Vec<Case>, jobs: usize) {
    let only = std::env::var("WORKSHOP_MATRIX_ONLY").unwrap_or_default();
    let cases: Vec<Case> = cases
        .into_iter()
        .filter(|c| only.split('|').any(|o| c.to_string().contains(o)))
        .collect();
    let outcomes = run_all(cases, jobs);
    let table = report(&outcomes);
    eprintln!("{table}");
    assert!(outcomes.iter().all(|o| o.result.is_ok()), "{table}");
}

// The representative slice CI runs, in three tests (so each stays short and they run side by
// side): each signal at least once; inside `create-pacman` (mid-action and while its checks
// wait); during a background step; at a boundary; one `--until`/`--converge`; and a `reset`
// interrupted while it deletes the namespace.

#[test]
fn slice_day55_inside_create_pacman_and_at_a_boundary() {
    let day55 = Lab::day55("realistic");
    let cases = vec![
        interrupt(&day55, Sig::Int, output("create-pacman", "namespace/pacman created")),
        interrupt(&day55, Sig::Kill, action_finished("create-pacman")),
        interrupt(&day55, Sig::Hup, started("scale-pacman")),
    ];
    check(cases, jobs(2));
}

#[test]
fn slice_during_a_background_step() {
    let bg = background();
    let cases = vec![
        interrupt(&bg, Sig::Term, output("work", "working")),
        interrupt(&bg, Sig::Kill, started("work")),
    ];
    check(cases, jobs(2));
}

#[test]
fn slice_converge_and_an_interrupted_reset() {
    let cases = vec![
        Case {
            lab: Lab::day55("realistic"),
            kind: Kind::UntilConverge {
                step: "create-pacman".to_owned(),
            },
        },
        reset_interrupted(Sig::Int, RESET_POINTS[0]),
    ];
    check(cases, jobs(2));
}

/// The whole matrix (opt-in): see the module's documentation for the command.
#[test]
#[ignore = "about half an hour: cargo test --test integration crash_matrix::full -- --ignored --nocapture"]
fn full() {
    check(full_matrix(), jobs(4));
}
