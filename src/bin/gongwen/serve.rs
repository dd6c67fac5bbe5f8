//! `gongwen serve`: the HTTP API for trackers and the web page for office staff, on axum/tokio.
//!
//! Parsing is CPU-bound and synchronous, so it never runs on the async threads: each parse takes
//! a permit of a semaphore sized `--jobs` and runs on tokio's blocking pool. Requests waiting for
//! a permit are counted; past `--queue` waiting the server answers 503 at once instead of piling
//! up memory. Uploads are held in memory, refused past `--max-upload`; every request is bounded
//! by `--timeout`. Errors are RFC 9457 problem details (`application/problem+json`) whose
//! `detail` is the CLI's message.

mod accept;

use crate::output::{self, TaskFormat};
use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body_util::BodyExt;
use serde::Deserialize;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The page, the OpenAPI description and the schemas are part of the binary: it works offline.
const PAGE: &str = include_str!("serve/index.html");
const OPENAPI: &str = include_str!("../../../openapi/openapi.json");
const DOCUMENT_SCHEMA: &str = include_str!("../../../schema/document.schema.json");
const TASK_SCHEMA: &str = include_str!("../../../schema/task.schema.json");

/// Room for the multipart envelope (boundaries, part headers) on top of the file itself.
const MULTIPART_SLACK: usize = 64 * 1024;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on; port 0 picks a free port (the bound address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Require `Authorization: Bearer TOKEN` on every /v1 call.
    #[arg(long)]
    token: Option<String>,
    /// Largest upload accepted (B, KB, MB, GB; KiB, MiB, GiB): larger ones get 413.
    #[arg(long, default_value = "50MB", value_parser = parse_size)]
    max_upload: usize,
    /// Documents parsed at once (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// Requests allowed to wait for a parsing slot; past that, 503.
    #[arg(long, default_value_t = 64)]
    queue: usize,
    /// Seconds a request may take, upload and parsing included; past that, 503.
    #[arg(long, default_value_t = 60)]
    timeout: u64,
    /// Request bodies held in memory at once, over all requests (uploading, waiting or being
    /// parsed); past that, 503 with Retry-After.
    #[arg(long, default_value = "512MB", value_parser = parse_size)]
    max_buffered: usize,
    /// Seconds a client may take to send a request's headers; past that, the connection closes.
    #[arg(long, default_value_t = 10)]
    header_timeout: u64,
    /// Connections open at once (default: three quarters of the open-file limit); more wait in
    /// the accept queue.
    #[arg(long)]
    max_connections: Option<usize>,
    /// An office's own unit names for `unit_keys`: a CSV of alias,canonical.
    #[arg(long, value_name = "FILE.csv")]
    units_map: Option<std::path::PathBuf>,
}

/// "50MB", "512KiB", "1048576" → bytes. Decimal units are powers of 1000, binary of 1024.
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("{s:?} is not a size like 50MB"))?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        u => return Err(format!("unknown size unit {u:?} (B, KB, MB, GB, KiB, MiB, GiB)")),
    };
    let v = n * mult;
    if !(1.0..=(usize::MAX as f64)).contains(&v) {
        return Err(format!("{s:?} is not a usable size"));
    }
    Ok(v as usize)
}

/// How the server was started, shared by all requests.
struct App {
    token: Option<String>,
    max_upload: usize,
    timeout: Duration,
    /// One permit per parse that may run at once.
    slots: Arc<Semaphore>,
    /// Parses admitted: running plus waiting for a slot.
    admitted: AtomicUsize,
    /// Most parses admitted at once: `jobs + queue`.
    capacity: usize,
    /// Bytes of request bodies held now, and the most that may be.
    buffered: AtomicUsize,
    max_buffered: usize,
    /// `--units-map`, for every parse.
    units_map: Option<Arc<gongwen::UnitsMap>>,
}

