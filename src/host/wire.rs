//! What the host, the client and the POS profile share on the wire: cutting frames out of a
//! byte stream with a deadline, and turning a frame into a masked `FrameRecord` with one-line
//! summaries per layer.

use crate::codec::iso8583::display::{display_value, masked_tlv_hex};
use crate::codec::iso8583::framing::{self, Frame, Framing};
use crate::codec::iso8583::rc::rc_info;
use crate::codec::iso8583::{decode, Decoded, Message, Packing};
use crate::hexfmt::hex;
use crate::i18n::{t, tr, Lang, Text};
use crate::sensitive::redact_text;
use crate::trace::{Direction, FrameRecord};
use std::io::{self, Read};
use std::time::{Duration, Instant};

/// What came off the stream.
#[derive(Debug)]
pub enum Incoming {
    /// A complete frame (raw bytes including the prefix) and its parts.
    Frame { raw: Vec<u8>, frame: Frame },
    /// The length prefix itself is unusable: the stream cannot be resynchronised.
    BadPrefix { bytes: Vec<u8>, why: Text },
    /// Nothing complete before the deadline (bytes that did arrive are kept for diagnosis).
    Timeout { partial: Vec<u8> },
    /// The peer closed the connection (with any partial frame).
    Closed { partial: Vec<u8> },
}

/// Buffers a stream and yields frames.
pub struct FrameReader {
    framing: Framing,
    buf: Vec<u8>,
}

impl FrameReader {
    pub fn new(framing: Framing) -> Self {
        FrameReader {
            framing,
            buf: Vec::with_capacity(512),
        }
    }

    /// Bytes received but not yet part of a complete frame.
    pub fn pending(&self) -> &[u8] {
        &self.buf
    }

    /// Adds bytes read from the stream (for readers that do their own I/O, e.g. async).
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// A frame already buffered, without reading.
    pub fn try_next(&mut self) -> Option<Incoming> {
        match framing::split(self.framing, &self.buf) {
            Ok(Some((frame, used))) => {
                let raw: Vec<u8> = self.buf.drain(..used).collect();
                Some(Incoming::Frame { raw, frame })
            }
            Ok(None) => None,
            Err(e) => {
                let bytes = std::mem::take(&mut self.buf);
                let d = framing::diagnose(&bytes, self.framing);
                let why = Text::each(|lang| {
                    let mut why = e.text(lang);
                    if !d.is_empty() {
                        let sep = tr(lang, "common-semicolon");
                        why = format!("{why}{sep}{}", framing::hints_text(&d, lang));
                    }
                    why
                });
                Some(Incoming::BadPrefix { bytes, why })
            }
        }
    }

    /// Reads until a frame is complete, the deadline passes, or the peer closes. The stream
    /// must have a read timeout set (a short one lets `stop` be honoured).
    pub fn next<R: Read>(
        &mut self,
        r: &mut R,
        deadline: Instant,
        stop: &dyn Fn() -> bool,
    ) -> io::Result<Incoming> {
        let mut tmp = [0u8; 4096];
        loop {
            if let Some(x) = self.try_next() {
                return Ok(x);
            }
            if Instant::now() >= deadline || stop() {
                return Ok(Incoming::Timeout {
                    partial: self.buf.clone(),
                });
            }
            match r.read(&mut tmp) {
                Ok(0) => {
                    return Ok(Incoming::Closed {
                        partial: std::mem::take(&mut self.buf),
                    })
                }
                Ok(n) => self.buf.extend_from_slice(&tmp[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock
                            | io::ErrorKind::TimedOut
                            | io::ErrorKind::Interrupted
                    ) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::ConnectionReset
                            | io::ErrorKind::ConnectionAborted
                            | io::ErrorKind::BrokenPipe
                    ) =>
                {
                    return Ok(Incoming::Closed {
                        partial: std::mem::take(&mut self.buf),
                    })
                }
                Err(e) => return Err(e),
            }
        }
    }
}

/// Reads a frame with a relative timeout.
pub fn read_frame<R: Read>(
    reader: &mut FrameReader,
    r: &mut R,
    timeout: Duration,
) -> io::Result<Incoming> {
    reader.next(r, Instant::now() + timeout, &|| false)
}

/// Amount in minor units as `12.34`.
pub fn amount_text(minor: &str) -> String {
    match minor.parse::<u64>() {
        Ok(m) => format!("{}.{:02}", m / 100, m % 100),
        Err(_) => minor.to_string(),
    }
}

