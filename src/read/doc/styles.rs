//! Paragraph styles (STSH), read only for list membership: a heading style can carry the
//! numbering (sprmPIlfo/sprmPIlvl in its UpxPapx), inherited through istdBase.

use super::tables::{for_each_sprm, ParaProps};
use super::{le16, slice};

/// Per style index: the list properties it gives a paragraph (after inheritance).
pub fn parse(table: &[u8], stshf: (u32, u32)) -> Vec<ParaProps> {
    let Some(st) = slice(table, stshf.0, stshf.1) else { return Vec::new() };
    let Some(cb_stshi) = le16(st, 0) else { return Vec::new() };
    let cstd = le16(st, 2).unwrap_or(0) as usize;
    let cb_base = le16(st, 4).unwrap_or(10) as usize;
    let mut own: Vec<(ParaProps, u16)> = Vec::with_capacity(cstd.min(4096));
    let mut at = 2 + cb_stshi as usize;
    for _ in 0..cstd.min(4096) {
        let Some(cb) = le16(st, at) else { break };
        let std = st.get(at + 2..at + 2 + cb as usize);
        at += 2 + cb as usize;
        own.push(std.and_then(|s| read_std(s, cb_base)).unwrap_or((ParaProps::default(), 0x0FFF)));
    }
    // Resolve istdBase chains (bounded depth: a loop in the chain stops there).
    (0..own.len())
        .map(|i| {
            let mut p = own[i].0;
            let mut base = own[i].1 as usize;
            for _ in 0..16 {
                let Some(&(bp, next)) = own.get(base) else { break };
                p.ilfo = p.ilfo.or(bp.ilfo);
                p.ilvl = p.ilvl.or(bp.ilvl);
                base = next as usize;
            }
            p
        })
        .collect()
}

/// One STD: its own list properties and its base style.
fn read_std(s: &[u8], cb_base: usize) -> Option<(ParaProps, u16)> {
    let stk = le16(s, 2)? & 0xF;
    let base = le16(s, 2)? >> 4;
    if stk != 1 {
        return Some((ParaProps::default(), 0x0FFF));
    }
    let cch = le16(s, cb_base)? as usize;
    let mut at = cb_base + 2 + cch * 2 + 2;
    at += at & 1;
    let cb_upx = le16(s, at)? as usize;
    let upx = s.get(at + 2..at + 2 + cb_upx)?;
    let mut p = ParaProps::default();
    if upx.len() > 2 {
        for_each_sprm(&upx[2..], |op, arg| p.apply(op, arg));
    }
    Some((p, base))
}
