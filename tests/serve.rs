//! `gongwen serve` against a real server on a loopback port: every route, every error status
//! (RFC 9457 problem JSON), the token, the upload limit, the busy queue and the deadline, the
//! OpenAPI description against the router, and /v1/parse and /v1/tasks byte-identical to
//! `gongwen parse` and `gongwen tasks` on the corpus and the format fixtures.
#![cfg(feature = "serve")]

#[path = "support/cli.rs"]
mod cli_support;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A server started for one test, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the binary starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Server { child, addr }
    }

    fn get(&self, path: &str) -> Resp {
        self.send("GET", path, &[], b"")
    }

    fn post(&self, path: &str, body: &[u8]) -> Resp {
        self.send("POST", path, &[], body)
    }

    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
        request(&self.addr, method, path, headers, body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Asserts an RFC 9457 problem with this status and returns its detail.
    fn problem(&self, status: u16) -> String {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(self.header("content-type"), Some("application/problem+json"));
        let p = self.json();
        assert_eq!(p["status"], status);
        assert!(p["type"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(p["title"].as_str().is_some_and(|t| !t.is_empty()));
        p["detail"].as_str().expect("a detail").to_string()
    }
}

/// A minimal HTTP/1.1 client: one request per connection, the whole answer read.
fn request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    let mut has_len = false;
    for (k, v) in headers {
        has_len |= k.eq_ignore_ascii_case("content-length");
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !has_len && (method == "POST" || !body.is_empty()) {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before it has read the body: a broken pipe is fine then.
    let _ = s.write_all(body);
    read_response(&mut s)
}

fn read_response(s: &mut TcpStream) -> Resp {
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Resp { status, headers, body }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(nl) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..nl]).split(';').next().unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + size]);
        b = &b[nl + 4 + size..];
    }
    out
}

