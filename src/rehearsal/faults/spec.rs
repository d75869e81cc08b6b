//! The `--faults SPEC` grammar: comma-separated `key=value` items.
//!
//! ```text
//! SPEC   = ITEM *("," ITEM)
//! ITEM   = "seed=" INT                  seed of every random choice (default 1)
//!        / STATUS "=" PERCENT ["@" PATH] answer STATUS instead of that share of requests (only
//!                                       those whose path starts with PATH, if given); STATUS:
//!                                       429, 500, 502, 503 or 504; before the request is processed
//!        / "retry-after=" INT           seconds in the Retry-After header of an injected 429 (default 1)
//!        / "lost=" PERCENT ["@" PATH]   process that share of writes (to PATH…), then drop the
//!                                       connection unanswered
//!        / "cut=" INT [".." INT]        end every watch stream after that many events (a range draws per stream)
//!        / "cut=" DURATION              end every watch stream after that long
//!        / "gone=" PERCENT              answer that share of watches from a resourceVersion with 410 Gone
//!                                       as an ERROR event in a 200 response (what API servers do)
//!        / "gone-status=" PERCENT       the same, as an HTTP 410 status
//!        / "latency=" DURATION [".." DURATION]   delay every request
//!        / "restart=" DURATION [".." DURATION]   at that time after start, restart without data
//!        / "down=" DURATION             how long a restart keeps the port closed (default 3s)
//!        / "vanish=" DURATION [".." DURATION]    at that time after start, stop answering for good
//!        / "vanish=@" PATH              at the first request whose path starts with PATH, stop
//!                                       answering for good (that request gets no answer)
//! PERCENT  = NUMBER "%"
//! DURATION = a humantime duration: 300ms, 2s, 1m30s
//! ```
//!
//! Example: `seed=3,500=10%,503=10%,cut=1..3,latency=300ms`.

use std::fmt;
use std::time::Duration;

/// Status codes `--faults` can inject.
pub const STATUSES: &[u16] = &[429, 500, 502, 503, 504];

/// An injected error status.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorFault {
    pub code: u16,
    /// The share of requests (0.0–1.0).
    pub share: f64,
    /// Only requests whose path starts with this.
    pub path: Option<String>,
}

impl ErrorFault {
    /// Whether a request to `path` may get it.
    pub fn applies_to(&self, path: &str) -> bool {
        self.path.as_deref().is_none_or(|p| path.starts_with(p))
    }
}

/// A parsed fault specification. Every random choice derives from `seed`.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultSpec {
    /// Seed of every random choice.
    pub seed: u64,
    /// Injected error statuses with the share of requests each gets.
    pub errors: Vec<ErrorFault>,
    /// Seconds in the `Retry-After` header of an injected 429.
    pub retry_after: u64,
    /// Share of writes processed and then left unanswered (the connection is dropped).
    pub lost: f64,
    /// Only writes whose path starts with this lose their answer.
    pub lost_path: Option<String>,
    /// Watch streams end after this many events (drawn per stream from the range).
    pub cut_events: Option<(u32, u32)>,
    /// Watch streams end after this long.
    pub cut_after: Option<Duration>,
    /// Share of watches from a resourceVersion answered with an ERROR event carrying 410.
    pub gone_event: f64,
    /// Share of watches from a resourceVersion answered with an HTTP 410 status.
    pub gone_status: f64,
    /// Delay before every request (drawn per request from the range).
    pub latency: Option<(Duration, Duration)>,
    /// When (after start) the server restarts without its data.
    pub restart: Option<(Duration, Duration)>,
    /// How long a restart keeps the port closed.
    pub down: Duration,
    /// When (after start) the server stops answering for good.
    pub vanish: Option<(Duration, Duration)>,
    /// The server stops answering for good at the first request whose path starts with this.
    pub vanish_on: Option<String>,
    text: String,
}

impl Default for FaultSpec {
    fn default() -> Self {
        FaultSpec {
            seed: 1,
            errors: Vec::new(),
            retry_after: 1,
            lost: 0.0,
            lost_path: None,
            cut_events: None,
            cut_after: None,
            gone_event: 0.0,
            gone_status: 0.0,
            latency: None,
            restart: None,
            down: Duration::from_secs(3),
            vanish: None,
            vanish_on: None,
            text: String::new(),
        }
    }
}

/// A `--faults` specification that does not parse: where, what was expected, and a hint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{spec}`, column {column}: {message}")]
pub struct FaultSpecError {
    /// The whole specification.
    pub spec: String,
    /// 1-based column of the item in error.
    pub column: usize,
    /// Width of the item in error, in characters.
    pub width: usize,
    /// What is wrong and what was expected.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

const GRAMMAR_HINT: &str = "items are key=value separated by commas: seed=N, 429|500|502|503|504=P%[@PATH], retry-after=SECONDS, lost=P%[@PATH], cut=N[..M] or cut=DURATION, gone=P%, gone-status=P%, latency=D[..D], restart=D[..D], down=D, vanish=D[..D] or vanish=@PATH (docs/reliability.md)";

impl FaultSpec {
    /// The seed with another value (for the fault matrix: same faults, another seed).
    pub fn with_seed(mut self, seed: u64) -> FaultSpec {
        self.seed = seed;
        let kept: Vec<&str> = self
            .text
            .split(',')
            .filter(|i| !i.trim_start().starts_with("seed="))
            .collect();
        self.text = std::iter::once(format!("seed={seed}"))
            .chain(kept.into_iter().map(str::to_owned))
            .filter(|i| !i.is_empty())
            .collect::<Vec<_>>()
            .join(",");
        self
    }

