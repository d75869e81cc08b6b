//! Class mode in tests: a class server process (killed and restarted at will), learners'
//! runs as processes, a TCP relay that can be "unplugged" (a learner offline for a while),
//! and a headless Chromium driven through chromedriver (WebDriver) on 127.0.0.1.

use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::{BIN, REPO};

/// Where a class server listens: a port no other socket takes while the server is down for a
/// restart (see [`super::unused_port`]).
fn listen_address() -> String {
    format!("127.0.0.1:{}", super::unused_port())
}

/// A `workshop class serve` process.
pub struct ClassServer {
    child: Child,
    pub data: PathBuf,
    pub base: String,
    pub key: String,
    pub code: String,
    pub listen: String,
    /// What it printed at start (up to its `Ctrl-C` line).
    pub banner: String,
    later: mpsc::Receiver<String>,
    extra: Vec<String>,
    env: Vec<(String, String)>,
}

impl ClassServer {
    /// Starts a class on a free port of 127.0.0.1, kept in `dir/class.db`.
    pub fn start(dir: &Path, extra: &[&str]) -> ClassServer {
        ClassServer::start_at(
            dir.join("class.db"),
            &listen_address(),
            extra.iter().map(|s| s.to_string()).collect(),
            Vec::new(),
        )
    }

    pub fn start_with_env(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> ClassServer {
        ClassServer::start_at(
            dir.join("class.db"),
            &listen_address(),
            extra.iter().map(|s| s.to_string()).collect(),
            env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        )
    }

    fn start_at(data: PathBuf, listen: &str, extra: Vec<String>, env: Vec<(String, String)>) -> ClassServer {
        let mut cmd = Command::new(BIN);
        cmd.args([
            "--color",
            "never",
            "class",
            "serve",
            "--title",
            "Day 55, room 2",
            "--listen",
            listen,
            "--data",
        ])
        .arg(&data)
        .args(&extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start workshop class serve");
        let out = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut lines = Vec::new();
            let mut started = false;
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if started {
                    // What it prints later, line by line ([`ClassServer::stop`]).
                    let _ = tx.send(line);
                    continue;
                }
                // The last line of the banner, in every language.
                started = line.contains("Ctrl-C");
                lines.push(line);
                if started {
                    let _ = tx.send(lines.join("\n"));
                }
            }
        });
        let Ok(banner) = rx.recv_timeout(Duration::from_secs(30)) else {
            let _ = child.kill();
            panic!("workshop class serve did not start within 30s");
        };
        let url = banner
            .split_whitespace()
            .find(|w| w.contains("/?key="))
            .unwrap_or_else(|| panic!("no board URL in:\n{banner}"))
            .to_owned();
        let (base, key) = url.split_once("/?key=").expect("board URL");
        let words: Vec<&str> = banner.split_whitespace().collect();
        let code = words
            .iter()
            .position(|w| *w == "--join")
            .map(|i| words[i + 1].to_owned())
            .unwrap_or_else(|| panic!("no join code in:\n{banner}"));
        let listen = base.rsplit("//").next().expect("host:port").to_owned();
        ClassServer {
            child,
            data,
            base: base.to_owned(),
            key: key.to_owned(),
            code,
            listen,
            banner,
            later: rx,
            extra,
            env,
        }
    }

    pub fn board_url(&self) -> String {
        format!("{}/?key={}", self.base, self.key)
    }

    /// Kills the server (SIGKILL: no chance to tidy up) and starts it again on the same port
    /// and database after `down`.
    pub fn restart(&mut self, down: Duration) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        thread::sleep(down);
        let again = ClassServer::start_at(self.data.clone(), &self.listen, self.extra.clone(), self.env.clone());
        assert_eq!(
            (again.key.as_str(), again.code.as_str()),
            (self.key.as_str(), self.code.as_str()),
            "the class reopens with its key and code"
        );
        drop(std::mem::replace(self, again));
    }

    /// Stops the server as Ctrl-C would (SIGTERM) and returns what it printed after its banner.
    pub fn stop(mut self) -> String {
        // SAFETY: a plain kill(2) of our own child process.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let _ = self.child.wait();
        let mut said = Vec::new();
        while let Ok(line) = self.later.recv_timeout(Duration::from_secs(5)) {
            said.push(line);
        }
        said.join("\n")
    }

    /// `GET /api/class` as JSON.
    pub fn class_json(&self) -> serde_json::Value {
        http_get_json(&self.listen, &format!("/api/class?key={}", self.key))
    }
}