fn multipart(field: &str, filename: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----gongwen-test-boundary-7d1f";
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n").into_bytes();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the CLI in `dir`; returns (exit code, stdout bytes, stderr).
fn cli(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> (i32, Vec<u8>, String) {
    cli_support::run(Some(dir), args, stdin)
}

/// The corpus texts and one file of every format the readers take.
fn documents() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(root().join("corpus/docs")).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    for f in [
        "tests/fixtures/docx/corpus-000.docx",
        "tests/fixtures/docx/table.docx",
        "tests/fixtures/parity/docx-rich/047.docx",
        "tests/fixtures/parity/doc-rich/042.doc",
        "tests/fixtures/doc/simple-table.doc",
        "tests/fixtures/rtf_html/012.lo.rtf",
        "tests/fixtures/rtf_html/012.word.mht",
        "tests/fixtures/rtf_html/notice.gbk.html",
        "corpus/renderings/html/010.html",
    ] {
        v.push(root().join(f));
    }
    v
}

#[test]
fn parse_is_byte_identical_to_the_cli() {
    let srv = Server::start(&[]);
    let docs = documents();
    assert!(docs.len() > 40);
    for path in &docs {
        let bytes = std::fs::read(path).unwrap();
        let dir = path.parent().unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        // Raw body: as `gongwen parse -`.
        let (code, want, err) = cli(dir, &["parse", "-"], Some(&bytes));
        assert_eq!(code, 0, "{name}: {err}");
        let got = srv.post("/v1/parse", &bytes);
        assert_eq!(got.status, 200, "{name}: {}", got.text());
        assert_eq!(got.header("content-type"), Some("application/json"));
        assert!(got.body == want, "{name}: /v1/parse differs from gongwen parse -");
        // Multipart with its file name: as `gongwen parse NAME`.
        let (code, want, err) = cli(dir, &["parse", name], None);
        assert_eq!(code, 0, "{name}: {err}");
        let (ctype, body) = multipart("file", name, &bytes);
        let got = srv.send("POST", "/v1/parse", &[("Content-Type", &ctype)], &body);
        assert!(got.body == want, "{name}: multipart /v1/parse differs from gongwen parse NAME");
        // ?filename= and ?pretty=1: as `gongwen parse NAME --pretty`.
        let (_, want, _) = cli(dir, &["parse", name, "--pretty"], None);
        let got = srv.post(&format!("/v1/parse?filename={name}&pretty=1"), &bytes);
        assert!(got.body == want, "{name}: ?pretty=1 differs from gongwen parse --pretty");
    }
}

#[test]
fn parse_with_text_and_tasks_for_the_page() {
    let srv = Server::start(&[]);
    let path = root().join("tests/fixtures/docx/corpus-000.docx");
    let bytes = std::fs::read(&path).unwrap();
    let plain = srv.post("/v1/parse?filename=corpus-000.docx", &bytes).json();
    let v = srv.post("/v1/parse?filename=corpus-000.docx&include_text=1&include_tasks=1", &bytes).json();
    assert_eq!(v["document"], plain, "the document inside the view is the plain one");
    let text = v["text"].as_str().unwrap();
    let (_, cli_text, _) = cli(&root(), &["text", path.to_str().unwrap()], None);
    assert_eq!(text.trim_end(), String::from_utf8(cli_text).unwrap().trim_end(), "text is what `gongwen text` prints");
    // Every span points into the text; an item's span starts at its marker.
    let items = plain["items"].as_array().unwrap();
    assert!(!items.is_empty());
    for it in items {
        let [a, b] = [it["span"][0].as_u64().unwrap() as usize, it["span"][1].as_u64().unwrap() as usize];
        let slice = text.get(a..b).expect("spans fall on char boundaries");
        assert!(slice.starts_with(it["marker"].as_str().unwrap()), "{slice:?}");
    }
    let tasks = v["tasks"].as_array().unwrap();
    let rows = srv.post("/v1/tasks?filename=corpus-000.docx", &bytes).json();
    assert_eq!(tasks.len(), rows.as_array().unwrap().len());
    for (t, r) in tasks.iter().zip(rows.as_array().unwrap()) {
        let mut t = t.clone();
        let span = t.as_object_mut().unwrap().remove("span").unwrap();
        assert_eq!(&t, r);
        let [a, b] = [span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize];
        assert!(a < b && text.get(a..b).is_some());
    }
    // Only text: {document, text}.
    let v = srv.post("/v1/parse?include_text=1", &bytes).json();
    assert!(v.get("tasks").is_none() && v["text"].is_string() && v["document"].is_object());
}

#[test]
fn tasks_match_the_cli_in_every_format() {
    let srv = Server::start(&[]);
    let tmp = std::env::temp_dir().join(format!("gongwen-serve-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for rel in ["tests/fixtures/docx/corpus-000.docx", "corpus/docs/001.txt", "tests/fixtures/docx/table.docx"] {
        let path = root().join(rel);
        let dir = path.parent().unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let (code, want, err) = cli(dir, &["tasks", name, "--format", "jsonl"], None);
        assert_eq!(code, 0, "{err}");
        let got = srv.post(&format!("/v1/tasks?format=jsonl&filename={name}"), &bytes);
        assert_eq!(got.header("content-type"), Some("application/x-ndjson"));
        assert!(got.body == want, "{rel}: jsonl");
        // json: the same rows as one array (the default format).
        let rows: Vec<serde_json::Value> =
            String::from_utf8(want).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let got = srv.post(&format!("/v1/tasks?filename={name}"), &bytes);
        assert_eq!(got.json(), serde_json::Value::Array(rows));
        for excel in [false, true] {
            let mut args = vec!["tasks", name, "--format", "csv"];
            if excel {
                args.push("--excel");
            }
            let (_, want, _) = cli(dir, &args, None);
            let got = srv
                .post(&format!("/v1/tasks?format=csv&filename={name}{}", if excel { "&excel=1" } else { "" }), &bytes);
            assert_eq!(got.header("content-type"), Some("text/csv; charset=utf-8"));
            assert!(got.body == want, "{rel}: csv excel={excel}");
            assert_eq!(got.body.starts_with("\u{feff}".as_bytes()), excel);
        }
        let out = tmp.join("t.xlsx");
        let (code, _, err) = cli(dir, &["tasks", name, "--format", "xlsx", "-o", out.to_str().unwrap()], None);
        assert_eq!(code, 0, "{err}");
        let got = srv.post(&format!("/v1/tasks?format=xlsx&filename={name}"), &bytes);
        assert_eq!(
            got.header("content-type"),
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        );
        assert!(got
            .header("content-disposition")
            .unwrap()
            .starts_with("attachment; filename=\"tasks.xlsx\"; filename*=UTF-8''"));
        assert!(got.body == std::fs::read(&out).unwrap(), "{rel}: xlsx");
        assert!(got.body.starts_with(b"PK"));
        let (_, want, _) = cli(dir, &["tasks", name, "--format", "ics"], None);
        let got = srv.post(&format!("/v1/tasks?format=ics&filename={name}"), &bytes);
        assert_eq!(got.header("content-type"), Some("text/calendar; charset=utf-8"));
        assert!(got.body == want, "{rel}: ics");
        assert!(got.body.starts_with(b"BEGIN:VCALENDAR\r\n"));
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn static_routes() {
    let srv = Server::start(&[]);
    let r = srv.get("/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let page = r.text();
    assert!(page.contains("公文任务清单") && page.contains("v1/parse"));
    // Works offline: nothing is loaded from elsewhere.
    assert!(
        !page.contains("http://") && !page.contains("https://") && !page.contains("//cdn"),
        "the page loads nothing from outside"
    );
    let r = srv.get("/healthz");
    assert_eq!((r.status, r.json()), (200, serde_json::json!({"status": "ok"})));
    for (route, file) in [
        ("/v1/schema/document", "schema/document.schema.json"),
        ("/v1/schema/task", "schema/task.schema.json"),
        ("/v1/openapi.json", "openapi/openapi.json"),
    ] {
        let r = srv.get(route);
        assert_eq!(r.status, 200, "{route}");
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert!(r.body == std::fs::read(root().join(file)).unwrap(), "{route} serves {file}");
    }
    // The committed schemas are the generated ones.
    assert_eq!(srv.get("/v1/schema/document").text(), gongwen::document_schema());
    assert_eq!(srv.get("/v1/schema/task").text(), gongwen::task_schema());
    assert!(srv.get("/nowhere").problem(404).contains("/nowhere"));
    assert!(srv.get("/v1/parse").problem(405).contains("GET"));
}

/// The (method, path) pairs the router declares in serve.rs.
fn router_routes() -> BTreeSet<(String, String)> {
    let src = std::fs::read_to_string(root().join("src/bin/gongwen/serve.rs")).unwrap();
    let mut out = BTreeSet::new();
    for part in src.split(".route(\"").skip(1) {
        let (path, rest) = part.split_once('"').unwrap();
        let rest = rest.trim_start_matches([',', ' ']);
        let method = rest.split('(').next().unwrap().trim();
        assert!(["get", "post", "put", "delete", "patch"].contains(&method), "{path}: {method}");
        out.insert((method.to_string(), path.to_string()));
    }
    out
}

#[test]
fn openapi_matches_the_routes() {
    let spec: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("openapi/openapi.json")).unwrap()).unwrap();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    let mut described = BTreeSet::new();
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            if ["get", "post", "put", "delete", "patch", "head", "options"].contains(&method.as_str()) {
                described.insert((method.clone(), path.clone()));
            }
        }
    }
    let routed = router_routes();
    assert_eq!(routed.len(), 7);
    assert_eq!(described, routed, "openapi/openapi.json and the router in serve.rs list the same routes");
    // And the running server answers each of them (not 404/405), and nothing else.
    let srv = Server::start(&[]);
    for (method, path) in &described {
        let r = srv.send(&method.to_uppercase(), path, &[], b"");
        assert!(r.status != 404 && r.status != 405, "{method} {path}: {}", r.status);
        // Every status a described operation answers is described.
        let statuses = spec["paths"][path][method]["responses"].as_object().unwrap();
        assert!(statuses.contains_key(&r.status.to_string()), "{method} {path}: {} not in the description", r.status);
    }
    assert_eq!(srv.send("DELETE", "/v1/parse", &[], b"").status, 405);
}

#[test]
fn errors_are_problems_with_the_cli_message() {
    let srv = Server::start(&[]);
    // 400: no file, a form without `file`, a bad query, an unknown encoding.
    assert!(srv.post("/v1/parse", b"").problem(400).contains("no file"));
    let (ctype, body) = multipart("other", "a.txt", b"x");
    assert!(srv.send("POST", "/v1/parse", &[("Content-Type", &ctype)], &body).problem(400).contains("\"file\""));
    let r = srv.send("POST", "/v1/parse", &[("Content-Type", "multipart/form-data; boundary=zzz")], b"garbage");
    r.problem(400);
    assert!(srv.post("/v1/tasks?format=pdf", b"x").problem(400).contains("pdf"));
    let txt = std::fs::read(root().join("corpus/docs/000.txt")).unwrap();
    let d = srv.post("/v1/parse?encoding=klingon", &txt).problem(400);
    assert!(d.contains("klingon"), "{d}");
    // 415: not a document; the detail is the CLI's message.
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    let (code, _, err) = cli(&root(), &["parse", "-"], Some(&binary));
    assert_eq!(code, 1);
    let d = srv.post("/v1/parse", &binary).problem(415);
    assert_eq!(err.trim(), format!("gongwen: -: {d}"));
    srv.post("/v1/tasks?format=xlsx", &binary).problem(415);
    // 422: damaged (a .docx cut short) and encrypted (an OLE2 file with an encrypted package).
    let docx = std::fs::read(root().join("tests/fixtures/docx/corpus-000.docx")).unwrap();
    let cut = &docx[..docx.len() / 2];
    let (_, _, err) = cli(&root(), &["parse", "-"], Some(cut));
    let d = srv.post("/v1/parse", cut).problem(422);
    assert_eq!(err.trim(), format!("gongwen: -: {d}"));
    assert!(d.contains("damaged"), "{d}");
    let enc = ole(&[("EncryptionInfo", b"x"), ("EncryptedPackage", b"y")]);
    assert!(srv.post("/v1/parse", &enc).problem(422).contains("encrypted"));
    let (ctype, body) = multipart("file", "secret.doc", &enc);
    assert!(srv
        .send("POST", "/v1/tasks?format=csv", &[("Content-Type", &ctype)], &body)
        .problem(422)
        .contains("encrypted"));
}

fn ole(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        cf.create_stream(name).unwrap().write_all(data).unwrap();
    }
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

#[test]
fn the_token_guards_the_api_not_the_page() {
    let srv = Server::start(&["--token", "s3cret-token"]);
    let txt = std::fs::read(root().join("corpus/docs/000.txt")).unwrap();
    let r = srv.post("/v1/parse", &txt);
    r.problem(401);
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    srv.send("POST", "/v1/parse", &[("Authorization", "Bearer wrong")], &txt).problem(401);
    srv.send("POST", "/v1/parse", &[("Authorization", "Basic czNjcmV0LXRva2Vu")], &txt).problem(401);
    srv.get("/v1/openapi.json").problem(401);
    srv.get("/v1/schema/task").problem(401);
    // The token is checked before the body is read: a refused caller never gets a parse.
    srv.post("/v1/tasks?format=xlsx", b"").problem(401);
    let ok = srv.send("POST", "/v1/parse", &[("Authorization", "Bearer s3cret-token")], &txt);
    assert_eq!(ok.status, 200);
    assert_eq!(srv.send("GET", "/v1/openapi.json", &[("Authorization", "Bearer s3cret-token")], b"").status, 200);
    assert_eq!(srv.get("/").status, 200);
    assert_eq!(srv.get("/healthz").status, 200);
}

#[test]
fn uploads_past_the_limit_get_413() {
    let srv = Server::start(&["--max-upload", "20KB"]);
    let small = std::fs::read(root().join("corpus/docs/000.txt")).unwrap();
    assert!(small.len() < 20_000);
    assert_eq!(srv.post("/v1/parse", &small).status, 200);
    let big = small.repeat(3);
    assert!(srv.post("/v1/parse", &big).problem(413).contains("--max-upload"));
    let (ctype, body) = multipart("file", "big.txt", &big);
    srv.send("POST", "/v1/parse", &[("Content-Type", &ctype)], &body).problem(413);
    // A multipart file just over the limit (the envelope has its own slack).
    let (ctype, body) = multipart("file", "edge.txt", &vec![b'a'; 20_001]);
    srv.send("POST", "/v1/tasks", &[("Content-Type", &ctype)], &body).problem(413);
    // Chunked, without a length: counted as it comes.
    let mut chunked = Vec::new();
    for c in big.chunks(4096) {
        chunked.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
        chunked.extend_from_slice(c);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    srv.send("POST", "/v1/parse", &[("Transfer-Encoding", "chunked")], &chunked).problem(413);
    // A declared length past the limit is refused before any byte of the body is sent.
    let mut s = TcpStream::connect(&srv.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "POST /v1/parse HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 999999999\r\n\r\n").unwrap();
    let r = read_response(&mut s);
    r.problem(413);
    // The limit of a 413 is the upload, not the server: it still answers.
    assert_eq!(srv.post("/v1/parse", &small).status, 200);
}

#[test]
fn busy_past_the_queue_gets_503_and_slow_requests_time_out() {
    // One slot, no queue: of many parses at once, some are turned away, none fails otherwise.
    let srv = Server::start(&["--jobs", "1", "--queue", "0"]);
    let one = std::fs::read(root().join("corpus/docs/000.txt")).unwrap();
    let heavy = one.repeat(40);
    let addr = srv.addr.clone();
    let mut seen_503 = false;
    for _round in 0..5 {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let (addr, body) = (addr.clone(), heavy.clone());
                std::thread::spawn(move || request(&addr, "POST", "/v1/parse", &[], &body))
            })
            .collect();
        let resps: Vec<Resp> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        for r in &resps {
            match r.status {
                200 => {}
                503 => {
                    assert!(r.problem(503).contains("busy"));
                    assert_eq!(r.header("retry-after"), Some("1"));
                    seen_503 = true;
                }
                s => panic!("unexpected {s}: {}", r.text()),
            }
        }
        assert!(resps.iter().any(|r| r.status == 200));
        if seen_503 {
            break;
        }
    }
    assert!(seen_503, "8 parses at once with one slot and no queue: some must be turned away");
    drop(srv);

    // A client that stops sending its body is cut off at --timeout, and others are served meanwhile.
    let srv = Server::start(&["--timeout", "1"]);
    let mut s = TcpStream::connect(&srv.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "POST /v1/parse HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 1000\r\n\r\nonly a few bytes"
    )
    .unwrap();
    assert_eq!(srv.post("/v1/parse", &one).status, 200, "a stalled upload does not stall the others");
    let r = read_response(&mut s);
    assert!(r.problem(503).contains("--timeout"));
}

