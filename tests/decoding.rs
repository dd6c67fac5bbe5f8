//! Decoding stays honest under damage: every corpus text in UTF-8, GB18030 and UTF-16 (LE without
//! a byte-order mark, BE with one), damaged at seeded random places (bytes cut out, bytes flipped,
//! the end cut off), decodes in its own encoding to the original text except within 2 characters
//! of each damage, and says so (`encoding_errors` where U+FFFD stands, `damaged` where the file
//! ends inside a character). Undamaged, each decodes exactly to the original, UTF-16 without a
//! byte-order mark included.

use gongwen::{Options, WarningCode};
use std::path::PathBuf;

/// Characters either side of a damaged character that may differ.
const WINDOW: usize = 2;
/// Mutants per text and encoding.
const MUTANTS: u64 = 4;

fn corpus() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    v.sort();
    assert!(v.len() >= 36);
    v
}

#[derive(Clone, Copy, Debug)]
enum Enc {
    Utf8,
    Gb18030,
    Utf16LeNoBom,
    Utf16BeBom,
}

impl Enc {
    const ALL: [Enc; 4] = [Enc::Utf8, Enc::Gb18030, Enc::Utf16LeNoBom, Enc::Utf16BeBom];

    fn name(self) -> &'static str {
        match self {
            Enc::Utf8 => "UTF-8",
            Enc::Gb18030 => "gb18030",
            Enc::Utf16LeNoBom => "UTF-16LE",
            Enc::Utf16BeBom => "UTF-16BE",
        }
    }

    fn bom(self) -> &'static [u8] {
        match self {
            Enc::Utf16BeBom => &[0xFE, 0xFF],
            _ => &[],
        }
    }

    fn encode_char(self, c: char, out: &mut Vec<u8>) {
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        match self {
            Enc::Utf8 => out.extend_from_slice(s.as_bytes()),
            Enc::Gb18030 => out.extend_from_slice(&encoding_rs::GB18030.encode(s).0),
            Enc::Utf16LeNoBom => s.encode_utf16().for_each(|u| out.extend_from_slice(&u.to_le_bytes())),
            Enc::Utf16BeBom => s.encode_utf16().for_each(|u| out.extend_from_slice(&u.to_be_bytes())),
        }
    }

    /// The text's bytes (after the BOM) and, for each byte, the index of its character.
    fn encode(self, text: &str) -> (Vec<u8>, Vec<usize>) {
        let mut bytes = Vec::new();
        let mut owner = Vec::new();
        for (i, c) in text.chars().enumerate() {
            self.encode_char(c, &mut bytes);
            owner.resize(bytes.len(), i);
        }
        (bytes, owner)
    }
}

/// splitmix64: a seeded, dependency-free random source.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A damaged copy: the damaged characters (indices into the original) and where the end was
/// cut off, if it was.
struct Mutant {
    bytes: Vec<u8>,
    damaged: Vec<usize>,
    cut_at: Option<usize>,
    /// The end was cut inside a character and nothing else was damaged: `damaged` is expected.
    cut_inside: bool,
}

