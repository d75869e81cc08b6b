//! Condition detection latency: from the moment the cluster records the awaited state to the
//! moment the engine's check passes, against the rehearsal cluster at its fastest pace.
//!
//! Each sample: the engine's waiter (`checks::wait::until`, the code every cluster check uses)
//! watches for a ConfigMap; once it is watching, the bench creates the ConfigMap. Two figures
//! per sample: from the create *request* (an upper bound, it includes the write's round trip)
//! and from the moment the rehearsal's store *committed* the write (recorded by the store, read
//! back by the created object's resourceVersion). For comparison, a KUTTL-style runner that
//! polls every second.
//!
//! Run: `cargo bench --bench detection`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::ConfigMap;
use kube::Api;
use kube::api::{ObjectMeta, PostParams};
use tokio_util::sync::CancellationToken;
use workshop::checks::wait::{Observation, Target, WaitEnd, until};
use workshop::engine::cluster::Connection;
use workshop::rehearsal::{Pace, RehearsalCluster, RehearsalOptions};

const SAMPLES: usize = 300;
const POLL_SAMPLES: usize = 20;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(bench());
}

fn cm(name: &str) -> ConfigMap {
    ConfigMap {
        metadata: ObjectMeta {
            name: Some(name.to_owned()),
            ..Default::default()
        },
        ..Default::default()
    }
}

async fn bench() {
    let cluster = RehearsalCluster::start(RehearsalOptions {
        pace: Pace::Fast,
        ..Default::default()
    })
    .await
    .expect("rehearsal starts");
    let conn = Connection::connect(cluster.kube_config(), "workshop-rehearsal", "")
        .await
        .expect("connects");
    let resolved = conn.resolve("ConfigMap", None).await.expect("ConfigMap resolves");
    let api: Api<ConfigMap> = Api::namespaced(conn.client.clone(), "default");

    let mut from_request = Vec::with_capacity(SAMPLES);
    let mut from_commit = Vec::with_capacity(SAMPLES);
    for i in 0..SAMPLES {
        let name = format!("watch-{i}");
        let target = Target {
            resolved: resolved.clone(),
            namespace: Some("default".into()),
            name: Some(name.clone()),
            labels: None,
        };
        let cancel = CancellationToken::new();
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel::<()>();
        let ready = Mutex::new(Some(ready_tx));
        let progress = move |_: &str, _: Duration| {
            if let Some(tx) = ready.lock().expect("lock").take() {
                let _ = tx.send(());
            }
        };
        let waiter = until(&cancel, &conn, &target, Duration::from_secs(10), &progress, |objs| {
            if objs.is_empty() {
                Observation::waiting("absent")
            } else {
                Observation::done("present")
            }
        });
        let writer = async {
            // The waiter reports its first observation ("absent") once its watch is listed.
            ready_rx.await.expect("waiter is watching");
            let t0 = Instant::now();
            let created = api.create(&PostParams::default(), &cm(&name)).await.expect("create");
            let rv: u64 = created
                .metadata
                .resource_version
                .as_deref()
                .and_then(|rv| rv.parse().ok())
                .expect("a resourceVersion");
            (t0, rv)
        };
        let (end, (t0, rv)) = tokio::join!(waiter, writer);
        let WaitEnd::Done { at, .. } = end else {
            panic!("sample {i}: the check did not pass: {end:?}");
        };
        let committed = cluster.committed_at(rv).expect("the write is in the store's history");
        from_request.push(at.duration_since(t0));
        from_commit.push(at.saturating_duration_since(committed));
    }

    let mut polled = Vec::with_capacity(POLL_SAMPLES);
    for i in 0..POLL_SAMPLES {
        let name = format!("poll-{i}");
        let start = Instant::now();
        // Create at a random moment of the poller's 1 s period, as a cluster would.
        let offset = Duration::from_millis(fastrand::u64(0..1000));
        let api2 = api.clone();
        let name2 = name.clone();
        let writer = tokio::spawn(async move {
            tokio::time::sleep(offset).await;
            let t0 = Instant::now();
            api2.create(&PostParams::default(), &cm(&name2)).await.expect("create");
            t0
        });
        loop {
            if api.get_opt(&name).await.expect("get").is_some() {
                break;
            }
            tokio::time::sleep_until((start + Duration::from_secs((start.elapsed().as_secs()) + 1)).into()).await;
        }
        let seen = Instant::now();
        let t0 = writer.await.expect("writer");
        polled.push(seen.duration_since(t0));
    }

    println!("condition detection latency, rehearsal cluster (fast pace), {SAMPLES} samples");
    report("engine watch, from the write request", &mut from_request);
    report("engine watch, from the committed write", &mut from_commit);
    println!("for comparison, {POLL_SAMPLES} samples:");
    report("1 s poller (KUTTL-style), from the write", &mut polled);
    cluster.shutdown().await;
}

fn report(label: &str, v: &mut [Duration]) {
    v.sort();
    let pct = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize];
    let mean = v.iter().sum::<Duration>() / v.len() as u32;
    println!(
        "  {label:<44} median {:>8.2} ms  p95 {:>8.2} ms  p99 {:>8.2} ms  max {:>8.2} ms  mean {:>8.2} ms",
        ms(pct(0.5)),
        ms(pct(0.95)),
        ms(pct(0.99)),
        ms(v[v.len() - 1]),
        ms(mean)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
