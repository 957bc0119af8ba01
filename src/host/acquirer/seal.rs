//! Field 64 on the wire: the MAC block of an encoded message (from the MTI to the end of the
//! field before DE64), checking a request's MAC, and sealing a message — the host's replies
//! and the POS simulator's requests use the same two functions.

use super::exchange::MacCheck;
use super::terminal::Terminal;
use crate::codec::iso8583::{encode, Decoded, EncodeError, Message, Packing};
use crate::crypto::mac::{mac, verify};
use crate::crypto::{Key, MacAlgorithm};

/// The MAC block of a decoded message: its body up to where DE64 starts (None without DE64, or
/// when fields follow DE64 — a secondary bitmap moves the MAC to DE128, which CUPS POS
/// messages do not use).
pub fn mab<'b>(body: &'b [u8], decoded: &Decoded) -> Option<&'b [u8]> {
    let span = decoded.spans.iter().find(|s| s.num == 64)?;
    if decoded.spans.iter().any(|s| s.num > 64) {
        return None;
    }
    body.get(..span.start)
}

/// Checks a request's DE64 under the terminal's MAC key: valid, valid only under the other
/// algorithm (a terminal configured for it), invalid, absent, or no key (not signed on).
pub fn check(term: &Terminal, body: &[u8], decoded: &Decoded) -> MacCheck {
    let Some(de64) = decoded.message.get(64) else {
        return MacCheck::Absent;
    };
    let Some(keys) = &term.keys else {
        return MacCheck::NoKey;
    };
    let Some(block) = mab(body, decoded) else {
        return MacCheck::Invalid;
    };
    let de64 = de64.as_bytes();
    if verify(term.mac, &keys.mak, block, de64).unwrap_or(false) {
        return MacCheck::Valid;
    }
    let other = term.mac.other();
    if verify(other, &keys.mak, block, de64).unwrap_or(false) {
        return MacCheck::OtherAlgorithm(other);
    }
    MacCheck::Invalid
}

/// Whether the DE64 of a decoded message is its MAC under `key` with `alg` (the terminal's
/// check of a reply).
pub fn check_with(alg: MacAlgorithm, key: &Key, body: &[u8], decoded: &Decoded) -> bool {
    match (decoded.message.get(64), mab(body, decoded)) {
        (Some(de64), Some(block)) => verify(alg, key, block, de64.as_bytes()).unwrap_or(false),
        _ => false,
    }
}

/// Encodes `m` with DE64 holding the MAC of its MAC block under `key` (8 zero bytes when
/// `key` is None: a terminal that has not signed on has nothing to MAC with).
pub fn encode_with_mac(
    m: &Message,
    packing: Packing,
    alg: MacAlgorithm,
    key: Option<&Key>,
) -> Result<Vec<u8>, EncodeError> {
    let mut m = m.clone();
    m.set_bytes(64, vec![0; 8]);
    let mut body = encode(&m, packing)?;
    let has_later = m.fields.keys().any(|n| *n > 64);
    if let (Some(key), false) = (key, has_later) {
        let cut = body.len() - mac_len(packing);
        if let Ok(value) = mac(alg, key, &body[..cut]) {
            let tail = match packing {
                Packing::Cups => value.to_vec(),
                // The ASCII packing carries binary fields as hex text.
                Packing::Ascii => crate::hexfmt::hex(&value).into_bytes(),
            };
            body.truncate(cut);
            body.extend_from_slice(&tail);
        }
    }
    Ok(body)
}

/// Bytes DE64 takes at the end of an encoded body.
fn mac_len(packing: Packing) -> usize {
    match packing {
        Packing::Cups => 8,
        Packing::Ascii => 16,
    }
}

/// Encodes the host's reply: MACed under the terminal's key when the request carried a MAC.
pub fn encode_sealed(
    reply: &Message,
    packing: Packing,
    request_had_mac: bool,
    term: &Terminal,
) -> Result<Vec<u8>, EncodeError> {
    if !request_had_mac {
        return encode(reply, packing);
    }
    encode_with_mac(reply, packing, term.mac, term.keys.as_ref().map(|k| &k.mak))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::codec::iso8583::decode;
    use crate::crypto::KeyKind;
    use crate::host::acquirer::signon::WorkingKeys;

    fn term(alg: MacAlgorithm) -> Terminal {
        let mut t = Terminal::new(alg);
        t.keys = Some(WorkingKeys {
            pik: Key::random(KeyKind::Tdes2).unwrap(),
            mak: Key::random(KeyKind::Tdes2).unwrap(),
            tdk: None,
        });
        t
    }

    #[test]
    fn a_sealed_message_checks_and_a_tampered_one_does_not() {
        for packing in [Packing::Cups, Packing::Ascii] {
            let t = term(MacAlgorithm::PosEcb);
            let m = Message::new("0200")
                .with(3, "000000")
                .with(4, "000000000001")
                .with(11, "000123")
                .with(41, "10000019");
            let mak = &t.keys.as_ref().unwrap().mak;
            let body = encode_with_mac(&m, packing, MacAlgorithm::PosEcb, Some(mak)).unwrap();
            let d = decode(&body, packing).unwrap();
            assert_eq!(check(&t, &body, &d), MacCheck::Valid, "{packing:?}");
            let mut bad = body.clone();
            bad[6] ^= 1;
            if let Ok(d) = decode(&bad, packing) {
                assert_ne!(check(&t, &bad, &d), MacCheck::Valid);
            }
            // The other algorithm is recognised as such.
            let x = encode_with_mac(&m, packing, MacAlgorithm::X919, Some(mak)).unwrap();
            let d = decode(&x, packing).unwrap();
            assert_eq!(
                check(&t, &x, &d),
                MacCheck::OtherAlgorithm(MacAlgorithm::X919)
            );
            let d = decode(&encode(&m, packing).unwrap(), packing).unwrap();
            assert_eq!(
                check(&t, &encode(&m, packing).unwrap(), &d),
                MacCheck::Absent
            );
            assert_eq!(
                check(
                    &Terminal::new(MacAlgorithm::PosEcb),
                    &x,
                    &decode(&x, packing).unwrap()
                ),
                MacCheck::NoKey
            );
        }
    }
}
