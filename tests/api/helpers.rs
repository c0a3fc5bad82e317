#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use reqwest::{Client, Response};
use serde_json::{json, Value};
use server::{Application, Config};
use tempfile::TempDir;

pub struct TestApp {
    pub address: String,
    pub client: Client,
    pub db_path: PathBuf,
    _dir: TempDir,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the server in-process with a temp database, after `customize`
/// adjusts the configuration.
pub async fn spawn_app_with(customize: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let db_path = dir.path().join("mimicus.db");
    let mut config = Config::for_tests(db_path.to_str().expect("utf-8 path"));
    customize(&mut config);
    let app = Application::build(config).await.expect("server builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: Client::new(),
        db_path,
        _dir: dir,
    }
}

/// A minimal valid mock; `extra` fields are merged over it.
pub fn mock_json(path: &str, extra: Value) -> Value {
    let mut base = json!({
        "mock_name": format!("mock for {path}"),
        "match_method": "GET",
        "match_path": path,
        "response_body": {"path": path},
    });
    if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    base
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// The inspector list at `path` once it holds at least `n` entries; the
    /// writer is asynchronous, so this polls (up to 10 s on a loaded machine).
    pub async fn inspector_logs(&self, path: &str, n: usize) -> Value {
        self.inspector_logs_within(path, n, std::time::Duration::from_secs(10))
            .await
    }

    /// Like [`Self::inspector_logs`], giving up after `limit` (the list as it
    /// is then is returned, for the caller's assertions to fail on).
    pub async fn inspector_logs_within(
        &self,
        path: &str,
        n: usize,
        limit: std::time::Duration,
    ) -> Value {
        let deadline = std::time::Instant::now() + limit;
        loop {
            let body = expect_json(self.get(path).await, 200).await;
            if body["logs"].as_array().map_or(0, Vec::len) >= n
                || std::time::Instant::now() > deadline
            {
                return body;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn send_json(&self, method: reqwest::Method, path: &str, body: &Value) -> Response {
        self.client
            .request(method, self.url(path))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post_raw(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> Response {
        self.client
            .post(self.url(path))
            .header("Content-Type", content_type)
            .body(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Creates a mock and returns the stored definition; fails the test unless 201.
    pub async fn create_mock(&self, body: Value) -> Value {
        let response = self.post_json("/api/admin/mocks", &body).await;
        let status = response.status().as_u16();
        let json: Value = response.json().await.expect("json body");
        assert_eq!(status, 201, "create failed: {json}");
        json
    }

    pub async fn mock_count(&self) -> i64 {
        let list: Value = self
            .get("/api/admin/mocks")
            .await
            .json()
            .await
            .expect("json");
        list["count"].as_i64().expect("count")
    }

    pub async fn export(&self) -> Value {
        self.get("/api/admin/mocks/export")
            .await
            .json()
            .await
            .expect("json")
    }
}

/// Reads a JSON body, asserting the status first (with the body in the message).
pub async fn expect_json(response: Response, status: u16) -> Value {
    let actual = response.status().as_u16();
    let text = response.text().await.expect("body");
    assert_eq!(actual, status, "unexpected status; body: {text}");
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
}

/// The real `mimicus` binary, for restart and signal tests.
pub struct ServerProcess {
    pub child: Child,
    pub address: String,
}

pub fn start_binary(db: &Path, extra: &[&str]) -> ServerProcess {
    let mut command = binary_command(db, extra);
    command.stderr(Stdio::null());
    started(command)
}

/// Like [`start_binary`], with extra environment variables and JSON logs at
/// `info`, also returning every stderr line written before the server
/// listened (startup notices and logs), for assertions on what it printed.
pub fn start_binary_capturing_stderr(
    db: &Path,
    extra: &[&str],
    envs: &[(&str, &str)],
) -> (ServerProcess, Vec<String>) {
    capturing_startup_logs(binary_command(db, extra), envs)
}

/// Like [`start_binary_capturing_stderr`], with the server's address space
/// limited to `kib` KiB (`ulimit -v`).
pub fn start_binary_with_address_space_limit(db: &Path, kib: u64) -> (ServerProcess, Vec<String>) {
    let server = binary_command(db, &[]);
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
        .arg(server.get_program())
        .args(server.get_args())
        .stdout(Stdio::piped());
    capturing_startup_logs(command, &[])
}

/// Starts `command` with JSON logs at `info` (or as `envs` say) and returns
/// the stderr lines written before the server listened.
fn capturing_startup_logs(
    mut command: Command,
    envs: &[(&str, &str)],
) -> (ServerProcess, Vec<String>) {
    command
        .args(["--log-format", "json"])
        .env("RUST_LOG", "info")
        .envs(envs.iter().copied())
        .stderr(Stdio::piped());
    let mut server = started(command);
    let mut stderr = BufReader::new(server.child.stderr.take().expect("stderr"));
    // "mimicus started" is logged before the listening line is printed, so
    // everything up to it is already in the pipe: no waiting, no guessing.
    let mut lines = Vec::new();
    let mut line = String::new();
    while stderr.read_line(&mut line).expect("stderr line") > 0 {
        let done = line.contains("mimicus started");
        lines.push(std::mem::take(&mut line).trim_end().to_string());
        if done {
            break;
        }
    }
    // Keep draining so later writes never hit a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    (server, lines)
}

fn binary_command(db: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mimicus"));
    command
        .args([
            "serve",
            "--port",
            "0",
            "--database-url",
            db.to_str().expect("utf-8"),
        ])
        .args(extra)
        .stdout(Stdio::piped());
    command
}

/// Spawns `command` and waits for its "listening on" line.
fn started(mut command: Command) -> ServerProcess {
    let mut child = command.spawn().expect("binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("startup line");
    let address = line
        .trim()
        .rsplit(' ')
        .next()
        .filter(|a| a.starts_with("http://"))
        .unwrap_or_else(|| panic!("unexpected startup line: {line:?}"))
        .to_string();
    ServerProcess { child, address }
}

impl ServerProcess {
    /// The server's address via 127.0.0.1, whatever host it was bound to
    /// (a server on 0.0.0.0 announces `http://0.0.0.0:PORT`).
    pub fn loopback_url(&self, path: &str) -> String {
        let port = self.address.rsplit(':').next().expect("port");
        format!("http://127.0.0.1:{port}{path}")
    }

    /// Sends SIGTERM and waits; returns the exit code.
    pub fn terminate(mut self) -> Option<i32> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        self.child.wait().ok().and_then(|s| s.code())
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Like [`start_binary_capturing_stderr`], but keeps collecting every
/// stderr line for the server's whole life, for assertions on later logs.
pub fn start_binary_collecting_stderr(
    db: &Path,
    extra: &[&str],
    envs: &[(&str, &str)],
) -> (ServerProcess, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let mut command = binary_command(db, extra);
    command.envs(envs.iter().copied()).stderr(Stdio::piped());
    let mut server = started(command);
    let stderr = BufReader::new(server.child.stderr.take().expect("stderr"));
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = std::sync::Arc::clone(&lines);
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            sink.lock().expect("lines").push(line);
        }
    });
    (server, lines)
}

/// Sends raw bytes on a new connection and returns everything the server
/// writes back before it closes the connection or `wait` passes (the text
/// read so far is returned either way).
pub async fn raw_exchange(address: &str, request: &[u8], wait: std::time::Duration) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.expect("connect");
    stream.write_all(request).await.expect("write");
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(n)) => received.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&received).into_owned()
}
