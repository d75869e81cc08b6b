//! Class mode under load (docs/performance.md, "Class mode"):
//!
//! 1. **Event → board latency** with 100 learners streaming at lab pace: each learner's real
//!    client (`class::client::Streamer`, what `--class` uses) sends the ~200 events of a day-55
//!    run spread over 20 s; a board subscriber reads the server's live stream
//!    (`/api/stream`, what the web board follows) and notes when each learner's row first
//!    shows a sequence number. Latency = that moment − when the event was handed to the client.
//! 2. **Events per second** one server stores: 50 learners post batches of 50 events back to
//!    back for 5 s; stored events / elapsed.
//! 3. **Memory per learner**: the server's resident memory (VmRSS) before and after 100
//!    learners joined and sent a whole day-55 run each, divided by 100.
//! 4. **Pull mode**: `class check` on 1 rehearsal cluster and on 100, each with the day-55 lab
//!    run on it first; the ratio of the two times (target ≤ 2).
//!
//! The server is the real binary (`workshop class serve` on 127.0.0.1), started per part.
//! Run: `cargo bench --bench class`; `WORKSHOP_BENCH_PARTS=pull cargo bench --bench class` runs
//! only the parts named (latency, throughput, memory, pull).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use serde_json::Value;
use workshop::class::client::{ClassLink, Streamer};
use workshop::class::http::HttpClient;
use workshop::class::protocol::{Accepted, Batch, JoinRequest, Joined, Sequenced};

const LEARNERS: usize = 100;

/// Per learner name, each sequence number the board's stream showed and when.
type Seen = Arc<Mutex<HashMap<String, Vec<(u64, Instant)>>>>;
const LAB_SECONDS: f64 = 20.0;

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let events = day55_events(repo);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp");
    println!("a day-55 run sends {} events", events.len());
    // `WORKSHOP_BENCH_PARTS=pull cargo bench --bench class` runs only the parts named.
    let parts = std::env::var("WORKSHOP_BENCH_PARTS").unwrap_or_else(|_| "latency,throughput,memory,pull".into());
    let wanted = |part: &str| parts.split(',').any(|p| p.trim() == part);

    if wanted("latency") {
        let server = Server::start(&dir.path().join("latency.db"));
        rt.block_on(latency(&server, &events, dir.path()));
    }
    if wanted("throughput") {
        let server = Server::start(&dir.path().join("throughput.db"));
        rt.block_on(throughput(&server));
    }
    if wanted("memory") {
        let server = Server::start(&dir.path().join("memory.db"));
        rt.block_on(memory(&server, &events));
    }
    if wanted("pull") {
        rt.block_on(pull(repo, dir.path()));
    }
}

