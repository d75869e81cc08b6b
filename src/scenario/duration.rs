//! `Duration`: a human-written time span such as `30s`, `5m` or `1m 30s`.

use serde::{Deserialize, Deserializer, de};

/// A time span written the way people write it (`"30s"`, `"5m"`, `"1h 10m"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Duration(pub std::time::Duration);

impl Duration {
    pub const fn from_secs(secs: u64) -> Self {
        Duration(std::time::Duration::from_secs(secs))
    }

    pub fn as_std(self) -> std::time::Duration {
        self.0
    }

    /// Scales by a factor (`--timeout 2x`), never below one millisecond.
    pub fn scaled(self, factor: f64) -> Self {
        let scaled = self.0.as_secs_f64() * factor;
        Duration(std::time::Duration::from_secs_f64(scaled.max(0.001)))
    }
}

impl std::str::FromStr for Duration {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parsed = humantime::parse_duration(s.trim())
            .map_err(|e| crate::t!("duration-invalid", text = s, why = why_not(&e)))?;
        if parsed.is_zero() {
            return Err(crate::t!("duration-zero", text = s));
        }
        Ok(Duration(parsed))
    }
}

/// Why humantime did not read a duration, in the learner's language.
pub fn why_not(e: &humantime::DurationError) -> String {
    use humantime::DurationError as E;
    match e {
        E::InvalidCharacter(at) => crate::t!("duration-invalid-character", at = *at),
        E::NumberExpected(at) => crate::t!("duration-number-expected", at = *at),
        E::UnknownUnit { unit, value, .. } if unit.is_empty() => {
            crate::t!("duration-unit-needed", value = value.to_string())
        }
        E::UnknownUnit { unit, .. } => crate::t!("duration-unknown-unit", unit = format!("{unit:?}")),
        E::NumberOverflow => crate::t!("duration-overflow"),
        E::Empty => crate::t!("duration-empty"),
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Duration;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::t!("duration-expecting"))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Duration, E> {
                s.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

impl std::fmt::Display for Duration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_duration(self.0))
    }
}

/// Formats a span compactly for progress lines: `850ms`, `12s`, `1m 05s`, `5m`.
pub fn format_duration(d: std::time::Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let secs = d.as_secs();
    if secs < 60 {
        if ms < 10_000 {
            return format!("{:.1}s", d.as_secs_f64());
        }
        return format!("{secs}s");
    }
    let (m, s) = (secs / 60, secs % 60);
    if s == 0 {
        format!("{m}m")
    } else {
        format!("{m}m {s:02}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_human_durations() {
        assert_eq!("30s".parse::<Duration>().unwrap(), Duration::from_secs(30));
        assert_eq!("5m".parse::<Duration>().unwrap(), Duration::from_secs(300));
        assert_eq!("1m 30s".parse::<Duration>().unwrap(), Duration::from_secs(90));
    }

    #[test]
    fn rejects_bad_and_zero_durations() {
        assert!("soon".parse::<Duration>().unwrap_err().contains("not a duration"));
        assert!("30".parse::<Duration>().unwrap_err().contains("not a duration"));
        assert!("0s".parse::<Duration>().unwrap_err().contains("zero"));
    }

    #[test]
    fn formats_compactly() {
        assert_eq!(format_duration(std::time::Duration::from_millis(850)), "850ms");
        assert_eq!(format_duration(std::time::Duration::from_millis(2500)), "2.5s");
        assert_eq!(format_duration(std::time::Duration::from_secs(12)), "12s");
        assert_eq!(format_duration(std::time::Duration::from_secs(65)), "1m 05s");
        assert_eq!(format_duration(std::time::Duration::from_secs(300)), "5m");
    }
}
