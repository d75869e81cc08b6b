//! Interruptions: SIGINT (Ctrl-C), SIGTERM (a service manager, `kill`) and SIGHUP (the
//! terminal closed, an ssh session dropped) all end a run the same way. The running step's
//! processes get SIGTERM, then SIGKILL after [`super::process::GRACE`]; background processes
//! the same; the summary is printed; and the exit code says which signal it was (130, 143,
//! 129, the shell's 128 + signal number). A second signal while stopping skips the grace
//! period.

use std::sync::Arc;
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};

use tokio::signal::unix::{SignalKind, signal};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::exit_code;

/// The signals that interrupt a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Ctrl-C.
    Int,
    /// `kill PID`, a service manager stopping us.
    Term,
    /// The terminal closed.
    Hup,
}

impl Signal {
    pub fn number(self) -> i32 {
        match self {
            Signal::Int => libc::SIGINT,
            Signal::Term => libc::SIGTERM,
            Signal::Hup => libc::SIGHUP,
        }
    }

    fn from_number(n: i32) -> Option<Signal> {
        match n {
            libc::SIGINT => Some(Signal::Int),
            libc::SIGTERM => Some(Signal::Term),
            libc::SIGHUP => Some(Signal::Hup),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Signal::Int => "SIGINT",
            Signal::Term => "SIGTERM",
            Signal::Hup => "SIGHUP",
        }
    }

    /// How the learner reads it: `Ctrl-C (SIGINT)`.
    pub fn describe(self) -> String {
        match self {
            Signal::Int => "Ctrl-C (SIGINT)".to_owned(),
            Signal::Term => "SIGTERM".to_owned(),
            Signal::Hup => crate::t!("signal-hup"),
        }
    }

    /// 128 + the signal number, as a shell reports a process ended by it.
    pub fn exit_code(self) -> i32 {
        match self {
            Signal::Int => exit_code::INTERRUPTED,
            Signal::Term => exit_code::TERMINATED,
            Signal::Hup => exit_code::HANGUP,
        }
    }
}

/// Whether and how the run was interrupted. Cloned freely; every clone sees the same state.
#[derive(Debug, Clone, Default)]
pub struct Interrupt {
    token: CancellationToken,
    /// Fires at the second signal: stop processes at once, without the grace period.
    hurry: CancellationToken,
    state: Arc<State>,
}

#[derive(Debug, Default)]
struct State {
    /// The first signal's number, 0 before any.
    first: AtomicI32,
    count: AtomicUsize,
}

impl Interrupt {
    pub fn new() -> Interrupt {
        Interrupt::default()
    }

    /// Cancelled at the first signal (or `q` at a step card).
    pub fn token(&self) -> &CancellationToken {
        &self.token
    }

    /// Cancelled at the second signal.
    pub fn hurry(&self) -> &CancellationToken {
        &self.hurry
    }

    /// The first signal that came, if any.
    pub fn signal(&self) -> Option<Signal> {
        Signal::from_number(self.state.first.load(Ordering::SeqCst))
    }

    /// Records a signal: the first cancels the run, the second hurries the stop.
    pub fn raise(&self, s: Signal) {
        let _ = self
            .state
            .first
            .compare_exchange(0, s.number(), Ordering::SeqCst, Ordering::SeqCst);
        if self.state.count.fetch_add(1, Ordering::SeqCst) >= 1 {
            self.hurry.cancel();
        }
        self.token.cancel();
    }

    /// Listens for SIGINT, SIGTERM and SIGHUP until the task is aborted. From the moment this
    /// returns, none of them ends the process on its own: the run decides how to stop.
    pub fn listen(&self) -> JoinHandle<()> {
        let streams: Vec<(Signal, Option<tokio::signal::unix::Signal>)> = [
            (Signal::Int, SignalKind::interrupt()),
            (Signal::Term, SignalKind::terminate()),
            (Signal::Hup, SignalKind::hangup()),
        ]
        .into_iter()
        .map(|(s, kind)| (s, signal(kind).ok()))
        .collect();
        let me = self.clone();
        tokio::spawn(async move {
            let mut streams = streams;
            loop {
                let next = futures::future::select_all(streams.iter_mut().map(|(s, stream)| {
                    let s = *s;
                    Box::pin(async move {
                        match stream {
                            Some(st) => {
                                st.recv().await;
                            }
                            None => std::future::pending::<()>().await,
                        }
                        s
                    })
                }));
                let (s, _, _) = next.await;
                tracing::info!("received {}", s.name());
                me.raise(s);
                if me.hurry().is_cancelled() {
                    super::process::kill_all_now();
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_signal_decides_the_exit_code_and_the_second_hurries() {
        let i = Interrupt::new();
        assert_eq!(i.signal(), None);
        i.raise(Signal::Hup);
        assert!(i.token().is_cancelled());
        assert!(!i.hurry().is_cancelled());
        i.raise(Signal::Int);
        assert!(i.hurry().is_cancelled());
        assert_eq!(i.signal(), Some(Signal::Hup));
        assert_eq!(i.signal().map(Signal::exit_code), Some(129));
        assert_eq!(Signal::Term.exit_code(), 143);
        assert_eq!(Signal::Int.exit_code(), 130);
    }

    #[tokio::test]
    async fn a_real_signal_is_caught_not_fatal() {
        let i = Interrupt::new();
        let task = i.listen();
        // SAFETY: raise(3) sends a signal to this process; the handler above is installed.
        unsafe {
            libc::raise(libc::SIGHUP);
        }
        tokio::time::timeout(std::time::Duration::from_secs(10), i.token().cancelled())
            .await
            .expect("the signal cancels the run");
        assert_eq!(i.signal(), Some(Signal::Hup));
        task.abort();
    }
}