/// An encrypted PDF's user password comes as the multipart field `password` (before or after the
/// file); without it, or wrong, the answer is 422 `encrypted`. A scanned PDF is 422 too.
#[test]
fn pdf_password_form_field() {
    let srv = Server::start(&[]);
    let made = format!("{}/tests/fixtures/pdf/made", env!("CARGO_MANIFEST_DIR"));
    let pdf = std::fs::read(format!("{made}/aes256_user.pdf")).unwrap();
    let boundary = "----gongwen-pdf-boundary";
    let form = |password: Option<&str>| {
        let mut body = Vec::new();
        if let Some(p) = password {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n{p}\r\n").as_bytes(),
            );
        }
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes());
        body.extend_from_slice(&pdf);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        body
    };
    let ctype = format!("multipart/form-data; boundary={boundary}");
    let ok = srv.send("POST", "/v1/parse", &[("Content-Type", &ctype)], &form(Some("secret")));
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert!(ok.text().contains("\"format\":\"pdf\""), "{}", ok.text());
    for password in [None, Some("wrong")] {
        let r = srv.send("POST", "/v1/parse", &[("Content-Type", &ctype)], &form(password));
        assert_eq!(r.status, 422, "{password:?}: {}", r.text());
        assert!(r.text().contains("\"encrypted\""), "{}", r.text());
    }
    let scanned = std::fs::read(format!("{made}/scanned.pdf")).unwrap();
    let r = srv.post("/v1/parse", &scanned);
    assert_eq!(r.status, 422);
    assert!(r.text().contains("scanned document: no text layer (needs OCR)"), "{}", r.text());
}

