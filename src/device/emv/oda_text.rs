//! The ODA result (offline data authentication, EMV Book 2 §5–6) in words of both languages:
//! the chip judge's detail, `read --chip` and the POS simulator's lines say it the same way.

use super::oda::{OdaFault, OdaOutcome};
use crate::crypto::emv_cert::CertFault;
use crate::i18n::{t, Arg, Lang, Text};

/// The ODA result in both languages (`DDA ok` / `DDA 通过`); the English is `OdaOutcome`'s
/// own spelling. Why a certificate failed stays as the ODA code words it.
pub fn oda_text(oda: &OdaOutcome) -> Text {
    let method = |m: &crate::device::emv::oda::OdaMethod| m.name();
    match oda {
        OdaOutcome::NotPerformed => Text::tr("judge-oda-not-performed"),
        OdaOutcome::Passed(m) => Text::tr_args("judge-oda-ok", &[("method", method(m).into())]),
        OdaOutcome::Failed(m, why) => Text::tr_each("judge-oda-failed", |lang| {
            vec![
                ("method", Arg::from(method(m))),
                ("why", Arg::from(oda_why(why, lang))),
            ]
        }),
    }
}

/// Why ODA failed, in `lang` (catalogue `judge-oda-why-*`; in English the same words as
/// `OdaFault`'s `Display`, which the CSV detail always carried — a test holds them equal).
pub(crate) fn oda_why(why: &OdaFault, lang: Lang) -> String {
    let cert = |c: &CertFault| cert_why(c, lang);
    let s = match why {
        OdaFault::NoCaKey { rid, index } => t!(
            lang,
            "judge-oda-why-no-ca-key",
            rid = crate::hexfmt::hex(rid),
            index = format!("{index:02X}")
        ),
        OdaFault::Missing(tag) => t!(lang, "judge-oda-why-missing", tag = format!("{tag:X}")),
        OdaFault::StaticData => t!(lang, "judge-oda-why-static-data"),
        OdaFault::IssuerCert(c) => t!(lang, "judge-oda-why-issuer-cert", why = cert(c)),
        OdaFault::IssuerId => t!(lang, "judge-oda-why-issuer-id"),
        OdaFault::IssuerCertExpired(e) => {
            t!(lang, "judge-oda-why-issuer-expired", expiry = e.as_str())
        }
        OdaFault::IccCert(c) => t!(lang, "judge-oda-why-icc-cert", why = cert(c)),
        OdaFault::IccPan => t!(lang, "judge-oda-why-icc-pan"),
        OdaFault::IccCertExpired(e) => t!(lang, "judge-oda-why-icc-expired", expiry = e.as_str()),
        OdaFault::Ssad(c) => t!(lang, "judge-oda-why-ssad", why = cert(c)),
        OdaFault::Sdad(Some(c)) => t!(lang, "judge-oda-why-sdad", why = cert(c)),
        OdaFault::Sdad(None) => t!(lang, "judge-oda-why-no-sdad"),
        OdaFault::Cda(f) => return cda_why(f, lang),
    };
    s.into_owned()
}

/// Why a CDA signature did not check out, in `lang` (EMV Book 2 §6.6.2).
fn cda_why(f: &crate::crypto::cda::CdaFault, lang: Lang) -> String {
    use crate::crypto::cda::CdaFault;
    let hex = |b: u8| format!("{b:02X}");
    let s = match f {
        CdaFault::Sdad(c) => t!(lang, "judge-oda-why-sdad", why = cert_why(c, lang)),
        CdaFault::Layout => t!(lang, "judge-oda-why-cda-layout"),
        CdaFault::Cid { signed, returned } => t!(
            lang,
            "judge-oda-why-cda-cid",
            signed = hex(*signed),
            returned = hex(*returned)
        ),
        CdaFault::TransactionHash => t!(lang, "judge-oda-why-cda-hash"),
    };
    s.into_owned()
}

/// Why a certificate or signature did not verify, in `lang` (EMV Book 2 §5.3, §6.3).
fn cert_why(c: &CertFault, lang: Lang) -> String {
    let hex = |b: u8| format!("{b:02X}");
    let s = match c {
        CertFault::Length { want, got } => {
            t!(lang, "judge-cert-why-length", got = *got, want = *want)
        }
        CertFault::Rsa => t!(lang, "judge-cert-why-rsa"),
        CertFault::Framing => t!(lang, "judge-cert-why-framing"),
        CertFault::Format { want, got } => t!(
            lang,
            "judge-cert-why-format",
            got = hex(*got),
            want = hex(*want)
        ),
        CertFault::Algorithm(a) => t!(lang, "judge-cert-why-algorithm", value = hex(*a)),
        CertFault::Hash => t!(lang, "judge-cert-why-hash"),
        CertFault::KeyLayout => t!(lang, "judge-cert-why-key-layout"),
    };
    s.into_owned()
}
