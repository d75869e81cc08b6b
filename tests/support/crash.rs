//! The crash matrix: a lab on an attached rehearsal (`workshop rehearsal serve`, so what the
//! lab did survives the killed run), interrupted by a signal at a point named by the run's own
//! `--events ndjson` stream (a step started, a step's action finished, a line of a step's
//! output), then `--resume` must finish with 0 failed and no false alarm, no process of any
//! run may be left, and `reset --yes` must exit 0 twice. Each case has its own rehearsal and
//! folder, so cases run side by side on a few worker threads.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::live::{Live, processes_marked, wait_no_leftovers};
use super::serve::Serve;
use super::{BIN, REPO};

/// How long any one run of a case may take.
const LONG: Duration = Duration::from_secs(300);

/// How long after an interrupted run ended its processes may still be seen in /proc (they
/// were stopped before it exited; this only covers reaping by init).
const REAPED: Duration = Duration::from_secs(3);

/// The signal a case sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sig {
    Int,
    Term,
    Hup,
    Kill,
}

impl Sig {
    pub const ALL: [Sig; 4] = [Sig::Int, Sig::Term, Sig::Hup, Sig::Kill];

    fn number(self) -> i32 {
        match self {
            Sig::Int => libc::SIGINT,
            Sig::Term => libc::SIGTERM,
            Sig::Hup => libc::SIGHUP,
            Sig::Kill => libc::SIGKILL,
        }
    }

    /// The exit code of a run it ends (`None`: the run cannot answer, it is killed).
    fn exit_code(self) -> Option<i32> {
        match self {
            Sig::Int => Some(130),
            Sig::Term => Some(143),
            Sig::Hup => Some(129),
            Sig::Kill => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Sig::Int => "SIGINT",
            Sig::Term => "SIGTERM",
            Sig::Hup => "SIGHUP",
            Sig::Kill => "SIGKILL",
        }
    }
}

/// Where in the run the signal is sent: on the event that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Point {
    /// A step boundary: the step started (the one before it has finished).
    Started(String),
    /// In the middle of a long step: its action finished, its checks are waiting.
    ActionFinished(String),
    /// In the middle of a step's action: it printed a line that starts with this.
    Output(String, String),
    /// A line of the human output (for `reset`, which has no event stream).
    Line(String),
}

impl Point {
    /// The start of the ndjson line that marks the point (events are serialized with
    /// `event` then `step` first, then the rest).
    fn needle(&self) -> String {
        match self {
            Point::Started(s) => format!(r#"{{"event":"step-started","step":"{s}","#),
            Point::ActionFinished(s) => format!(r#"{{"event":"action-finished","step":"{s}","#),
            Point::Output(s, line) => {
                format!(r#"{{"event":"step-output","step":"{s}","line":"{line}"#)
            }
            Point::Line(line) => line.clone(),
        }
    }

    /// The row of the counts table: boundary, mid-step, mid-action.
    pub fn kind(&self) -> &'static str {
        match self {
            Point::Started(_) => "step boundary",
            Point::ActionFinished(_) => "mid-step (checks waiting)",
            Point::Output(..) => "mid-action",
            Point::Line(_) => "reset",
        }
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Point::Started(s) => write!(f, "start of {s}"),
            Point::ActionFinished(s) => write!(f, "{s} after its action"),
            Point::Output(s, line) => write!(f, "{s} at `{line}`"),
            Point::Line(line) => write!(f, "`{line}`"),
        }
    }
}

/// A lab the matrix runs: the scenario file (its path relative to the case's folder), the
/// files written there first, the rehearsal it needs, and its steps (for `--until`).
#[derive(Clone)]
pub struct Lab {
    pub name: &'static str,
    pub scenario: String,
    pub files: Vec<(&'static str, String)>,
    pub day55_cluster: bool,
    pub pace: &'static str,
}

impl Lab {
    /// `scenarios/day55.toml` on a rehearsal like its minikube profile.
    pub fn day55(pace: &'static str) -> Lab {
        Lab {
            name: "day55",
            scenario: Path::new(REPO)
                .join("scenarios/day55.toml")
                .to_str()
                .expect("a UTF-8 path")
                .to_owned(),
            files: Vec::new(),
            day55_cluster: true,
            pace,
        }
    }