pub fn run(args: Args) -> ExitCode {
    let Some(units_map) = crate::units_map_arg(args.units_map.as_deref()) else { return ExitCode::from(2) };
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)).max(1);
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // The blocking pool only ever holds the parses (at most `jobs` at once) and a few
        // timed-out ones finishing.
        .max_blocking_threads(jobs * 2 + 2)
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("gongwen serve: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let app = Arc::new(App {
        token: args.token.filter(|t| !t.is_empty()),
        max_upload: args.max_upload,
        timeout: Duration::from_secs(args.timeout.max(1)),
        slots: Arc::new(Semaphore::new(jobs)),
        admitted: AtomicUsize::new(0),
        capacity: jobs + args.queue,
        buffered: AtomicUsize::new(0),
        max_buffered: args.max_buffered,
        units_map,
    });
    rt.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(args.addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("gongwen serve: cannot listen on {}: {e}", args.addr);
                return ExitCode::from(1);
            }
        };
        let bound = listener.local_addr().map(|a| a.to_string()).unwrap_or_else(|_| args.addr.to_string());
        // Tests and scripts read this line to learn the port.
        println!("listening on http://{bound}");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let bounds = accept::Bounds {
            header_timeout: Duration::from_secs(args.header_timeout.max(1)),
            max_connections: args.max_connections.unwrap_or_else(accept::default_max_connections).max(1),
        };
        accept::serve(listener, router(app), bounds, shutdown()).await;
        ExitCode::SUCCESS
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// The routes. Keep in step with openapi/openapi.json (tests/serve.rs compares them).
fn router(app: Arc<App>) -> Router {
    let api = Router::new()
        .route("/v1/parse", post(parse_route))
        .route("/v1/tasks", post(tasks_route))
        .route("/v1/schema/document", get(|| async { json(DOCUMENT_SCHEMA) }))
        .route("/v1/schema/task", get(|| async { json(TASK_SCHEMA) }))
        .route("/v1/openapi.json", get(|| async { json(OPENAPI) }));
    Router::new()
        .route("/", get(|| async { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE) }))
        .route("/healthz", get(|| async { json("{\"status\":\"ok\"}\n") }))
        .merge(api)
        .fallback(|uri: Uri| async move {
            Problem::new(StatusCode::NOT_FOUND, "not_found", format!("no such route: {}", uri.path()))
        })
        .method_not_allowed_fallback(|method: Method, uri: Uri| async move {
            Problem::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                format!("{method} is not allowed on {}", uri.path()),
            )
        })
        // The upload limit is ours (problem JSON 413), not axum's default 2 MB.
        .layer(DefaultBodyLimit::disable())
        // Outside the routing: a caller without the token learns nothing, not even which
        // methods a route takes (401 before 405).
        .layer(middleware::from_fn_with_state(app.clone(), authorize))
        .layer(middleware::from_fn_with_state(app.clone(), deadline))
        .layer(middleware::from_fn(security_headers))
        .with_state(app)
}

fn json(body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Bounds every request: upload, waiting and parsing together.
async fn deadline(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(app.timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!("the request took longer than the {} s limit (--timeout)", app.timeout.as_secs()),
        )
        .retry_after()
        .into_response(),
    }
}

/// What the page may load and do, and what browsers must not guess: on every response.
async fn security_headers(req: Request, next: Next) -> Response {
    static CSP: std::sync::OnceLock<HeaderValue> = std::sync::OnceLock::new();
    let csp = CSP.get_or_init(|| {
        HeaderValue::from_str(&content_security_policy(PAGE)).unwrap_or(HeaderValue::from_static("default-src 'none'"))
    });
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, csp.clone());
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    r
}

/// Nothing but the page's own inline script and style (by their SHA-256) and calls back to this
/// server.
fn content_security_policy(page: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash = |open: &str, close: &str| -> String {
        let body = page.split_once(open).and_then(|(_, rest)| rest.split_once(close)).map_or("", |(b, _)| b);
        format!("'sha256-{}'", base64(&Sha256::digest(body.as_bytes())))
    };
    format!(
        "default-src 'none'; script-src {}; style-src {}; connect-src 'self'; img-src 'self' data: blob:; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        hash("<script>", "</script>"),
        hash("<style>", "</style>")
    )
}

/// Standard base64 with padding (for CSP hashes).
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

async fn authorize(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if !(path == "/v1" || path.starts_with("/v1/")) {
        return next.run(req).await;
    }
    if let Some(token) = &app.token {
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim);
        if !given.is_some_and(|g| same(g.as_bytes(), token.as_bytes())) {
            let mut r = Problem::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "this server needs Authorization: Bearer <token>".into(),
            )
            .into_response();
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return r;
        }
    }
    next.run(req).await
}