/// A client that sends its whole body before it reads (Python's urllib, curl without Expect)
/// reads the 413: the server drains the refused body before it closes.
#[test]
fn a_413_reaches_a_client_that_sends_everything_first() {
    let srv = Server::start(&["--max-upload", "20KB"]);
    let big = vec![b'a'; 8 << 20];
    for declared in [true, false] {
        let mut s = TcpStream::connect(&srv.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let framing =
            if declared { format!("Content-Length: {}", big.len()) } else { "Transfer-Encoding: chunked".into() };
        write!(s, "POST /v1/parse HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{framing}\r\n\r\n").unwrap();
        let sent = if declared {
            s.write_all(&big)
        } else {
            big.chunks(65536)
                .try_for_each(|c| {
                    s.write_all(format!("{:x}\r\n", c.len()).as_bytes())?;
                    s.write_all(c)?;
                    s.write_all(b"\r\n")
                })
                .and_then(|_| s.write_all(b"0\r\n\r\n"))
        };
        sent.unwrap_or_else(|e| panic!("declared {declared}: the server closed while the body was sent: {e}"));
        assert!(read_response(&mut s).problem(413).contains("--max-upload"));
    }
}

/// Security headers on the page, the API and errors; without the token a wrong method on /v1 is
/// 401, not 405 (nothing is told about the API).
#[test]
fn security_headers_and_401_before_405() {
    let srv = Server::start(&["--token", "t0ken"]);
    for r in [srv.get("/"), srv.get("/healthz"), srv.post("/v1/parse", b"x"), srv.get("/nope")] {
        let csp = r.header("content-security-policy").expect("a CSP");
        assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("x-frame-options"), Some("DENY"));
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
    }
    // The page's own inline script and style are allowed by hash, nothing else.
    let csp = srv.get("/").header("content-security-policy").unwrap().to_string();
    assert_eq!(csp.matches("'sha256-").count(), 2, "{csp}");
    assert!(!csp.contains("unsafe-inline"));
    srv.get("/v1/parse").problem(401);
    srv.send("DELETE", "/v1/tasks", &[], b"").problem(401);
    srv.send("GET", "/v1/parse", &[("Authorization", "Bearer t0ken")], b"").problem(405);
}