    /// The share of requests to `path` answered with an injected error status, all together.
    pub fn error_share(&self, path: &str) -> f64 {
        self.errors.iter().filter(|e| e.applies_to(path)).map(|e| e.share).sum()
    }
}

impl fmt::Display for FaultSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for FaultSpec {
    type Err = FaultSpecError;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let mut out = FaultSpec {
            text: spec.trim().to_owned(),
            ..FaultSpec::default()
        };
        let mut column = 1;
        for item in spec.split(',') {
            let at = column + (item.len() - item.trim_start().len());
            column += item.len() + 1;
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let fail = |message: String| FaultSpecError {
                spec: spec.to_owned(),
                column: at,
                width: item.chars().count(),
                message,
                hint: GRAMMAR_HINT.to_owned(),
            };
            let Some((key, value)) = item.split_once('=') else {
                return Err(fail(format!("`{item}` is not key=value")));
            };
            let (key, value) = (key.trim(), value.trim());
            let percent = || percent(value).map_err(|e| fail(format!("{key}: {e}")));
            let range = || duration_range(value).map_err(|e| fail(format!("{key}: {e}")));
            match key {
                "seed" => {
                    out.seed = value
                        .parse()
                        .map_err(|_| fail(format!("seed: expected a whole number, found `{value}`")))?
                }
                "retry-after" => {
                    out.retry_after = value
                        .parse()
                        .map_err(|_| fail(format!("retry-after: expected whole seconds like 1, found `{value}`")))?
                }
                "lost" => (out.lost, out.lost_path) = share_at(key, value).map_err(fail)?,
                "gone" => out.gone_event = percent()?,
                "gone-status" => out.gone_status = percent()?,
                "latency" => out.latency = Some(range()?),
                "restart" => out.restart = Some(range()?),
                "vanish" => match value.strip_prefix('@') {
                    Some(path) if path.trim().starts_with('/') => {
                        (out.vanish, out.vanish_on) = (None, Some(path.trim().to_owned()))
                    }
                    Some(_) => {
                        return Err(fail(format!(
                            "vanish: expected a path like @/apis after the @, found `{value}`"
                        )));
                    }
                    None => (out.vanish, out.vanish_on) = (Some(range()?), None),
                },
                "down" => {
                    out.down = humantime::parse_duration(value)
                        .map_err(|_| fail(format!("down: expected a duration like 3s, found `{value}`")))?
                }
                "cut" => {
                    if let Ok(d) = humantime::parse_duration(value) {
                        out.cut_after = Some(d);
                    } else {
                        let (lo, hi) = int_range(value).map_err(|e| fail(format!("cut: {e}")))?;
                        out.cut_events = Some((lo, hi));
                    }
                }
                status => {
                    let code: u16 = status
                        .parse()
                        .ok()
                        .filter(|c| STATUSES.contains(c))
                        .ok_or_else(|| fail(format!("unknown fault `{status}`")))?;
                    let (share, path) = share_at(key, value).map_err(fail)?;
                    out.errors.retain(|e| !(e.code == code && e.path == path));
                    out.errors.push(ErrorFault { code, share, path });
                }
            }
        }
        let worst = out
            .errors
            .iter()
            .map(|e| out.error_share(e.path.as_deref().unwrap_or("/")))
            .fold(0.0, f64::max);
        if worst > 1.0 {
            return Err(FaultSpecError {
                spec: spec.to_owned(),
                column: 1,
                width: spec.chars().count(),
                message: format!(
                    "the error statuses add up to {:.0}% of requests, more than 100%",
                    worst * 100.0
                ),
                hint: "lower their percentages".to_owned(),
            });
        }
        Ok(out)
    }
}

/// `10%` or `10%@/apis/policy`: a share, and the path prefix it is limited to.
fn share_at(key: &str, value: &str) -> Result<(f64, Option<String>), String> {
    let (value, path) = match value.split_once('@') {
        Some((v, p)) if p.trim().starts_with('/') => (v.trim(), Some(p.trim().to_owned())),
        Some(_) => {
            return Err(format!(
                "{key}: expected a path like @/apis/policy after the percentage, found `{value}`"
            ));
        }
        None => (value, None),
    };
    Ok((percent(value).map_err(|e| format!("{key}: {e}"))?, path))
}

fn percent(v: &str) -> Result<f64, String> {
    let number = v
        .strip_suffix('%')
        .ok_or_else(|| format!("expected a percentage like 10%, found `{v}`"))?;
    match number.trim().parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p / 100.0),
        _ => Err(format!("expected a percentage from 0% to 100%, found `{v}`")),
    }
}