/// Compares without stopping at the first difference, so timing does not tell the token.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// An RFC 9457 problem detail.
struct Problem {
    status: StatusCode,
    /// Stable machine-readable code, also the last part of `type`.
    code: &'static str,
    detail: String,
    retry: bool,
}

impl Problem {
    fn new(status: StatusCode, code: &'static str, detail: String) -> Problem {
        Problem { status, code, detail, retry: false }
    }

    fn retry_after(mut self) -> Problem {
        self.retry = true;
        self
    }

    /// The status for a library error: a plain match on the variant (docs/errors.md).
    fn from_error(e: &gongwen::Error) -> Problem {
        use gongwen::{Error as E, Format};
        let (status, code) = match e {
            E::Io(_) => (StatusCode::BAD_REQUEST, "unreadable"),
            E::UnknownEncoding { .. } => (StatusCode::BAD_REQUEST, "unknown_encoding"),
            E::Encrypted { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "encrypted"),
            // As in batch: what is not a document is 415; a document that cannot be read, 422.
            E::NotADocument { .. } | E::Unsupported { .. } | E::NoText { format: Format::Txt | Format::Html, .. } => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "not_a_document")
            }
            E::Damaged { .. } | E::NoText { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "damaged"),
            E::Limit { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "limit"),
            _ => (StatusCode::UNPROCESSABLE_ENTITY, "unprocessable"),
        };
        Problem::new(status, code, e.to_string())
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        // RFC 9457 members in their usual order; `code` is our extension member.
        #[derive(serde::Serialize)]
        struct Body<'a> {
            #[serde(rename = "type")]
            kind: String,
            title: &'a str,
            status: u16,
            detail: &'a str,
            code: &'a str,
        }
        let body = Body {
            kind: format!("tag:gongwen,2025:problem/{}", self.code),
            title: self.status.canonical_reason().unwrap_or("Error"),
            status: self.status.as_u16(),
            detail: &self.detail,
            code: self.code,
        };
        let mut bytes = serde_json::to_vec(&body).expect("a problem serializes");
        bytes.push(b'\n');
        let mut r = (self.status, [(header::CONTENT_TYPE, "application/problem+json")], bytes).into_response();
        if self.retry {
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        r
    }
}

/// An uploaded file.
struct Upload {
    bytes: Bytes,
    /// Its place in the server's body budget, given back when the upload is dropped (after the
    /// parse).
    _held: Held,
    /// The multipart file name, when it came as one.
    name: Option<String>,
    /// The multipart field `password`: an encrypted PDF's user password.
    password: Option<String>,
}