    /// A lab written into the case's folder as `lab.toml`.
    pub fn written(name: &'static str, toml: &str) -> Lab {
        Lab {
            name,
            scenario: "lab.toml".to_owned(),
            files: vec![("lab.toml", toml.to_owned())],
            day55_cluster: false,
            pace: "fast",
        }
    }
}

/// What a case does.
#[derive(Clone)]
pub enum Kind {
    /// Interrupt with `sig` at `point`, then resume, then reset twice.
    Interrupt { sig: Sig, point: Point },
    /// `--until step`, then `--converge`, then reset twice.
    UntilConverge { step: String },
    /// Interrupt with `first` at its point, then the resumed run with `second` at its point,
    /// then resume again, then reset twice.
    Twice { first: (Sig, Point), second: (Sig, Point) },
    /// A whole run, then `reset` interrupted with `sig` at `point`; then reset twice, and a
    /// new run of the whole lab must pass.
    ResetInterrupted { sig: Sig, point: Point },
}

#[derive(Clone)]
pub struct Case {
    pub lab: Lab,
    pub kind: Kind,
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Interrupt { sig, point } => write!(f, "{}: {} at {point}", self.lab.name, sig.name()),
            Kind::UntilConverge { step } => write!(f, "{}: --until {step}, then --converge", self.lab.name),
            Kind::Twice {
                first: (s1, p1),
                second: (s2, p2),
            } => write!(
                f,
                "{}: {} at {p1}, then {} at {p2} of the resumed run",
                self.lab.name,
                s1.name(),
                s2.name()
            ),
            Kind::ResetInterrupted { sig, point } => {
                write!(f, "{}: reset interrupted by {} at {point}", self.lab.name, sig.name())
            }
        }
    }
}

/// One case's folder and rehearsal.
struct Bench {
    dir: tempfile::TempDir,
    serve: Serve,
    lab: Lab,
    /// Markers of every run of the case, to look for leftovers at the end.
    marks: Vec<String>,
    log: String,
}

impl Bench {
    fn new(lab: &Lab) -> Bench {
        let dir = tempfile::Builder::new()
            .prefix("workshop-crash-")
            .tempdir()
            .expect("temp dir");
        for (name, text) in &lab.files {
            std::fs::write(dir.path().join(name), text).expect("write the lab");
        }
        let serve = if lab.day55_cluster {
            Serve::day55(dir.path(), "kubeconfig", lab.pace)
        } else {
            Serve::start(dir.path(), "kubeconfig")
        };
        Bench {
            dir,
            serve,
            lab: lab.clone(),
            marks: Vec::new(),
            log: String::new(),
        }
    }

    /// Starts `workshop CMD LAB --cluster rehearsal --kubeconfig K ARGS…`, watched.
    fn start(&mut self, cmd: &str, args: &[&str]) -> Live {
        let mut all = vec![
            cmd,
            &self.lab.scenario,
            "--cluster",
            "rehearsal",
            "--kubeconfig",
            self.serve.kubeconfig_str(),
        ];
        // The labs written here run shell commands: trusted for each run (tests/trust.rs tests
        // the asking); day55 is trusted as shipped.
        if !self.lab.day55_cluster {
            all.push("--trust");
        }
        all.extend_from_slice(args);
        let live = Live::start(self.dir.path(), &all);
        self.marks.push(live.mark().to_owned());
        self.log.push_str(&format!("\n$ workshop {}\n", all.join(" ")));
        live
    }

    /// Runs to the end; the exit code must be 0 and the output must pass `check`.
    fn must_pass(
        &mut self,
        cmd: &str,
        args: &[&str],
        check: impl Fn(&str) -> Result<(), String>,
    ) -> Result<(), String> {
        let live = self.start(cmd, args);
        let mark = live.mark().to_owned();
        let end = live.finish(LONG);
        self.log.push_str(&end.output);
        if end.code != Some(0) {
            return Err(format!("`{cmd} {}` exited {:?}", args.join(" "), end.code));
        }
        check(&end.output)?;
        let left = wait_no_leftovers(&mark, REAPED);
        if !left.is_empty() {
            return Err(format!("`{cmd} {}` left processes running: {left:?}", args.join(" ")));
        }
        Ok(())
    }