impl Drop for ClassServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A plain HTTP/1.1 request on loopback: the status and the body.
pub fn http(host_port: &str, method: &str, path: &str, auth: Option<&str>, body: &str) -> (u16, String) {
    let bearer = auth.map(|a| format!("Bearer {a}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(b) = &bearer {
        headers.push(("Authorization", b.as_str()));
    }
    request(host_port, method, path, &headers, body)
}

/// A GET on loopback with the headers a browser sends (`Accept-Language: es`): the status and
/// the body.
pub fn http_get_with(host_port: &str, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    request(host_port, "GET", path, headers, "")
}

fn request(host_port: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    use std::io::Write;
    let mut s = TcpStream::connect(host_port).expect("connect to the class server");
    let extra: String = headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
    let sent = write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host_port}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    if let Err(e) = sent {
        // The server hung up first (a TLS port closes on a plain-HTTP hello): no HTTP answer.
        return (0, format!("send: {e}"));
    }
    let _ = s.write_all(body.as_bytes());
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let buf = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = buf.split_once("\r\n\r\n").unwrap_or((&buf, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, body.to_owned())
}

/// A GET on loopback, its body parsed as JSON (status 200 expected).
pub fn http_get_json(host_port: &str, path: &str) -> serde_json::Value {
    let (status, body) = http(host_port, "GET", path, None, "");
    assert_eq!(status, 200, "GET {path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {body}"))
}

/// A learner's `workshop run` in a folder of its own.
pub struct LearnerRun {
    pub name: String,
    pub dir: PathBuf,
    child: Child,
    out: Option<thread::JoinHandle<String>>,
    err: Option<thread::JoinHandle<()>>,
}

pub fn scenario() -> String {
    format!("{REPO}/scenarios/day55.toml")
}

impl LearnerRun {
    /// Starts `workshop run day55 --class URL --join CODE --name NAME --events ndjson …extra`.
    pub fn start(dir: &Path, class: &str, code: &str, name: &str, extra: &[&str]) -> LearnerRun {
        LearnerRun::start_with_env(dir, class, code, name, extra, &[])
    }

    pub fn start_with_env(
        dir: &Path,
        class: &str,
        code: &str,
        name: &str,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> LearnerRun {
        std::fs::create_dir_all(dir).expect("learner folder");
        let mut child = Command::new(BIN)
            .envs(env.iter().copied())
            .args(["--color", "never", "run"])
            .arg(scenario())
            .args(["--class", class, "--join", code, "--name", name, "--events", "ndjson"])
            .args(extra)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start a learner's run");
        let mut stdout = child.stdout.take().expect("piped");
        let stderr = child.stderr.take().expect("piped");
        let errdir = dir.join("stderr.log");
        let err = thread::spawn(move || {
            let mut s = String::new();
            let _ = BufReader::new(stderr).read_to_string(&mut s);
            let _ = std::fs::write(&errdir, &s);
        });
        let out = thread::spawn(move || {
            let mut s = String::new();
            let _ = stdout.read_to_string(&mut s);
            s
        });
        LearnerRun {
            name: name.to_owned(),
            dir: dir.to_owned(),
            child,
            out: Some(out),
            err: Some(err),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGINT (Ctrl-C).
    pub fn interrupt(&self) {
        // SAFETY: a plain kill(2) of our own child process.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGINT);
        }
    }

    /// Waits for the run to end (at most `limit`): its exit code and how many events it
    /// streamed on stdout (`--events ndjson`).
    pub fn wait(mut self, limit: Duration) -> (i32, usize) {
        let deadline = Instant::now() + limit;
        let status = loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                break s;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let err = std::fs::read_to_string(self.dir.join("stderr.log")).unwrap_or_default();
                panic!("{}'s run did not finish within {limit:?}\n{err}", self.name);
            }
            thread::sleep(Duration::from_millis(20));
        };
        let out = self.out.take().expect("once").join().expect("reader");
        if let Some(e) = self.err.take() {
            let _ = e.join();
        }
        (
            status.code().unwrap_or(-1),
            out.lines().filter(|l| l.starts_with('{')).count(),
        )
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(self.dir.join("stderr.log")).unwrap_or_default()
    }
}