fn duration_range(v: &str) -> Result<(Duration, Duration), String> {
    let parse = |s: &str| {
        humantime::parse_duration(s.trim())
            .map_err(|_| format!("expected a duration like 300ms or 10s..20s, found `{v}`"))
    };
    let (lo, hi) = match v.split_once("..") {
        Some((a, b)) => (parse(a)?, parse(b)?),
        None => (parse(v)?, parse(v)?),
    };
    if lo > hi {
        return Err(format!("the range `{v}` runs backwards"));
    }
    Ok((lo, hi))
}

fn int_range(v: &str) -> Result<(u32, u32), String> {
    let parse = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("expected a number of events like 1..3 or a duration like 2s, found `{v}`"))
    };
    let (lo, hi) = match v.split_once("..") {
        Some((a, b)) => (parse(a)?, parse(b)?),
        None => (parse(v)?, parse(v)?),
    };
    if lo > hi {
        return Err(format!("the range `{v}` runs backwards"));
    }
    Ok((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_item() {
        let s: FaultSpec = "seed=7, 500=10%,503=2.5%,429=20%,retry-after=2,lost=5%,cut=1..3,gone=30%,gone-status=10%,latency=300ms,restart=8s..14s,down=1s"
            .parse()
            .expect("valid");
        assert_eq!(s.seed, 7);
        let errors: Vec<(u16, f64)> = s.errors.iter().map(|e| (e.code, e.share)).collect();
        assert_eq!(errors, vec![(500, 0.10), (503, 0.025), (429, 0.20)]);
        assert_eq!(s.retry_after, 2);
        assert_eq!(s.lost, 0.05);
        assert_eq!(s.cut_events, Some((1, 3)));
        assert_eq!((s.gone_event, s.gone_status), (0.30, 0.10));
        let ms = Duration::from_millis;
        assert_eq!(s.latency, Some((ms(300), ms(300))));
        assert_eq!(s.restart, Some((ms(8000), ms(14000))));
        assert_eq!(s.down, ms(1000));
        let cut: FaultSpec = "cut=2s,vanish=5s".parse().expect("valid");
        assert_eq!((cut.cut_after, cut.cut_events), (Some(ms(2000)), None));
        assert_eq!(cut.vanish, Some((ms(5000), ms(5000))));
        assert_eq!(cut.seed, 1, "seed 1 by default");
        let on: FaultSpec = "vanish=@/apis".parse().expect("valid");
        assert_eq!((on.vanish, on.vanish_on.as_deref()), (None, Some("/apis")));
        let e = "seed=2,vanish=@apis".parse::<FaultSpec>().expect_err("no path");
        assert_eq!(
            (e.column, e.message.as_str()),
            (8, "vanish: expected a path like @/apis after the @, found `@apis`")
        );
    }

    #[test]
    fn errors_name_the_column_and_what_was_expected() {
        let e = "500=10%, 418=5%".parse::<FaultSpec>().expect_err("418 is no fault");
        assert_eq!(e.column, 10);
        assert_eq!(e.message, "unknown fault `418`");
        assert!(e.hint.contains("429|500|502|503|504"));
        let e = "500=ten".parse::<FaultSpec>().expect_err("no percentage");
        assert_eq!(
            (e.column, e.message.as_str()),
            (1, "500: expected a percentage like 10%, found `ten`")
        );
        let e = "latency=fast".parse::<FaultSpec>().expect_err("no duration");
        assert!(e.message.contains("expected a duration like 300ms"), "{}", e.message);
        let e = "restart=20s..10s".parse::<FaultSpec>().expect_err("backwards");
        assert!(e.message.contains("runs backwards"));
        let e = "cut".parse::<FaultSpec>().expect_err("no value");
        assert_eq!(e.message, "`cut` is not key=value");
        let e = "500=60%,503=60%".parse::<FaultSpec>().expect_err("over 100%");
        assert!(e.message.contains("120%"));
        assert_eq!(
            e.to_string(),
            "`500=60%,503=60%`, column 1: the error statuses add up to 120% of requests, more than 100%"
        );
    }

    #[test]
    fn an_error_status_may_be_limited_to_a_path() {
        let s: FaultSpec = "500=90%@/apis/policy,503=10%".parse().expect("valid");
        assert_eq!(s.error_share("/apis/policy/v1beta1"), 1.0);
        assert_eq!(s.error_share("/api/v1/pods"), 0.1);
        let e = "500=100%@/apis/policy,503=10%"
            .parse::<FaultSpec>()
            .expect_err("110% on /apis/policy");
        assert!(e.message.contains("110%"), "{}", e.message);
        let e = "500=10%@apis".parse::<FaultSpec>().expect_err("no leading slash");
        assert!(
            e.message.contains("expected a path like @/apis/policy"),
            "{}",
            e.message
        );
    }

    #[test]
    fn another_seed_keeps_the_faults() {
        let s: FaultSpec = "seed=1,500=10%".parse().expect("valid");
        let s = s.with_seed(3);
        assert_eq!(s.to_string(), "seed=3,500=10%");
        assert_eq!(s.to_string().parse::<FaultSpec>().expect("round trip"), s);
    }
}
