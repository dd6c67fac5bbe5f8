//! Word's number formats: a counter value rendered as Word shows it (一, 十一, ①, 甲, iv, …). One
//! implementation for every reader: .docx names its formats (w:numFmt, [`NumFmt::from_name`]),
//! .doc numbers them (MSONFC, [`NumFmt::from_nfc`]), HTML lists name them in CSS.

/// A number format (w:numFmt). Formats Word has that plans never use render as decimal, as Word
/// falls back for a format it cannot draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumFmt {
    Decimal,
    /// 01, 02 … 09, 10.
    DecimalZero,
    /// １２ (全角).
    DecimalFullWidth,
    /// 一, 十一, 一百零五 (chineseCounting and its Japanese/Taiwanese/Korean siblings).
    ChineseCounting,
    /// 壹, 壹拾贰 (大写).
    ChineseLegalSimplified,
    /// 壹, 貳, 參, 陸 (traditional 大写).
    ChineseLegalTraditional,
    /// ㈠ ㈡ … ㈩.
    IdeographParenthesized,
    /// 一二〇 digit by digit.
    IdeographDigital,
    /// 甲 乙 丙 (天干).
    IdeographTraditional,
    /// 子 丑 寅 (地支).
    IdeographZodiac,
    /// ① ② … ⑳.
    DecimalEnclosedCircle,
    /// ⒈ ⒉ … ⒛.
    DecimalEnclosedFullstop,
    /// ⑴ ⑵ … ⒇.
    DecimalEnclosedParen,
    /// a … z, aa, bb (Word repeats the letter).
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    /// A bullet: no number.
    Bullet,
    /// No number.
    None,
}

impl NumFmt {
    /// The format of a w:numFmt name; None for a name Word has that we render as decimal.
    pub fn from_name(name: &str) -> Option<NumFmt> {
        Some(match name {
            "decimal" => NumFmt::Decimal,
            "decimalZero" => NumFmt::DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => NumFmt::DecimalFullWidth,
            "chineseCounting"
            | "chineseCountingThousand"
            | "japaneseCounting"
            | "taiwaneseCounting"
            | "koreanCounting" => NumFmt::ChineseCounting,
            "chineseLegalSimplified" | "japaneseLegal" | "taiwaneseCountingThousand" => NumFmt::ChineseLegalSimplified,
            "chineseLegalTraditional" => NumFmt::ChineseLegalTraditional,
            "ideographParenthesized" => NumFmt::IdeographParenthesized,
            "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => NumFmt::IdeographDigital,
            "ideographTraditional" => NumFmt::IdeographTraditional,
            "ideographZodiac" => NumFmt::IdeographZodiac,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => NumFmt::DecimalEnclosedCircle,
            "decimalEnclosedFullstop" => NumFmt::DecimalEnclosedFullstop,
            "decimalEnclosedParen" => NumFmt::DecimalEnclosedParen,
            "lowerLetter" => NumFmt::LowerLetter,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperRoman" => NumFmt::UpperRoman,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            _ => return None,
        })
    }

    /// The format of a .doc number format code (MSONFC); unknown codes read as decimal.
    pub fn from_nfc(nfc: u8) -> NumFmt {
        match nfc {
            1 => NumFmt::UpperRoman,
            2 => NumFmt::LowerRoman,
            3 => NumFmt::UpperLetter,
            4 => NumFmt::LowerLetter,
            10 | 36 => NumFmt::IdeographDigital,
            11 | 33 | 35 | 37 | 39 => NumFmt::ChineseCounting,
            38 => NumFmt::ChineseLegalSimplified,
            34 => NumFmt::ChineseLegalTraditional,
            14 | 19 => NumFmt::DecimalFullWidth,
            18 | 28 => NumFmt::DecimalEnclosedCircle,
            26 => NumFmt::DecimalEnclosedFullstop,
            27 => NumFmt::DecimalEnclosedParen,
            29 => NumFmt::IdeographParenthesized,
            30 => NumFmt::IdeographTraditional,
            31 => NumFmt::IdeographZodiac,
            22 => NumFmt::DecimalZero,
            23 => NumFmt::Bullet,
            _ => NumFmt::Decimal,
        }
    }

    /// The counter value `n` as this format draws it.
    pub fn format(self, n: u32) -> String {
        const SIMPLE: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
        match self {
            NumFmt::DecimalZero if n < 10 => format!("0{n}"),
            NumFmt::DecimalFullWidth => {
                n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)).collect()
            }
            NumFmt::ChineseCounting => chinese(n, &SIMPLE, ['十', '百', '千'], '零', true),
            NumFmt::ChineseLegalSimplified => {
                chinese(n, &['壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'], ['拾', '佰', '仟'], '零', false)
            }
            // MSONFC 34 of .doc list tables: the traditional legal digits (貳 參 陸).
            NumFmt::ChineseLegalTraditional => {
                chinese(n, &['壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'], ['拾', '佰', '仟'], '零', false)
            }
            NumFmt::IdeographParenthesized if (1..=10).contains(&n) => enclosed(0x3220, n),
            NumFmt::IdeographDigital => {
                n.to_string().chars().map(|c| c.to_digit(10).map(|d| CN_DIGITS[d as usize]).unwrap_or(c)).collect()
            }
            NumFmt::IdeographTraditional if n > 0 => {
                const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
                STEMS[((n - 1) % 10) as usize].to_string()
            }
            NumFmt::IdeographZodiac if n > 0 => {
                const BRANCHES: [char; 12] = ['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥'];
                BRANCHES[((n - 1) % 12) as usize].to_string()
            }
            NumFmt::DecimalEnclosedCircle if (1..=20).contains(&n) => enclosed(0x2460, n),
            NumFmt::DecimalEnclosedFullstop if (1..=20).contains(&n) => enclosed(0x2488, n),
            NumFmt::DecimalEnclosedParen if (1..=20).contains(&n) => enclosed(0x2474, n),
            NumFmt::LowerLetter | NumFmt::UpperLetter if n > 0 => {
                // Word repeats the letter past z: aa, bb, … (not spreadsheet columns).
                let c = (b'a' + ((n - 1) % 26) as u8) as char;
                let c = if self == NumFmt::UpperLetter { c.to_ascii_uppercase() } else { c };
                std::iter::repeat_n(c, ((n - 1) / 26 + 1).min(50) as usize).collect()
            }
            NumFmt::LowerRoman if n > 0 && n < 4000 => roman(n).to_ascii_lowercase(),
            NumFmt::UpperRoman if n > 0 && n < 4000 => roman(n),
            NumFmt::None | NumFmt::Bullet => String::new(),
            _ => n.to_string(),
        }
    }
}

/// The `n`th character of a run of enclosed forms from `first` (① at U+2460…).
fn enclosed(first: u32, n: u32) -> String {
    char::from_u32(first + n - 1).map(String::from).unwrap_or_default()
}

const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

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

pub fn roman(mut n: u32) -> String {
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