/// Reads the body (raw bytes, or the multipart part `file`), refusing it past the limit.
async fn read_upload(app: &Arc<App>, req: Request) -> Result<Upload, Problem> {
    let too_large = || {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("the upload is larger than the {} byte limit (--max-upload)", app.max_upload),
        )
    };
    let (parts, mut body) = req.into_parts();
    let multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"));
    let limit = if multipart { app.max_upload.saturating_add(MULTIPART_SLACK) } else { app.max_upload };
    let declared =
        parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        drain(&mut body).await;
        return Err(too_large());
    }
    let mut held = Held::new(app);
    // A declared length is taken from the budget at once: the buffer is made that large.
    if let Some(n) = declared {
        if let Err(busy) = held.grow(n as usize) {
            drain(&mut body).await;
            return Err(busy);
        }
    }
    let mut buf: Vec<u8> = Vec::with_capacity(declared.map_or(0, |n| n as usize));
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            Problem::new(StatusCode::BAD_REQUEST, "unreadable", format!("the upload could not be read: {e}"))
        })?;
        if let Ok(data) = frame.into_data() {
            if buf.len() + data.len() > limit {
                drop(buf);
                drop(held);
                drain(&mut body).await;
                return Err(too_large());
            }
            if let Err(busy) = held.grow((buf.len() + data.len()).saturating_sub(held.bytes)) {
                drop(buf);
                drop(held);
                drain(&mut body).await;
                return Err(busy);
            }
            buf.extend_from_slice(&data);
        }
    }
    let upload = if multipart {
        let req = Request::from_parts(parts, Body::from(buf));
        let mut form = Multipart::from_request(req, &())
            .await
            .map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "unreadable", format!("bad multipart form: {e}")))?;
        let mut found = None;
        let mut password = None;
        loop {
            match form.next_field().await {
                Ok(Some(field)) if field.name() == Some("password") => {
                    password = field.text().await.ok().filter(|p| !p.is_empty());
                }
                Ok(Some(field)) if field.name() == Some("file") => {
                    let name = field.file_name().map(str::to_string);
                    let bytes = field.bytes().await.map_err(|e| {
                        Problem::new(StatusCode::BAD_REQUEST, "unreadable", format!("bad multipart form: {e}"))
                    })?;
                    found = Some(Upload { bytes, name, password: None, _held: Held::new(app) });
                }
                Ok(Some(_)) => continue,
                Ok(None) => break,
                Err(e) => {
                    return Err(Problem::new(StatusCode::BAD_REQUEST, "unreadable", format!("bad multipart form: {e}")))
                }
            }
        }
        let Some(mut found) = found else {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "no_file",
                "the multipart form has no part named \"file\"".into(),
            ));
        };
        if found.bytes.len() > app.max_upload {
            return Err(too_large());
        }
        found.password = password;
        // The form's buffer is gone; the file is what stays held.
        found._held = held;
        found
    } else {
        Upload { bytes: Bytes::from(buf), name: None, password: None, _held: held }
    };
    if upload.bytes.is_empty() {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "empty",
            "the request carries no file: send it as the body or as the multipart part \"file\"".into(),
        ));
    }
    Ok(upload)
}

/// Reads and discards what is left of a refused body, so a client that sends the whole body before
/// reading the answer (Python's urllib, curl without Expect) gets the 413 instead of a broken
/// pipe, as nginx's lingering close does: until the body ends, or nothing has come for a second,
/// or for 10 s at most. Nothing is kept.
async fn drain(body: &mut Body) {
    let until = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let next = tokio::time::timeout(Duration::from_secs(1), body.frame());
        match tokio::time::timeout_at(until, next).await {
            Ok(Ok(Some(Ok(_)))) => continue,
            _ => return,
        }
    }
}

/// Bytes of request bodies one request holds in memory, counted against `--max-buffered`;
/// given back when dropped.
struct Held {
    app: Arc<App>,
    bytes: usize,
}

impl Held {
    fn new(app: &Arc<App>) -> Held {
        Held { app: app.clone(), bytes: 0 }
    }

    /// Takes `more` bytes from the budget, or answers 503 when the server holds too much.
    fn grow(&mut self, more: usize) -> Result<(), Problem> {
        let app = &self.app;
        let before = app.buffered.fetch_add(more, Ordering::AcqRel);
        if before.saturating_add(more) > app.max_buffered {
            app.buffered.fetch_sub(more, Ordering::AcqRel);
            return Err(Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                format!(
                    "the server holds {} bytes of uploads, the most it may (--max-buffered); try again shortly",
                    app.max_buffered
                ),
            )
            .retry_after());
        }
        self.bytes += more;
        Ok(())
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        self.app.buffered.fetch_sub(self.bytes, Ordering::AcqRel);
    }
}

/// Holds a place among the admitted parses; given back when dropped.
struct Admission(Arc<App>);

impl Drop for Admission {
    fn drop(&mut self) {
        self.0.admitted.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Runs `work` on the blocking pool once a slot is free, or answers 503 when the queue is full.
async fn on_pool<T: Send + 'static>(app: &Arc<App>, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Problem> {
    let busy = || {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "the server is busy: too many documents waiting; try again shortly".into(),
        )
        .retry_after()
    };
    if app.admitted.fetch_add(1, Ordering::AcqRel) >= app.capacity {
        app.admitted.fetch_sub(1, Ordering::AcqRel);
        return Err(busy());
    }
    let admission = Admission(app.clone());
    let permit = app.slots.clone().acquire_owned().await.map_err(|_| busy())?;
    // The permit and the admission go with the work: a request that times out stops waiting,
    // but its parse keeps its slot until it really ends, so the pool stays bounded.
    let handle = tokio::task::spawn_blocking(move || {
        let out = work();
        drop(permit);
        drop(admission);
        out
    });
    handle.await.map_err(|_| {
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the parser stopped unexpectedly".into())
    })
}