/// One-line summary of a message, card data masked: `0200 purchase STAN 000403 PAN 622424******0113 amount 0.01`.
pub fn summary(m: &Message) -> String {
    summary_in(m, Lang::En)
}

/// [`summary`] in `lang` (catalogue `host-summary-*`; in Chinese 消费, 流水号, 应答码 …).
pub fn summary_in(m: &Message, lang: Lang) -> String {
    let mut s = m.mti.clone();
    let kind = match (m.mti.get(1..2), m.text(3).and_then(|p| p.get(..2))) {
        (Some("8"), _) => {
            let nmi = m.text(70).or_else(|| m.text(60).and_then(|t| t.get(8..11)));
            match nmi {
                Some("301") => Some("host-summary-echo"),
                Some("001") | Some("003") | Some("004") => Some("host-summary-sign-on"),
                Some("002") => Some("host-summary-sign-off"),
                _ => Some("host-summary-network-management"),
            }
        }
        (Some("4"), _) => Some("host-summary-reversal"),
        (Some("1"), _) => Some("host-summary-authorisation"),
        (Some("2"), Some("00")) => Some("host-summary-purchase"),
        (Some("2"), Some("31")) => Some("host-summary-balance-inquiry"),
        (Some("2"), Some("20")) => Some("host-summary-void-refund"),
        (Some("2"), _) => Some("host-summary-financial"),
        _ => None,
    };
    let mut push = |part: std::borrow::Cow<'static, str>| {
        s.push(' ');
        s.push_str(&part);
    };
    if let Some(id) = kind {
        push(tr(lang, id));
    }
    if let Some(stan) = m.text(11) {
        push(t!(lang, "host-summary-stan", stan = stan));
    }
    let pan = if let Some(v) = m.get(2) {
        Some(display_value(2, v))
    } else {
        m.get(35).map(|v| {
            crate::sensitive::Track2::new(crate::codec::iso8583::display::display_value(35, v))
                .pan()
                .masked()
        })
    };
    if let Some(pan) = pan {
        push(t!(lang, "host-summary-pan", pan = pan));
    }
    if let Some(a) = m.text(4) {
        push(t!(lang, "host-summary-amount", amount = amount_text(a)));
    }
    if let Some(em) = m.text(22) {
        push(t!(lang, "host-summary-entry", mode = em));
    }
    if let Some(rc) = m.text(39) {
        let i = rc_info(rc);
        let meaning = i.meaning(lang);
        push(t!(lang, "host-summary-rc", rc = rc, meaning = meaning));
    }
    redact_text(&s)
}

/// Hex and ASCII of a frame with card data starred, using the decoded field positions.
fn masked_views(raw: &[u8], body_offset: usize, d: Option<&Decoded>) -> (String, String) {
    let mut star = vec![false; raw.len()];
    let mut de55: Option<(usize, usize, String)> = None;
    match d {
        Some(d) => {
            for sp in &d.spans {
                let (a, b) = (body_offset + sp.data_start(), body_offset + sp.end());
                // A batch upload's DE48 carries full PANs in its records (docs/pos.md).
                let upload_records = sp.num == 48 && d.message.mti.starts_with("032");
                if upload_records
                    || crate::sensitive::hides_field(crate::sensitive::View::Message, sp.num)
                {
                    for x in star.iter_mut().take(b.min(raw.len())).skip(a) {
                        *x = true;
                    }
                } else if crate::codec::iso8583::display::is_free_text(sp.num, Some(d.packing)) {
                    // Free text may carry a card number (a DE48 note): starred in both views.
                    let v = raw.get(a..b.min(raw.len())).unwrap_or_default();
                    let found = crate::sensitive::card_number_bytes(v);
                    for (x, s) in star.iter_mut().skip(a).zip(found) {
                        *x |= s;
                    }
                } else if sp.num == 55 && d.packing == Packing::Cups {
                    if let Some(v) = raw.get(a..b) {
                        de55 = Some((a, b, masked_tlv_hex(v)));
                    }
                } else if sp.num == 55 {
                    // ASCII packing: the hex text itself; star it whole if it holds card data.
                    let masked = d
                        .message
                        .get(55)
                        .map(|v| display_value(55, v))
                        .unwrap_or_default();
                    if masked.contains('*') || masked.starts_with('[') {
                        for x in star.iter_mut().take(b.min(raw.len())).skip(a) {
                            *x = true;
                        }
                    }
                }
            }
        }
        None => {
            // Undecodable: keep only what precedes the fields (prefix, TPDU, header, MTI).
            let keep = (body_offset + 4).min(raw.len());
            for x in star.iter_mut().skip(keep) {
                *x = true;
            }
        }
    }
    let mut hx = String::with_capacity(raw.len() * 3);
    let mut asc = String::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        // DE55 is written once, as its masked TLV, and the walk jumps past it; an empty DE55
        // (a == b) must not be met again, or the walk never moves.
        if let Some((_, b, m)) = de55.take_if(|(a, _, _)| *a == i) {
            let mut chars = m.chars();
            while let (Some(x), Some(y)) = (chars.next(), chars.next()) {
                if !hx.is_empty() {
                    hx.push(' ');
                }
                hx.push(x);
                hx.push(y);
                asc.push(if (x, y) == ('*', '*') { '*' } else { '.' });
            }
            i = b;
            continue;
        }
        if !hx.is_empty() {
            hx.push(' ');
        }
        if star[i] {
            hx.push_str("**");
            asc.push('*');
        } else {
            hx.push_str(&hex(&raw[i..i + 1]));
            let c = raw[i];
            asc.push(if (0x20..0x7f).contains(&c) {
                c as char
            } else {
                '.'
            });
        }
        i += 1;
    }
    // The ASCII view is scanned once more (the last line of defence): it stars a chance
    // 13–19-digit window across numeric fields too, while the hex view keeps them.
    (hx, redact_text(&asc))
}

