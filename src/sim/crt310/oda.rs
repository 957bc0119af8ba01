//! The simulated card's offline data authentication (EMV 4.3 Book 2 §5–6): its AIP, the
//! records that carry the CA key index (`8F`), the issuer certificate (`90`, `92`, `9F32`),
//! signed static data (`93`) and the ICC certificate (`9F46`, `9F47`, `9F48`, `9F49`), all made
//! with the bench's TEST keys (`crypto::capk::test_keys`), INTERNAL AUTHENTICATE and the CDA
//! signature of GENERATE AC. The card faults `bad_sda`, `bad_cda`, `expired_issuer_cert` and
//! `unknown_ca_index` are made here.

use crate::codec::tlv::{cons, encode, prim};
use crate::crypto::capk::{test_keys, TEST_CA_INDEX};
use crate::crypto::cda::{self, IccDynamicData};
use crate::crypto::emv_cert::{self, IccCert, IssuerCert};
use crate::sim::scenario::{pack_nibbles, AppSpec, CardSpec, Defect};

/// The AIP the card answers GPO with: the application's, without DDA for a `bad_sda` card,
/// with CDA (byte 1 `01`) for a `bad_cda` card.
pub(super) fn aip(card: &CardSpec, app: &AppSpec) -> Vec<u8> {
    let mut aip = app.aip_bytes();
    if let Some(b) = aip.first_mut() {
        if card.has(Defect::BadSda) {
            *b = (*b & !0x21) | 0x40;
        } else if card.has(Defect::BadCda) {
            *b |= 0x01;
        }
    }
    aip
}

/// Whether the card signs GENERATE AC responses when asked (AIP byte 1 `01`, CDA).
pub(super) fn does_cda(card: &CardSpec, app: &AppSpec) -> bool {
    aip(card, app).first().is_some_and(|b| b & 0x01 != 0)
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

/// CDA (Book 2 §6.6.1): the SDAD (`9F4B`) over the ICC dynamic data — the ATC as ICC dynamic
/// number, the CID, the cryptogram and the transaction data hash code — and the unpredictable
/// number. A `bad_cda` card signs a hash code of other data. `None` without the test keys.
pub(super) fn cda_signature(
    card: &CardSpec,
    atc: [u8; 2],
    cid: u8,
    ac: [u8; 8],
    mut tdhc: [u8; 20],
    unpredictable: &[u8],
) -> Option<Vec<u8>> {
    let keys = test_keys()?;
    if card.has(Defect::BadCda) {
        tdhc[0] ^= 0xFF;
    }
    let d = IccDynamicData {
        number: atc.to_vec(),
        cid,
        ac,
        tdhc,
    };
    Some(cda::sign(&keys.icc, &d, unpredictable))
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