/// The events of one day-55 run on the rehearsal (`--events ndjson`).
fn day55_events(repo: &Path) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_workshop"))
        .args([
            "--color",
            "never",
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--events",
            "ndjson",
        ])
        .current_dir(repo)
        .output()
        .expect("workshop runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

struct Server {
    child: Child,
    base: String,
    key: String,
    code: String,
}

impl Server {
    fn start(data: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_workshop"))
            .args([
                "--color",
                "never",
                "class",
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--data",
            ])
            .arg(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("class serve");
        let mut banner = String::new();
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        while !banner.contains("Ctrl-C") {
            let mut line = String::new();
            if out.read_line(&mut line).expect("read") == 0 {
                panic!("class serve ended: {banner}");
            }
            banner.push_str(&line);
        }
        std::thread::spawn(move || for _ in out.lines() {});
        let url = banner
            .split_whitespace()
            .find(|w| w.contains("/?key="))
            .expect("board URL");
        let (base, key) = url.split_once("/?key=").expect("key");
        let words: Vec<&str> = banner.split_whitespace().collect();
        let code = words[words.iter().position(|w| *w == "--join").expect("join") + 1];
        Server {
            child,
            base: base.to_owned(),
            key: key.to_owned(),
            code: code.to_owned(),
        }
    }

    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Part 1.
async fn latency(server: &Server, events: &[Value], dir: &Path) {
    // The board's view of the class: learner name -> (seq, first seen).
    let seen: Seen = Arc::default();
    let watcher = tokio::spawn(follow(server.base.clone(), server.key.clone(), seen.clone()));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent: Arc<Mutex<HashMap<String, Vec<Instant>>>> = Arc::default();
    let gap = Duration::from_secs_f64(LAB_SECONDS / events.len() as f64);
    let mut tasks = Vec::new();
    for i in 0..LEARNERS {
        let name = format!("L{i:03}");
        let link = ClassLink {
            url: server.base.clone(),
            code: server.code.clone(),
            name: name.clone(),
            dir: dir.join(&name),
        };
        let (events, sent) = (events.to_vec(), sent.clone());
        tasks.push(tokio::spawn(async move {
            let streamer = Streamer::start(link, |t| t.to_owned()).expect("a runtime");
            tokio::time::sleep(Duration::from_millis(fastrand::u64(0..2000))).await;
            for e in events {
                sent.lock()
                    .expect("lock")
                    .entry(name.clone())
                    .or_default()
                    .push(Instant::now());
                streamer.send(e);
                tokio::time::sleep(gap).await;
            }
            tokio::task::spawn_blocking(move || streamer.finish())
                .await
                .expect("finish");
        }));
    }
    for t in tasks {
        t.await.expect("learner");
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    watcher.abort();
    let sent = sent.lock().expect("lock");
    let seen = seen.lock().expect("lock");
    let mut lat: Vec<f64> = Vec::new();
    let mut missing = 0;
    for (name, times) in sent.iter() {
        let rows = seen.get(name).cloned().unwrap_or_default();
        for (k, t) in times.iter().enumerate() {
            let seq = k as u64 + 1;
            match rows.iter().find(|(s, _)| *s >= seq) {
                Some((_, at)) => lat.push(at.saturating_duration_since(*t).as_secs_f64() * 1000.0),
                None => missing += 1,
            }
        }
    }
    lat.sort_by(f64::total_cmp);
    println!(
        "event -> visible on the board's live stream, {LEARNERS} learners at lab pace ({} events each over {LAB_SECONDS:.0} s, {:.0} events/s in all)",
        events.len(),
        (LEARNERS * events.len()) as f64 / LAB_SECONDS
    );
    println!(
        "  median {:.0} ms, p95 {:.0} ms, p99 {:.0} ms, max {:.0} ms ({} events, {missing} never seen)",
        pct(&lat, 0.5),
        pct(&lat, 0.95),
        pct(&lat, 0.99),
        pct(&lat, 1.0),
        lat.len()
    );
}

/// Reads `/api/stream` and notes when each learner's row first shows each sequence number.
async fn follow(base: String, key: String, seen: Seen) {
    let client =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let uri: hyper::Uri = format!("{base}/api/stream?key={key}").parse().expect("uri");
    let resp = client.get(uri).await.expect("the live stream");
    let mut body = resp.into_body();
    let mut buf = String::new();
    while let Some(Ok(frame)) = body.frame().await {
        let Ok(data) = frame.into_data() else { continue };
        let now = Instant::now();
        buf.push_str(&String::from_utf8_lossy(&data));
        while let Some(end) = buf.find("\n\n") {
            let msg: String = buf.drain(..end + 2).collect();
            let Some(json) = msg.lines().find_map(|l| l.strip_prefix("data:")) else {
                continue;
            };
            let Ok(v) = serde_json::from_str::<Value>(json.trim()) else {
                continue;
            };
            let mut seen = seen.lock().expect("lock");
            for l in v["learners"].as_array().into_iter().flatten() {
                let (Some(name), Some(seq)) = (l["name"].as_str(), l["last_seq"].as_u64()) else {
                    continue;
                };
                let rows = seen.entry(name.to_owned()).or_default();
                if rows.last().is_none_or(|(s, _)| *s < seq) {
                    rows.push((seq, now));
                }
            }
        }
    }
}

/// Part 2.
async fn throughput(server: &Server) {
    const POSTERS: usize = 50;
    const BATCH: usize = 50;
    let client = HttpClient::new(&server.base).expect("client");
    let stop = Instant::now() + Duration::from_secs(5);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..POSTERS {
        let client = client.clone();
        let code = server.code.clone();
        tasks.push(tokio::spawn(async move {
            let j: Joined = client
                .post("/api/join", None, &JoinRequest { code, name: format!("T{i}") })
                .await
                .expect("join");
            let (mut seq, mut stored, mut refused) = (0u64, 0usize, 0usize);
            while Instant::now() < stop {
                let events = (0..BATCH)
                    .map(|_| {
                        seq += 1;
                        Sequenced {
                            seq,
                            event: serde_json::json!({"event": "check-progress", "step": "create-pacman", "check": 0, "observed": "statefulset/mongo 0/1 ready", "elapsed_ms": 1200, "timeout_ms": 300000}),
                        }
                    })
                    .collect();
                match client.post::<_, Accepted>("/api/events", Some(&j.token), &Batch { events, since: 0 }).await {
                    Ok(a) => stored += a.stored,
                    Err(_) => {
                        refused += 1;
                        seq -= BATCH as u64;
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                }
            }
            (stored, refused)
        }));
    }
    let (mut stored, mut refused) = (0, 0);
    for t in tasks {
        let (s, r) = t.await.expect("poster");
        stored += s;
        refused += r;
    }
    let secs = start.elapsed().as_secs_f64();
    println!("one server, {POSTERS} learners posting batches of {BATCH} back to back for 5 s");
    println!(
        "  {:.0} events/s stored ({stored} events in {secs:.1} s; {refused} requests refused by the flood limit and retried)",
        stored as f64 / secs
    );
}

/// Part 3.
async fn memory(server: &Server, events: &[Value]) {
    let client = HttpClient::new(&server.base).expect("client");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = server.rss_kib();
    let mut tasks = Vec::new();
    for i in 0..LEARNERS {
        let (client, code, events) = (client.clone(), server.code.clone(), events.to_vec());
        tasks.push(tokio::spawn(async move {
            let j: Joined = client
                .post(
                    "/api/join",
                    None,
                    &JoinRequest {
                        code,
                        name: format!("M{i:03}"),
                    },
                )
                .await
                .expect("join");
            let all: Vec<Sequenced> = (events.into_iter().enumerate())
                .map(|(k, event)| Sequenced {
                    seq: k as u64 + 1,
                    event,
                })
                .collect();
            for chunk in all.chunks(100) {
                let batch = Batch {
                    events: chunk.to_vec(),
                    since: 0,
                };
                let _: Accepted = client.post("/api/events", Some(&j.token), &batch).await.expect("post");
            }
        }));
    }
    for t in tasks {
        t.await.expect("learner");
    }
    // The board as the instructor's page loads it, so its view is counted too.
    let _: Value = client.get("/api/class", Some(&server.key)).await.expect("class");
    let after = server.rss_kib();
    println!(
        "server memory, {LEARNERS} learners with a whole day-55 run each ({} events)",
        events.len()
    );
    println!(
        "  {before} KiB before, {after} KiB after: {:.1} KiB per learner",
        (after.saturating_sub(before)) as f64 / LEARNERS as f64
    );
}

/// Part 4.
async fn pull(repo: &Path, dir: &Path) {
    use workshop::rehearsal::{Pace, RehearsalCluster, RehearsalOptions};
    const CLUSTERS: usize = 100;
    let kcs = dir.join("kubeconfigs");
    std::fs::create_dir_all(&kcs).expect("dir");
    let mut clusters = Vec::new();
    let mut targets = Vec::new();
    for i in 0..CLUSTERS {
        let kc: PathBuf = kcs.join(format!("c{i:03}.yaml"));
        let cluster = RehearsalCluster::start(RehearsalOptions {
            version: "1.21.2".into(),
            pace: Pace::Fast,
            addons: vec!["volumesnapshots".into(), "csi-hostpath-driver".into()],
            kubeconfig: Some(kc.clone()),
            node_name: "mc-demo".into(),
            ..Default::default()
        })
        .await
        .expect("rehearsal");
        clusters.push(cluster);
        targets.push(workshop::class::pull::PullTarget {
            name: format!("c{i:03}"),
            kubeconfig: Some(kc),
            context: None,
        });
    }
    // The lab on every cluster, a few at a time; each learner in a folder of their own (a
    // folder holds one run of a lab at a time).
    for chunk in targets.chunks(4) {
        let runs: Vec<_> = chunk
            .iter()
            .map(|t| {
                let folder = dir.join("learners").join(&t.name);
                std::fs::create_dir_all(&folder).expect("learner folder");
                Command::new(env!("CARGO_BIN_EXE_workshop"))
                    .args(["--color", "never", "run"])
                    .arg(repo.join("scenarios/day55.toml"))
                    .args(["--cluster", "rehearsal", "--kubeconfig"])
                    .arg(t.kubeconfig.as_ref().expect("kubeconfig"))
                    .current_dir(&folder)
                    .stdout(Stdio::null())
                    .spawn()
                    .expect("run")
            })
            .collect();
        for mut r in runs {
            assert!(
                r.wait().expect("wait").success(),
                "the lab passes on a rehearsal cluster"
            );
        }
    }
    let scenario = workshop::app::load_scenario(&repo.join("scenarios/day55.toml")).expect("day55");
    let vars = workshop::plan::bind_vars(&scenario, &[]).expect("vars");
    let time = |n: usize| {
        let (scenario, vars, targets) = (&scenario, &vars, &targets[..n]);
        async move {
            let t = Instant::now();
            let results = workshop::class::pull::check_all(scenario, vars, targets, Duration::from_secs(3), "en").await;
            assert!(results.iter().all(|r| r.error.is_none()), "every cluster answers");
            t.elapsed()
        }
    };
    let mut one = Vec::new();
    let mut hundred = Vec::new();
    for _ in 0..3 {
        one.push(time(1).await);
        hundred.push(time(CLUSTERS).await);
    }
    one.sort();
    hundred.sort();
    println!("pull mode (class check day55, every step's checks, patience 3 s), median of 3");
    println!(
        "  1 cluster {:.0} ms, {CLUSTERS} clusters {:.0} ms: ratio {:.2} (all: {:?} / {:?} ms)",
        one[1].as_secs_f64() * 1000.0,
        hundred[1].as_secs_f64() * 1000.0,
        hundred[1].as_secs_f64() / one[1].as_secs_f64(),
        one.iter().map(|d| d.as_millis()).collect::<Vec<_>>(),
        hundred.iter().map(|d| d.as_millis()).collect::<Vec<_>>()
    );
    for c in clusters {
        c.shutdown().await;
    }
}