/// Builds the masked frame record for a raw frame: layers are the framing line and the
/// message summary (or why it does not decode).
pub fn record(
    link: &str,
    dir: Direction,
    raw: &[u8],
    framing: Framing,
    packing: Packing,
) -> FrameRecord {
    let mut layers: Vec<Text> = Vec::new();
    let (hx, asc) = match framing::split(framing, raw) {
        Ok(Some((frame, _))) => {
            let framing_name = framing.as_str().to_ascii_uppercase();
            let frame_line = |lang: Lang| {
                let mut l = t!(
                    lang,
                    "host-layer-frame",
                    framing = framing_name.as_str(),
                    len = frame.declared_len.to_string()
                )
                .into_owned();
                if let Some(h) = &frame.header {
                    l.push(' ');
                    l.push_str(&t!(
                        lang,
                        "host-layer-tpdu",
                        tpdu = hex(&h.tpdu),
                        header = hex(&h.header),
                        version = h.software_version().to_string(),
                        requirement = h.processing_requirement().to_string()
                    ));
                }
                l
            };
            layers.push(Text::new(frame_line(Lang::En), frame_line(Lang::ZhCn)));
            match decode(&frame.body, packing) {
                Ok(d) => {
                    layers.push(Text::new(
                        summary_in(&d.message, Lang::En),
                        summary_in(&d.message, Lang::ZhCn),
                    ));
                    masked_views(raw, frame.body_offset, Some(&d))
                }
                Err(e) => {
                    layers.push(Text::tr_each("host-layer-undecodable", |lang| {
                        vec![("error", e.text(lang).into())]
                    }));
                    masked_views(raw, frame.body_offset, None)
                }
            }
        }
        _ => {
            let d = framing::diagnose(raw, framing);
            layers.push(Text::tr_each("host-layer-bad-frame", |lang| {
                vec![("problems", framing::hints_text(&d, lang).into())]
            }));
            masked_views(raw, 0, None)
        }
    };
    FrameRecord::frame_text(link, dir, hx, asc, layers)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::sensitive::find_clear_pan;

    #[test]
    fn record_of_the_cups_dump_is_masked() {
        let text = include_str!("../../fixtures/iso8583/cups-0200-purchase.hex");
        let raw = crate::hexfmt::parse_hex(text).unwrap();
        let r = record("t", Direction::Rx, &raw, Framing::Cups, Packing::Cups);
        assert!(
            r.layers[1].starts_with("0200 purchase STAN 000403 PAN 622424******0113"),
            "{:?}",
            r.layers
        );
        let joined = format!("{} {} {:?}", r.hex, r.ascii, r.layers);
        assert!(find_clear_pan(&joined).is_none());
        assert!(!joined.replace(' ', "").contains("6224242900000113"));
        assert!(!joined.replace(' ', "").contains("3949031013"));
        assert!(!r.hex.contains("D1 EE F4 19"), "PIN block hidden");
        assert!(r.hex.contains("9F 27 01 80"));
    }
}