/// A TCP relay on 127.0.0.1 to the class server that can be unplugged: while it is down,
/// nothing listens on its port (connections are refused, as for a learner offline).
pub struct Relay {
    pub port: u16,
    stop: Option<mpsc::Sender<()>>,
}

impl Relay {
    /// A port for the relay, not listening yet.
    pub fn unplugged() -> Relay {
        Relay {
            port: super::unused_port(),
            stop: None,
        }
    }

    /// Starts relaying to `target` (host:port).
    pub fn plug(&mut self, target: &str) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("the relay's port is free again");
        listener.set_nonblocking(true).expect("nonblocking");
        let (tx, rx) = mpsc::channel::<()>();
        let target = target.to_owned();
        thread::spawn(move || {
            loop {
                if rx.try_recv().is_ok() {
                    return;
                }
                match listener.accept() {
                    Ok((inbound, _)) => {
                        let _ = inbound.set_nonblocking(false);
                        let Ok(outbound) = TcpStream::connect(&target) else {
                            continue;
                        };
                        for (mut a, mut b) in [
                            (
                                inbound.try_clone().expect("clone"),
                                outbound.try_clone().expect("clone"),
                            ),
                            (outbound, inbound),
                        ] {
                            thread::spawn(move || {
                                let _ = std::io::copy(&mut a, &mut b);
                                let _ = b.shutdown(std::net::Shutdown::Write);
                            });
                        }
                    }
                    Err(_) => thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        self.stop = Some(tx);
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// chromedriver on 127.0.0.1 and a headless Chromium session through it.
pub struct Browser {
    driver: Child,
    pub client: fantoccini::Client,
    _profile: tempfile::TempDir,
}

/// The chromedriver and Chromium binaries (Debian's `chromium-driver` and `chromium`).
pub fn browser_binaries() -> (PathBuf, PathBuf) {
    let find = |names: &[&str]| names.iter().find_map(|n| which::which(n).ok());
    let driver = find(&["chromedriver"])
        .expect("chromedriver is not installed: apt-get install chromium chromium-driver (.ci/run installs them)");
    let chromium = find(&["chromium", "chromium-browser", "google-chrome"])
        .expect("chromium is not installed: apt-get install chromium chromium-driver (.ci/run installs them)");
    (driver, chromium)
}

impl Browser {
    pub async fn start(width: u32, height: u32) -> Browser {
        let (driver_bin, chromium) = browser_binaries();
        let port = super::unused_port();
        let driver = Command::new(driver_bin)
            .args([format!("--port={port}"), "--allowed-ips=127.0.0.1".into()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen within 30s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::tempdir().expect("profile dir");
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage",
                    format!("--user-data-dir={}", profile.path().display()),
                    format!("--window-size={width},{height}"),
                ]
            }
        });
        let serde_json::Value::Object(caps) = caps else {
            unreachable!("an object")
        };
        let client = fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session through chromedriver");
        Browser {
            driver,
            client,
            _profile: profile,
        }
    }

    /// Runs `script` in the page until it returns true (at most `limit`).
    pub async fn until(&self, what: &str, limit: Duration, script: &str) {
        let deadline = Instant::now() + limit;
        loop {
            let v = self.client.execute(script, Vec::new()).await.expect("script runs");
            if v == serde_json::Value::Bool(true) {
                return;
            }
            if Instant::now() > deadline {
                let html = self
                    .client
                    .execute("return document.body.innerText", Vec::new())
                    .await
                    .unwrap_or_default();
                panic!(
                    "the board did not show {what} within {limit:?}; it shows:\n{}",
                    html.as_str().unwrap_or("")
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn close(self) {
        let Browser { mut driver, client, .. } = self;
        let _ = client.close().await;
        let _ = driver.kill();
        let _ = driver.wait();
    }
}