    /// `reset --yes` twice, both exit 0 without a ✖.
    fn reset_twice(&mut self) -> Result<(), String> {
        for round in ["first", "second"] {
            self.must_pass("reset", &["--yes"], |out| {
                if out.contains('✖') {
                    Err(format!("the {round} reset printed a ✖"))
                } else {
                    Ok(())
                }
            })?;
        }
        Ok(())
    }

    /// No process of any run of this case is left (every process a run starts inherits its
    /// marker), and no run's journal of running processes (`.workshop/runs/PID.json`) either:
    /// the last run swept what a killed one recorded.
    fn nothing_left(&self) -> Result<(), String> {
        let left: Vec<_> = self.marks.iter().flat_map(|m| processes_marked(m)).collect();
        if !left.is_empty() {
            return Err(format!("processes of the case's runs still running: {left:?}"));
        }
        let journals: Vec<_> = std::fs::read_dir(self.dir.path().join(".workshop/runs"))
            .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
            .unwrap_or_default();
        if journals.is_empty() {
            Ok(())
        } else {
            Err(format!("journals of runs that are gone: {journals:?}"))
        }
    }
}

/// What a run that should finish the lab must print: `0 failed`, no ✖, no false alarm.
fn finished_clean(out: &str) -> Result<(), String> {
    if !out.contains(", 0 failed") && !out.contains("nothing to resume") {
        return Err("no `, 0 failed` in the summary".to_owned());
    }
    if out.contains("no longer holds") {
        return Err("a false alarm: `no longer holds`".to_owned());
    }
    if out.contains('✖') || out.contains("FAILED") {
        return Err("a ✖ or FAILED line".to_owned());
    }
    Ok(())
}

/// How a case ended.
pub struct Outcome {
    pub case: Case,
    pub result: Result<(), String>,
    /// The run ended before the signal reached it (the point was its very end).
    pub ended_first: bool,
    pub log: String,
    pub elapsed: Duration,
}

/// `workshop CMD … ARGS` interrupted with `sig` at `point`: it must end with the signal's
/// exit code, report nothing as failed, and (unless SIGKILLed) leave no process; `Ok(true)` when
/// it ended by itself before the signal reached it.
fn interrupt(bench: &mut Bench, cmd: &str, args: &[&str], sig: Sig, point: &Point) -> Result<bool, String> {
    let mut run = bench.start(cmd, args);
    run.wait_for(&point.needle(), LONG);
    run.signal(sig.number());
    let mark = run.mark().to_owned();
    let end = run.finish(LONG);
    bench.log.push_str(&end.output);
    let ended_first = end.code == Some(0) && sig != Sig::Kill;
    if end.code != sig.exit_code() && !ended_first {
        return Err(format!(
            "the interrupted run exited {:?}, not {:?}",
            end.code,
            sig.exit_code()
        ));
    }
    if sig != Sig::Kill {
        if end.output.contains("FAILED") || end.output.contains(r#""status":"failed""#) {
            return Err("the interrupted run reported a step as failed".to_owned());
        }
        let left = wait_no_leftovers(&mark, REAPED);
        if !left.is_empty() {
            return Err(format!("the interrupted run left processes running: {left:?}"));
        }
    }
    Ok(ended_first)
}

fn run_case(case: &Case) -> (Result<(), String>, bool, String) {
    let mut bench = Bench::new(&case.lab);
    let mut ended_first = false;
    let result = (|| {
        match &case.kind {
            Kind::Interrupt { sig, point } => {
                ended_first = interrupt(&mut bench, "run", &["--events", "ndjson"], *sig, point)?;
                bench.must_pass("run", &["--resume"], finished_clean)?;
            }
            Kind::Twice { first, second } => {
                ended_first = interrupt(&mut bench, "run", &["--events", "ndjson"], first.0, &first.1)?;
                ended_first |= interrupt(
                    &mut bench,
                    "run",
                    &["--resume", "--events", "ndjson"],
                    second.0,
                    &second.1,
                )?;
                bench.must_pass("run", &["--resume"], finished_clean)?;
            }
            Kind::ResetInterrupted { sig, point } => {
                bench.must_pass("run", &[], finished_clean)?;
                ended_first = interrupt(&mut bench, "reset", &["--yes"], *sig, point)?;
                bench.reset_twice()?;
                bench.must_pass("run", &[], finished_clean)?;
            }
            Kind::UntilConverge { step } => {
                bench.must_pass("run", &["--until", step], finished_clean)?;
                bench.must_pass("run", &["--converge"], finished_clean)?;
            }
        }
        bench.nothing_left()?;
        bench.reset_twice()?;
        bench.nothing_left()
    })();
    (result, ended_first, std::mem::take(&mut bench.log))
}

