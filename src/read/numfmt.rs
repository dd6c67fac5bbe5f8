//! Word's number formats: a counter value rendered as Word shows it (一, 十一, ①, 甲, iv, …). One
//! implementation for every reader: .docx names its formats (w:numFmt), .doc numbers them
//! (MSONFC, mapped by [`nfc_name`]).

/// The w:numFmt name of a .doc number format code (MSONFC); unknown codes read as decimal.
pub fn nfc_name(nfc: u8) -> &'static str {
    match nfc {
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        10 | 36 => "ideographDigital",
        11 | 33 | 35 | 37 | 39 => "chineseCounting",
        38 => "chineseLegalSimplified",
        34 => "chineseLegalTraditional",
        14 | 19 => "decimalFullWidth",
        18 | 28 => "decimalEnclosedCircle",
        26 => "decimalEnclosedFullstop",
        27 => "decimalEnclosedParen",
        29 => "ideographParenthesized",
        30 => "ideographTraditional",
        31 => "ideographZodiac",
        22 => "decimalZero",
        23 => "bullet",
        _ => "decimal",
    }
}

const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A counter value in a Word number format (w:numFmt).
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "decimalZero" if n < 10 => format!("0{n}"),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)).collect()
        }
        "chineseCounting" | "chineseCountingThousand" | "japaneseCounting" | "taiwaneseCounting" | "koreanCounting" => {
            chinese(n, &['一', '二', '三', '四', '五', '六', '七', '八', '九'], ['十', '百', '千'], '零', true)
        }
        "chineseLegalSimplified" | "japaneseLegal" | "taiwaneseCountingThousand" => {
            chinese(n, &['壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'], ['拾', '佰', '仟'], '零', false)
        }
        // MSONFC 34 of .doc list tables: the traditional legal digits (貳 參 陸).
        "chineseLegalTraditional" => {
            chinese(n, &['壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'], ['拾', '佰', '仟'], '零', false)
        }
        // MSONFC 29 of .doc list tables: parenthesized ideographs ㈠ ㈡ … ㈩.
        "ideographParenthesized" if (1..=10).contains(&n) => {
            char::from_u32(0x3220 + n - 1).map(String::from).unwrap_or_default()
        }
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
            n.to_string().chars().map(|c| c.to_digit(10).map(|d| CN_DIGITS[d as usize]).unwrap_or(c)).collect()
        }
        "ideographTraditional" if n > 0 => {
            const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
            STEMS[((n - 1) % 10) as usize].to_string()
        }
        "ideographZodiac" if n > 0 => {
            const BRANCHES: [char; 12] = ['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥'];
            BRANCHES[((n - 1) % 12) as usize].to_string()
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_default()
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => {
            char::from_u32(0x2488 + n - 1).map(String::from).unwrap_or_default()
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map(String::from).unwrap_or_default()
        }
        "lowerLetter" | "upperLetter" if n > 0 => {
            // Word repeats the letter past z: aa, bb, … (not spreadsheet columns).
            let c = (b'a' + ((n - 1) % 26) as u8) as char;
            let c = if format == "upperLetter" { c.to_ascii_uppercase() } else { c };
            std::iter::repeat_n(c, ((n - 1) / 26 + 1).min(50) as usize).collect()
        }
        "lowerRoman" | "upperRoman" if n > 0 && n < 4000 => {
            let r = roman(n);
            if format == "lowerRoman" {
                r.to_ascii_lowercase()
            } else {
                r
            }
        }
        "none" | "bullet" => String::new(),
        _ => n.to_string(),
    }
}

/// Chinese counting numerals: 十一, 二十, 一百零五; `short_ten` writes 10–19 as 十… not 一十….
fn chinese(n: u32, digits: &[char; 9], units: [char; 3], zero: char, short_ten: bool) -> String {
    if n == 0 {
        return "〇".into();
    }
    if n >= 10000 {
        return n.to_string();
    }
    let d = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut pending_zero = false;
    for (i, &x) in d.iter().enumerate() {
        if x == 0 {
            if !out.is_empty() {
                pending_zero = true;
            }
            continue;
        }
        if pending_zero {
            out.push(zero);
            pending_zero = false;
        }
        let unit = match i {
            0 => Some(units[2]),
            1 => Some(units[1]),
            2 => Some(units[0]),
            _ => None,
        };
        if !(short_ten && i == 2 && x == 1 && out.is_empty()) {
            out.push(digits[(x - 1) as usize]);
        }
        if let Some(u) = unit {
            out.push(u);
        }
    }
    out
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}