/// Query flags: "1", "true", "yes" or empty (`?include_text`) mean on.
fn flag(v: &Option<String>) -> bool {
    matches!(v.as_deref(), Some("" | "1" | "true" | "yes" | "on"))
}

#[derive(Deserialize)]
struct ParseQuery {
    /// Reported as `source.path` (default: the multipart file name, else "-").
    filename: Option<String>,
    encoding: Option<String>,
    pretty: Option<String>,
    /// Return {document, text}: the decoded text the spans point into.
    include_text: Option<String>,
    /// Add `tasks`: the task rows with the span of each.
    include_tasks: Option<String>,
}

fn bad_query(e: QueryRejection) -> Problem {
    Problem::new(StatusCode::BAD_REQUEST, "bad_query", e.body_text())
}

/// The options for an upload, as `gongwen parse FILE` would use them.
fn options(filename: Option<String>, upload_name: Option<String>, encoding: Option<String>) -> gongwen::Options {
    let path = filename.or(upload_name).unwrap_or_else(|| "-".to_string());
    // Built from the default so fields added to Options (limits) keep their defaults here.
    #[allow(clippy::needless_update)]
    gongwen::Options { path, encoding: encoding.filter(|e| !e.is_empty()), ..Default::default() }
}

async fn parse_route(
    State(app): State<Arc<App>>,
    query: Result<Query<ParseQuery>, QueryRejection>,
    req: Request,
) -> Result<Response, Problem> {
    let Query(q) = query.map_err(bad_query)?;
    let upload = read_upload(&app, req).await?;
    let mut opts = options(q.filename, upload.name.clone(), q.encoding);
    opts.password = upload.password.clone();
    opts.units_map = app.units_map.clone();
    let (pretty, with_text, with_tasks) = (flag(&q.pretty), flag(&q.include_text), flag(&q.include_tasks));
    let out = on_pool(&app, move || -> Result<Vec<u8>, gongwen::Error> {
        if !with_text && !with_tasks {
            // Exactly `gongwen parse`.
            return Ok(output::document_json(&gongwen::parse(&upload.bytes, &opts)?, pretty));
        }
        let src = gongwen::read_text(&upload.bytes, &opts)?;
        let doc = gongwen::parse_source(&src, &upload.bytes, &opts);
        let mut view = serde_json::Map::new();
        if with_tasks {
            let tasks: Vec<serde_json::Value> = gongwen::task_rows_with_spans(&doc)
                .into_iter()
                .map(|(row, span)| {
                    let mut v = serde_json::to_value(row).expect("a row serializes");
                    if let Some(o) = v.as_object_mut() {
                        o.insert("span".into(), serde_json::json!(span));
                    }
                    v
                })
                .collect();
            view.insert("tasks".into(), serde_json::Value::Array(tasks));
        }
        view.insert("document".into(), serde_json::to_value(&doc).expect("the document serializes"));
        if with_text {
            view.insert("text".into(), serde_json::Value::String(src.text));
        }
        let mut bytes = if pretty { serde_json::to_vec_pretty(&view) } else { serde_json::to_vec(&view) }
            .expect("the view serializes");
        bytes.push(b'\n');
        Ok(bytes)
    })
    .await?
    .map_err(|e| Problem::from_error(&e))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], out).into_response())
}

#[derive(Deserialize)]
struct TasksQuery {
    filename: Option<String>,
    encoding: Option<String>,
    /// json (an array of rows), jsonl, csv, xlsx or ics.
    format: Option<String>,
    /// CSV: start with a byte-order mark for Excel.
    excel: Option<String>,
}