fn mutate(bytes: &[u8], owner: &[usize], rng: &mut Rng) -> Mutant {
    let n = 1 + rng.below(3);
    let mut cut_out = std::collections::BTreeSet::new();
    let mut flips = std::collections::BTreeMap::new();
    let mut end = bytes.len();
    let mut cut_at = None;
    for _ in 0..n {
        match rng.below(5) {
            0 | 1 => {
                cut_out.insert(rng.below(bytes.len()));
            }
            2 | 3 => {
                flips.insert(rng.below(bytes.len()), 1 + rng.below(255) as u8);
            }
            _ => {
                end = end.min(bytes.len() - 1 - rng.below(6.min(bytes.len() - 1)));
                cut_at = Some(owner[end]);
            }
        }
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut damaged = Vec::new();
    for (i, &b) in bytes[..end].iter().enumerate() {
        if cut_out.contains(&i) {
            damaged.push(owner[i]);
        } else if let Some(x) = flips.get(&i) {
            damaged.push(owner[i]);
            out.push(b ^ x);
        } else {
            out.push(b);
        }
    }
    let cut_inside = damaged.is_empty() && cut_at.is_some() && end > 0 && owner[end - 1] == owner[end];
    Mutant { bytes: out, damaged, cut_at, cut_inside }
}

/// Checks that `got` is `want` except within WINDOW characters of each damaged character (and
/// anything from WINDOW before the cut-off end).
fn same_but_near_damage(want: &str, got: &str, damaged: &[usize], cut_at: Option<usize>) -> Result<(), String> {
    let w: Vec<char> = want.chars().collect();
    let g: Vec<char> = got.chars().collect();
    let end = cut_at.unwrap_or(w.len());
    // The spans of `want` that must survive, between the windows around the damage.
    let mut windows: Vec<(usize, usize)> = damaged
        .iter()
        .filter(|&&d| d < end)
        .map(|&d| (d.saturating_sub(WINDOW), (d + WINDOW + 1).min(w.len())))
        .collect();
    windows.push((end.saturating_sub(WINDOW), w.len()));
    windows.sort();
    let mut keep = Vec::new();
    let mut from = 0;
    for (a, b) in windows {
        if a > from {
            keep.push((from, a));
        }
        from = from.max(b);
    }
    if from < w.len() {
        keep.push((from, w.len()));
    }
    // Each kept span must follow the previous one closely (what stands between replaces a window).
    let mut at = 0;
    let mut prev_end = 0;
    for (a, b) in keep {
        let span = &w[a..b];
        let slack = a - prev_end + 2 * WINDOW + 2;
        let lo = at;
        let hi = (at + slack).min(g.len());
        let found = (lo..=hi).find(|&k| g.len() >= k + span.len() && g[k..k + span.len()] == *span);
        match found {
            Some(k) if a > 0 || k == 0 => at = k + span.len(),
            _ => {
                let ctx: String = w[a..b.min(a + 20)].iter().collect();
                let near: String = g[lo.min(g.len())..(lo + 40).min(g.len())].iter().collect();
                return Err(format!("original chars {a}..{b} ({ctx:?}) not found near decoded char {lo}: {near:?}"));
            }
        }
        prev_end = b;
    }
    if g.len() > at + (w.len() - prev_end) + 2 * WINDOW + 2 {
        return Err(format!("{} more characters at the end", g.len() - at));
    }
    Ok(())
}

#[test]
fn undamaged_texts_decode_exactly_in_every_encoding() {
    for (name, text) in corpus() {
        for enc in Enc::ALL {
            let (mut bytes, _) = enc.encode(&text);
            bytes.splice(0..0, enc.bom().iter().copied());
            let src = gongwen::read_text(&bytes, &Options::default()).unwrap_or_else(|e| panic!("{name} {enc:?}: {e}"));
            assert_eq!(src.encoding, enc.name(), "{name} {enc:?}");
            assert!(src.text == text, "{name} {enc:?}: the text differs");
            assert!(!src.had_errors && src.damage.is_none(), "{name} {enc:?}");
        }
    }
}

#[test]
fn utf16_without_bom_is_read_big_and_little_endian() {
    for (name, text) in corpus() {
        for (be, label) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
            let bytes: Vec<u8> =
                text.encode_utf16().flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() }).collect();
            let doc = gongwen::parse(&bytes, &Options::default()).unwrap_or_else(|e| panic!("{name} {label}: {e}"));
            assert_eq!(doc.source.encoding, label, "{name}");
            assert!(doc.warnings.iter().any(|w| w.code == WarningCode::EncodingGuessed), "{name} {label}");
            assert_eq!(gongwen::read_text(&bytes, &Options::default()).unwrap().text, text, "{name} {label}");
        }
    }
}

#[test]
fn damage_stays_where_it_is_and_is_reported() {
    let mut failures = Vec::new();
    let mut mutants = 0;
    for (file_no, (name, text)) in corpus().into_iter().enumerate() {
        for (enc_no, enc) in Enc::ALL.into_iter().enumerate() {
            let (bytes, owner) = enc.encode(&text);
            for m in 0..MUTANTS {
                let mut rng = Rng(((file_no as u64) << 16) ^ ((enc_no as u64) << 8) ^ m);
                let mutant = mutate(&bytes, &owner, &mut rng);
                let mut input = enc.bom().to_vec();
                input.extend_from_slice(&mutant.bytes);
                mutants += 1;
                let what =
                    format!("{name} {enc:?} mutant {m} (damaged chars {:?}, cut {:?})", mutant.damaged, mutant.cut_at);
                let opts = Options::default();
                let src = match gongwen::read_text(&input, &opts) {
                    Ok(s) => s,
                    Err(e) => {
                        failures.push(format!("{what}: refused: {e}"));
                        continue;
                    }
                };
                if src.encoding != enc.name() {
                    failures.push(format!("{what}: read as {}", src.encoding));
                    continue;
                }
                if let Err(e) = same_but_near_damage(&text, &src.text, &mutant.damaged, mutant.cut_at) {
                    if let Ok(d) = std::env::var("GONGWEN_DUMP") {
                        std::fs::write(format!("{d}/{name}-{enc:?}-{m}.bin"), &input).unwrap();
                    }
                    failures.push(format!("{what}: {e}"));
                }
                let doc = gongwen::parse_source(&src, &input, &opts);
                let has = |code| doc.warnings.iter().any(|w| w.code == code);
                if src.text.contains('\u{FFFD}') && !has(WarningCode::EncodingErrors) {
                    failures.push(format!("{what}: U+FFFD without an encoding_errors warning"));
                }
                if mutant.cut_inside && !has(WarningCode::Damaged) {
                    failures.push(format!("{what}: cut inside a character without a damaged warning"));
                }
            }
        }
    }
    assert!(mutants >= 1000, "{mutants} mutants");
    assert!(failures.is_empty(), "{} of {mutants} mutants:\n{}", failures.len(), failures.join("\n"));
}