/// Uploads held at once are bounded over all requests (--max-buffered): past it, 503 with
/// Retry-After; the budget comes back when a request ends.
#[test]
fn bodies_held_at_once_are_bounded() {
    let srv = Server::start(&["--max-upload", "80KB", "--max-buffered", "100KB"]);
    // A stalled upload holds its declared 60 KB.
    let mut stalled = TcpStream::connect(&srv.addr).unwrap();
    write!(stalled, "POST /v1/parse HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 60000\r\n\r\n")
        .unwrap();
    stalled.write_all(&[b'a'; 1000]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let body = std::fs::read(root().join("corpus/docs/000.txt")).unwrap();
    let mut second = body.clone();
    second.resize(60_000, b'\n');
    let r = srv.post("/v1/parse", &second);
    assert!(r.problem(503).contains("--max-buffered"));
    assert!(r.header("retry-after").is_some());
    // A smaller one fits beside it.
    assert_eq!(srv.post("/v1/parse", &body).status, 200);
    drop(stalled);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(srv.post("/v1/parse", &second).status, 200);
}

/// Clients that trickle their headers a byte at a time, more of them than the connection cap,
/// neither keep their connections past the header deadline nor starve other clients: /healthz
/// and a parse are answered within a few deadlines (without the deadline and the cap they waited
/// for as long as the slow clients stayed).
#[test]
fn slow_clients_do_not_starve_the_server() {
    let srv = Server::start(&["--max-connections", "16", "--header-timeout", "2"]);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let slow: Vec<_> = (0..40)
        .map(|_| {
            let (addr, stop) = (srv.addr.clone(), stop.clone());
            std::thread::spawn(move || {
                let Ok(mut s) = TcpStream::connect(&addr) else { return };
                for b in b"GET /healthz HTTP/1.1\r\nX-Slow: ".iter().chain(std::iter::repeat(&b'a')) {
                    if stop.load(std::sync::atomic::Ordering::Relaxed) || s.write_all(&[*b]).is_err() {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(300));
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let t = std::time::Instant::now();
    assert_eq!(srv.get("/healthz").status, 200);
    let txt = std::fs::read(root().join("corpus/docs/000.txt")).unwrap();
    assert_eq!(srv.post("/v1/parse", &txt).status, 200);
    let waited = t.elapsed();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for h in slow {
        h.join().unwrap();
    }
    assert!(waited < Duration::from_secs(15), "answered after {waited:?}");
}

/// The 413 as Python's urllib and curl see it (each skipped, saying so, when the tool is not
/// installed): both send the whole body first and must read the answer, not a broken pipe.
#[test]
fn urllib_and_curl_read_the_413() {
    let srv = Server::start(&["--max-upload", "20KB"]);
    let big = std::env::temp_dir().join(format!("gongwen-413-{}.txt", std::process::id()));
    std::fs::write(&big, vec![b'a'; 8 << 20]).unwrap();
    let url = format!("http://{}/v1/parse", srv.addr);
    let py = format!(
        "import urllib.request, urllib.error\n\
         req = urllib.request.Request({url:?}, data=open({:?}, 'rb').read(), method='POST')\n\
         try:\n    urllib.request.urlopen(req, timeout=60); print('200')\n\
         except urllib.error.HTTPError as e:\n    print(e.code)\n",
        big.to_str().unwrap()
    );
    let data = format!("@{}", big.display());
    let tools: [(&str, Vec<&str>); 2] = [
        ("python3", vec!["-c", &py]),
        ("curl", vec!["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Expect:", "--data-binary", &data, &url]),
    ];
    for (tool, args) in tools {
        match Command::new(tool).args(&args).output() {
            Ok(out) => {
                let said = String::from_utf8_lossy(&out.stdout).trim().to_string();
                assert_eq!(said, "413", "{tool}: {}", String::from_utf8_lossy(&out.stderr));
            }
            Err(e) => eprintln!("{tool} not run ({e}): skipped"),
        }
    }
    let _ = std::fs::remove_file(&big);
}