/// Runs `cases` on `jobs` worker threads; a panic inside a case (a wait that timed out) is
/// that case's failure.
pub fn run_all(cases: Vec<Case>, jobs: usize) -> Vec<Outcome> {
    assert!(Path::new(BIN).exists());
    let next = AtomicUsize::new(0);
    let outcomes = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..jobs.max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(case) = cases.get(i) else { break };
                    let started = Instant::now();
                    let (result, ended_first, log) =
                        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_case(case))) {
                            Ok(r) => r,
                            Err(p) => {
                                let msg = p
                                    .downcast_ref::<String>()
                                    .cloned()
                                    .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                                    .unwrap_or_else(|| "panicked".to_owned());
                                (Err(msg), false, String::new())
                            }
                        };
                    let elapsed = started.elapsed();
                    if let Ok(logs) = std::env::var("WORKSHOP_MATRIX_LOGS") {
                        let name: String = case
                            .to_string()
                            .chars()
                            .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
                            .collect();
                        let _ = std::fs::create_dir_all(&logs);
                        let _ = std::fs::write(Path::new(&logs).join(format!("{name}.log")), &log);
                    }
                    eprintln!(
                        "crash matrix: {} {case} ({:.0?}){}",
                        if result.is_ok() { "ok  " } else { "FAIL" },
                        elapsed,
                        if ended_first {
                            ", ended before the signal reached it"
                        } else {
                            ""
                        }
                    );
                    outcomes.lock().expect("not poisoned").push(Outcome {
                        case: case.clone(),
                        result,
                        ended_first,
                        log,
                        elapsed,
                    });
                }
            });
        }
    });
    outcomes.into_inner().expect("not poisoned")
}

/// The counts: cases tried and passing, per signal and per kind of point, as a Markdown table,
/// then every failure with its message and the case's output.
pub fn report(outcomes: &[Outcome]) -> String {
    let mut rows: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    for o in outcomes {
        let (col, row) = match &o.case.kind {
            Kind::Interrupt { sig, point } => (sig.name().to_owned(), format!("{}: {}", o.case.lab.name, point.kind())),
            Kind::UntilConverge { .. } => (
                "--until X, --converge".to_owned(),
                format!("{}: every step X", o.case.lab.name),
            ),
            Kind::Twice { first, second } => (
                format!("{} then {}", first.0.name(), second.0.name()),
                format!("{}: a run and its resume interrupted", o.case.lab.name),
            ),
            Kind::ResetInterrupted { sig, .. } => {
                (sig.name().to_owned(), format!("{}: reset interrupted", o.case.lab.name))
            }
        };
        let cell = rows.entry((row, col)).or_default();
        cell.0 += 1;
        cell.1 += usize::from(o.result.is_ok());
    }
    let passed = outcomes.iter().filter(|o| o.result.is_ok()).count();
    let mut out = format!(
        "{passed} of {} cases pass ({} ended before the signal reached them)\n\n| where | signal | passing / tried |\n|---|---|---|\n",
        outcomes.len(),
        outcomes.iter().filter(|o| o.ended_first).count()
    );
    for ((row, col), (tried, ok)) in &rows {
        out.push_str(&format!("| {row} | {col} | {ok} / {tried} |\n"));
    }
    for o in outcomes.iter().filter(|o| o.result.is_err()) {
        let why = o.result.as_ref().err().map_or("", String::as_str);
        out.push_str(&format!("\nFAILED {}: {why}\n{}\n", o.case, o.log));
    }
    out
}
