//! The issuer's side of a chip authorisation (EMV 4.3 Book 2 §8.1–8.2): the ARQC of DE55
//! recomputed with the issuer master key for the card's BIN (`keys`), and the ARPC answered in
//! tag 91 (method 1: ARPC ‖ ARC). The cryptography is `crypto::ac`, shared with the simulated
//! cards; PyPI pyemv is the outside oracle (tests/devices/emv_flow.rs).

use super::keys::KeyStore;
use crate::codec::tlv;
use crate::crypto::ac;

/// An issuer script template for DE55 of the reply (EMV 4.3 Book 3 §10.10, Annex E): tag
/// `71` (the terminal sends it before GENERATE AC 2) or `72` (after), with a script
/// identifier (`9F18`) and one command (`86`): APPLICATION UNBLOCK (`84 18 00 00 04` + a
/// 4-byte MAC), harmless on an application that is not blocked. The MAC is a placeholder:
/// the simulated cards do not check script MACs, and a real card refuses it (script failed),
/// which is why scripts go only to test cards and only when a host rule asks for them.
pub fn issuer_script(tag: u8) -> Vec<u8> {
    let mut inner = Vec::new();
    tlv::push(&mut inner, 0x9F18, &[0, 0, 0, 1]);
    tlv::push(
        &mut inner,
        0x86,
        &[0x84, 0x18, 0x00, 0x00, 0x04, 0, 0, 0, 0],
    );
    let mut out = Vec::new();
    tlv::push(&mut out, u32::from(tag), &inner);
    out
}

/// What the host made of the cryptogram in DE55.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArqcCheck {
    /// The ARQC recomputes.
    Valid,
    /// It does not: wrong key, tampered data, or not the bench's cryptogram version.
    Invalid,
    /// No issuer master key serves this BIN: not checked.
    NoKey,
    /// DE55 has no ARQC (no `9F26`, or the CID is not an ARQC), or does not parse.
    NoCryptogram,
}

impl ArqcCheck {
    /// For the exchange facts and the host's English log line (`ARQC ok`).
    pub fn as_str(self) -> &'static str {
        self.note_in(crate::i18n::Lang::En)
    }

    /// [`ArqcCheck::as_str`] in `lang` (catalogue `host-note-arqc-*`).
    pub fn note_in(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::tr_static;
        match self {
            ArqcCheck::Valid => tr_static(lang, "host-note-arqc-ok"),
            ArqcCheck::Invalid => tr_static(lang, "host-note-arqc-wrong"),
            ArqcCheck::NoKey => tr_static(lang, "host-note-no-issuer-key"),
            ArqcCheck::NoCryptogram => tr_static(lang, "host-note-no-arqc"),
        }
    }
}

/// The ARQC check and, when it holds, DE55 of the reply: tag 91 = ARPC ‖ ARC, the ARC being
/// the response code's two characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChipAnswer {
    pub check: ArqcCheck,
    pub reply_de55: Option<Vec<u8>>,
}

/// Checks the ARQC of `de55` for card `pan` (PAN sequence number `psn`, DE23) and answers
/// with an ARPC for response code `rc`.
pub fn answer(keys: &KeyStore, pan: &str, psn: u8, de55: &[u8], rc: &str) -> ChipAnswer {
    let none = |check| ChipAnswer {
        check,
        reply_de55: None,
    };
    let Ok(list) = tlv::parse(de55) else {
        return none(ArqcCheck::NoCryptogram);
    };
    let get = |t: u32| tlv::find(&list, t).map(|o| o.value.as_slice());
    let arqc: Option<[u8; 8]> = get(0x9F26).and_then(|v| v.try_into().ok());
    let is_arqc = get(0x9F27).is_some_and(|c| c.first().is_some_and(|b| b & 0xC0 == 0x80));
    let (Some(arqc), true) = (arqc, is_arqc) else {
        return none(ArqcCheck::NoCryptogram);
    };
    let Some(issuer) = keys.issuer(pan) else {
        return none(ArqcCheck::NoKey);
    };
    let atc: [u8; 2] = get(0x9F36)
        .and_then(|v| v.try_into().ok())
        .unwrap_or([0, 0]);
    let sk = ac::derive_icc_mk(&issuer.imk_ac, pan, psn).and_then(|mk| ac::session_key(&mk, atc));
    let Ok(sk) = sk else {
        return none(ArqcCheck::Invalid);
    };
    if ac::application_cryptogram(&sk, &ac::arqc_data(get)).ok() != Some(arqc) {
        return none(ArqcCheck::Invalid);
    }
    let rc = rc.as_bytes();
    let arc = [
        rc.first().copied().unwrap_or(b'0'),
        rc.get(1).copied().unwrap_or(b'0'),
    ];
    let reply_de55 = ac::arpc_method1(&sk, &arqc, arc).ok().map(|arpc| {
        let mut out = Vec::new();
        tlv::push(&mut out, 0x91, &[&arpc[..], &arc[..]].concat());
        out
    });
    ChipAnswer {
        check: ArqcCheck::Valid,
        reply_de55,
    }
}
