use super::*;

fn shape<'a>(method: &'a Method, path: &'a str, watch: bool, resumes: bool) -> Shape<'a> {
    Shape {
        method,
        path,
        watch,
        resumes,
    }
}

#[test]
fn the_same_seed_draws_the_same_faults() {
    let spec: FaultSpec = "seed=5,500=10%,503=10%,gone=30%,cut=1..3,lost=20%"
        .parse()
        .expect("valid");
    let draws = |spec: &FaultSpec| {
        let f = Faults::new(spec.clone());
        let get = Method::GET;
        (0..200)
            .map(|i| {
                let path = format!("/api/v1/namespaces/n{}/pods", i % 3);
                let s = shape(&get, &path, i % 2 == 0, i % 4 == 0);
                draw(f.spec(), &mut f.rng(&s.key()), &s)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(draws(&spec), draws(&spec));
    assert_ne!(draws(&spec), draws(&spec.clone().with_seed(6)));
}

#[test]
fn shares_come_out_near_the_spec() {
    let f = Faults::new("seed=1,500=10%,429=20%".parse().expect("valid"));
    let get = Method::GET;
    let s = shape(&get, "/api/v1/pods", false, false);
    let mut counts: BTreeMap<Option<u16>, u32> = BTreeMap::new();
    for _ in 0..10_000 {
        *counts
            .entry(draw(f.spec(), &mut f.rng(&s.key()), &s).status)
            .or_default() += 1;
    }
    let share = |c: Option<u16>| f64::from(counts[&c]) / 10_000.0;
    assert!((share(Some(500)) - 0.10).abs() < 0.02, "{counts:?}");
    assert!((share(Some(429)) - 0.20).abs() < 0.02, "{counts:?}");
}

#[test]
fn gone_only_for_watches_that_resume_and_lost_only_for_writes() {
    let f = Faults::new("gone=100%,lost=100%,cut=2".parse().expect("valid"));
    let (get, post) = (Method::GET, Method::POST);
    let fresh = shape(&get, "/api/v1/pods", true, false);
    let resumed = shape(&get, "/api/v1/pods", true, true);
    let write = shape(&post, "/api/v1/namespaces/a/pods", false, false);
    let d = |s: &Shape<'_>| draw(f.spec(), &mut f.rng(&s.key()), s);
    assert_eq!(d(&fresh).gone, None);
    assert_eq!(d(&fresh).cut_events, Some(2));
    assert_eq!(d(&resumed).gone, Some(Gone::Event));
    assert!(d(&write).lost && !d(&fresh).lost);
    assert_eq!(d(&write).cut_events, None);
}

#[test]
fn the_lifecycle_times_are_drawn_in_their_ranges_and_reproducible() {
    let spec: FaultSpec = "seed=9,restart=8s..14s,vanish=20s".parse().expect("valid");
    let (a, b) = (Faults::new(spec.clone()), Faults::new(spec));
    let at = a.restart_at().expect("restart");
    assert!((Duration::from_secs(8)..=Duration::from_secs(14)).contains(&at));
    assert_eq!(a.restart_at(), b.restart_at());
    assert_eq!(a.vanish_at(), Some(Duration::from_secs(20)));
}

#[test]
fn what_was_injected_reads_with_the_spec_keys() {
    let mut i = Injected::default();
    assert_eq!(i.to_string(), "none");
    i.errors.insert(503, 2);
    i.errors.insert(500, 12);
    i.cuts = 30;
    i.gone_statuses = 1;
    assert_eq!(i.to_string(), "500: 12, 503: 2, cut: 30, gone-status: 1");
}

#[tokio::test]
async fn a_cut_watch_ends_after_its_events() {
    let body = Body::from_stream(futures::stream::iter(
        ["{\"a\":1}\n{\"b\":2}\n", "{\"c\":3}\n"].map(|s| Ok::<_, Infallible>(Bytes::from(s))),
    ));
    let cut = cut_body(body, Some(2), None);
    let bytes = axum::body::to_bytes(cut, 1024).await.expect("ends cleanly");
    assert_eq!(&bytes[..], b"{\"a\":1}\n{\"b\":2}\n");
}
