//! What the kernel says about processes (Linux `/proc`): when a process started, which
//! process group it is in, whether a group still has live members. Used to stop a process
//! group completely, and to recognise, at the next start, processes a killed run left behind
//! (a PID is ours only if it started when we recorded it: a reused PID is someone else's).
//!
//! Elsewhere than Linux the answers are coarser: a group is alive while `kill(-pgid, 0)`
//! succeeds, and no start times are known, so nothing left behind is adopted as ours.

use serde::{Deserialize, Serialize};

/// A process as the kernel knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcStat {
    pub pid: i32,
    /// `R`, `S`, `Z` (zombie), …
    pub state: char,
    pub pgrp: i32,
    /// Clock ticks after boot at which it started.
    pub start_ticks: u64,
}

/// When a process started: its start time after boot, and which boot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartStamp {
    pub boot_id: String,
    pub ticks: u64,
}

/// Parses `/proc/PID/stat`. The command name (field 2) is in parentheses and may itself hold
/// spaces and parentheses, so the fields are counted after its last `)`.
pub fn parse_stat(pid: i32, text: &str) -> Option<ProcStat> {
    let rest = &text[text.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the name: state is field 3, pgrp field 5, starttime field 22.
    Some(ProcStat {
        pid,
        state: fields.first()?.chars().next()?,
        pgrp: fields.get(2)?.parse().ok()?,
        start_ticks: fields.get(19)?.parse().ok()?,
    })
}

/// The kernel's record of one process, if it exists.
pub fn stat(pid: i32) -> Option<ProcStat> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_stat(pid, &text)
}

/// This boot's id (`/proc/sys/kernel/random/boot_id`), empty where unknown.
pub fn boot_id() -> String {
    std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

/// When `pid` started, if it runs and the kernel says.
pub fn start_stamp(pid: i32) -> Option<StartStamp> {
    let st = stat(pid)?;
    Some(StartStamp {
        boot_id: boot_id(),
        ticks: st.start_ticks,
    })
}

/// True when `pid` runs (not a zombie) and is the process that started at `stamp`.
pub fn is_same_process(pid: i32, stamp: &StartStamp) -> bool {
    match stat(pid) {
        Some(st) => !is_dead(st.state) && st.start_ticks == stamp.ticks && stamp.boot_id == boot_id(),
        None => false,
    }
}

fn is_dead(state: char) -> bool {
    matches!(state, 'Z' | 'X' | 'x')
}

/// Every live (not zombie) process of the group `pgid`.
pub fn group_members(pgid: i32) -> Vec<ProcStat> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter_map(stat)
        .filter(|st| st.pgrp == pgid && !is_dead(st.state))
        .collect()
}

/// True while some live process is in the group `pgid`. Zombies do not count: an orphan's
/// zombie waits for whoever reaps it (init, or nobody in some containers) and runs nothing.
pub fn group_alive(pgid: i32) -> bool {
    // SAFETY: kill(2) with signal 0 only checks that the group exists.
    let exists = unsafe { libc::kill(-pgid, 0) } == 0;
    if !exists {
        return false;
    }
    if cfg!(target_os = "linux") {
        !group_members(pgid).is_empty()
    } else {
        true
    }
}

/// Sends `sig` to every process of the group `pgid` (ignoring a group already gone).
pub fn signal_group(pgid: i32, sig: i32) {
    if pgid <= 1 {
        return;
    }
    // SAFETY: kill(2) with a negative pid signals a process group; no memory is involved.
    unsafe {
        libc::kill(-pgid, sig);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_stat_with_spaces_and_parentheses_in_the_name() {
        let text = "4242 (my (odd) prog) S 1 4240 4240 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 100";
        let st = parse_stat(4242, text).unwrap();
        assert_eq!(st.state, 'S');
        assert_eq!(st.pgrp, 4240);
        assert_eq!(st.start_ticks, 987654);
        assert_eq!(parse_stat(1, "garbage"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn knows_this_process_and_tells_a_different_start_apart() {
        let me = std::process::id() as i32;
        let stamp = start_stamp(me).expect("this process runs");
        assert!(is_same_process(me, &stamp));
        let other = StartStamp {
            ticks: stamp.ticks + 1,
            ..stamp.clone()
        };
        assert!(!is_same_process(me, &other));
        let pgrp = stat(me).unwrap().pgrp;
        assert!(group_alive(pgrp));
        assert!(group_members(pgrp).iter().any(|p| p.pid == me));
    }
}