async fn tasks_route(
    State(app): State<Arc<App>>,
    query: Result<Query<TasksQuery>, QueryRejection>,
    req: Request,
) -> Result<Response, Problem> {
    let Query(q) = query.map_err(bad_query)?;
    let format = match q.format.as_deref().unwrap_or("json") {
        "json" => None,
        "jsonl" => Some(TaskFormat::Jsonl),
        "csv" => Some(TaskFormat::Csv),
        "xlsx" => Some(TaskFormat::Xlsx),
        "ics" => Some(TaskFormat::Ics),
        other => {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "bad_query",
                format!("unknown format {other:?}: json, jsonl, csv, xlsx or ics"),
            ))
        }
    };
    let excel = flag(&q.excel);
    let upload = read_upload(&app, req).await?;
    let mut opts = options(q.filename, upload.name.clone(), q.encoding);
    opts.password = upload.password.clone();
    opts.units_map = app.units_map.clone();
    let stem = download_name(&opts.path);
    let out = on_pool(&app, move || -> Result<Vec<u8>, Problem> {
        let doc = gongwen::parse(&upload.bytes, &opts).map_err(|e| Problem::from_error(&e))?;
        let docs = [output::DocTasks::of(&doc)];
        match format {
            None => {
                let mut b = serde_json::to_vec(&docs[0].rows).expect("rows serialize");
                b.push(b'\n');
                Ok(b)
            }
            Some(f) => output::task_bytes(&docs, f, excel).map_err(|e| {
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", format!("cannot build the workbook: {e}"))
            }),
        }
    })
    .await??;
    let (ctype, ext) = match format {
        None => ("application/json", "json"),
        Some(TaskFormat::Jsonl) => ("application/x-ndjson", "jsonl"),
        Some(TaskFormat::Csv) => ("text/csv; charset=utf-8", "csv"),
        Some(TaskFormat::Xlsx) => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        Some(TaskFormat::Ics) => ("text/calendar; charset=utf-8", "ics"),
    };
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    // RFC 6266/8187: an ASCII fallback and the UTF-8 name (Chinese file names).
    let disposition = format!(
        "attachment; filename=\"tasks.{ext}\"; filename*=UTF-8''{}",
        percent(&format!("{stem}-任务清单.{ext}"))
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok((headers, out).into_response())
}

/// The file name without folders and extension, for download names.
fn download_name(path: &str) -> String {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = match base.rfind('.') {
        Some(i) if i > 0 => &base[..i],
        _ => base,
    };
    if stem.is_empty() || stem == "-" {
        "document".to_string()
    } else {
        stem.to_string()
    }
}

/// Percent-encodes all but RFC 5987 attr-chars.
fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("50MB"), Ok(50_000_000));
        assert_eq!(parse_size("1MiB"), Ok(1_048_576));
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("1.5 kb"), Ok(1500));
        assert!(parse_size("MB").is_err());
        assert!(parse_size("5 parsecs").is_err());
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn names() {
        assert_eq!(download_name("a/b/方案.docx"), "方案");
        assert_eq!(download_name("-"), "document");
        assert_eq!(download_name(".hidden"), ".hidden");
        assert_eq!(percent("任务 a.csv"), "%E4%BB%BB%E5%8A%A1%20a.csv");
    }

    #[test]
    fn statuses() {
        let s = |e: gongwen::Error| Problem::from_error(&e).status;
        use gongwen::{Error as E, Format};
        assert_eq!(s(E::Encrypted { format: Format::Doc }), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(s(E::Damaged { format: Format::Doc, why: "short FAT".into() }), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(s(E::NotADocument { why: "binary data".into() }), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        // 422 exactly where batch says failed, 415 where it says skipped.
        for e in [
            E::Encrypted { format: Format::Docx },
            E::Damaged { format: Format::Docx, why: String::new() },
            E::NoText { format: Format::Pdf, why: String::new() },
            E::NoText { format: Format::Docx, why: String::new() },
            E::NoText { format: Format::Txt, why: String::new() },
            E::Unsupported { format: Format::Docx, why: String::new() },
        ] {
            let failed = crate::batch::status_for(&e) == crate::batch::Status::Failed;
            assert_eq!(s(e) == StatusCode::UNPROCESSABLE_ENTITY, failed);
        }
        assert_eq!(s(E::UnknownEncoding { name: "klingon".into() }), StatusCode::BAD_REQUEST);
        let limit = E::Limit { kind: gongwen::LimitKind::RtfDepth, limit: 1000, actual: None, why: String::new() };
        assert_eq!(s(limit), StatusCode::PAYLOAD_TOO_LARGE);
    }
}
