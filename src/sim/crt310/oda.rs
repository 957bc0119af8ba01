//! The simulated card's offline data authentication (EMV 4.3 Book 2 §5–6): its AIP, the
//! records that carry the CA key index (`8F`), the issuer certificate (`90`, `92`, `9F32`),
//! signed static data (`93`) and the ICC certificate (`9F46`, `9F47`, `9F48`, `9F49`), all made
//! with the bench's TEST keys (`crypto::capk::test_keys`), and INTERNAL AUTHENTICATE. The
//! card faults `bad_sda`, `expired_issuer_cert` and `unknown_ca_index` are made here.

use crate::codec::tlv::{cons, encode, prim};
use crate::crypto::capk::{test_keys, TEST_CA_INDEX};
use crate::crypto::emv_cert::{self, IccCert, IssuerCert};
use crate::sim::scenario::{pack_nibbles, AppSpec, CardSpec, Defect};

/// The AIP the card answers GPO with: the application's, without DDA for a `bad_sda` card.
pub(super) fn aip(card: &CardSpec, app: &AppSpec) -> Vec<u8> {
    let mut aip = app.aip_bytes();
    if card.has(Defect::BadSda) {
        if let Some(b) = aip.first_mut() {
            *b = (*b & !0x21) | 0x40;
        }
    }
    aip
}

/// The value of a record template (`70 L value`).
fn contents(record: &[u8]) -> Vec<u8> {
    crate::codec::tlv::iter(record)
        .next()
        .and_then(Result::ok)
        .map(|o| o.value.to_vec())
        .unwrap_or_default()
}

/// The ODA records that follow the application's own (records 1 is the one signed): empty
/// when the test keys cannot be read.
pub(super) fn records(card: &CardSpec, app: &AppSpec) -> Vec<Vec<u8>> {
    let Some(keys) = test_keys() else {
        return Vec::new();
    };
    let base = app.record_templates(card);
    let mut signed = base.first().map(|r| contents(r)).unwrap_or_default();
    signed.extend_from_slice(&aip(card, app));
    let digits = |n: usize| card.pan.chars().take(n).collect::<String>();
    let mut issuer_id = [0xFF; 4];
    issuer_id[..3].copy_from_slice(&pack_nibbles(&digits(6))[..3]);
    let cert_expiry = if card.has(Defect::ExpiredIssuerCert) {
        [0x12, 0x20]
    } else {
        [0x12, 0x30]
    };
    let (cert, rest) = emv_cert::make_issuer_cert(
        &keys.ca,
        &IssuerCert {
            issuer_id,
            expiry: cert_expiry,
            serial: [0x00, 0x00, 0x01],
            key: keys.issuer.public.clone(),
        },
    );
    let mut pan = [0xFF; 10];
    let packed = pack_nibbles(&card.pan);
    pan[..packed.len().min(10)].copy_from_slice(&packed[..packed.len().min(10)]);
    let (icc_cert, icc_rest) = emv_cert::make_icc_cert(
        &keys.issuer,
        &IccCert {
            pan,
            expiry: [0x12, 0x29],
            serial: [0x00, 0x00, 0x02],
            key: keys.icc.public.clone(),
        },
        &signed,
    );
    if card.has(Defect::BadSda) {
        signed.push(0x00);
    }
    let ssad = emv_cert::make_ssad(&keys.issuer, [0xDA, 0xC1], &signed);
    let index = if card.has(Defect::UnknownCaIndex) {
        TEST_CA_INDEX + 1
    } else {
        TEST_CA_INDEX
    };
    let r3 = cons(
        0x70,
        vec![
            prim(0x8F, [index]),
            prim(0x9F32, keys.issuer.public.exponent.clone()),
            prim(0x92, rest),
            prim(0x90, cert),
        ],
    );
    let r4 = cons(0x70, vec![prim(0x93, ssad), prim(0x9F4A, [0x82])]);
    let r5 = cons(
        0x70,
        vec![
            prim(0x9F46, icc_cert),
            prim(0x9F47, keys.icc.public.exponent.clone()),
            prim(0x9F48, icc_rest),
            prim(0x9F49, [0x9F, 0x37, 0x04]),
        ],
    );
    vec![encode(&[r3]), encode(&[r4]), encode(&[r5])]
}

/// INTERNAL AUTHENTICATE: signed dynamic application data over the DDOL data, the ICC
/// dynamic number being the ATC; format 1 (`80`).
pub(super) fn internal_authenticate(atc: u16, ddol_data: &[u8]) -> Option<Vec<u8>> {
    let keys = test_keys()?;
    let [hi, lo] = atc.to_be_bytes();
    let sdad = emv_cert::make_sdad(&keys.icc, &[0x02, hi, lo], ddol_data);
    let mut out = Vec::new();
    crate::codec::tlv::push(&mut out, 0x80, &sdad);
    Some(out)
}
