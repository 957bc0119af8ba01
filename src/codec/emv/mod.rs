//! EMV on top of BER-TLV: the tag dictionary, how values are shown (card data masked as
//! `sensitive::policy` says) and explained bit by bit (TVR/TSI/AIP/CID/CVM/AUC/terminal
//! capabilities), AFL and DOL parsing, DOL filling from terminal data, the terminal's command
//! APDUs (`commands`), and the AID registry (protocols.md §5).

mod aid;
mod bits;
pub mod commands;
mod dol;
mod explain;
mod show;
mod tags;

pub use aid::{
    aid_rid_pix, lookup_aid, rid_of, scheme_of_aid, terminal_aids, Aid, AidKind, KNOWN_AIDS,
};
pub use bits::{
    cvm_condition, cvm_condition_id, cvm_method, cvm_method_id, decode_add_term_caps, decode_aip,
    decode_auc, decode_cid, decode_ctq, decode_cvm_results, decode_term_caps, decode_tsi,
    decode_ttq, decode_tvr, parse_cvm_list, Bit, Cid, CryptogramType, CvmList, CvmResults, CvmRule,
};
pub use dol::{
    dol_len, fill_dol, pack_cn, parse_afl, parse_dol, read_afl, split_dol, AflEntry, AflRead,
    DolEntry, TerminalData,
};
pub use explain::{explain_tag, explain_tag_in, genac_format1, GenAc1};
pub use show::{
    display_value, display_value_in, guarded_hex, pos_entry_mode, pos_entry_mode_in, terminal_type,
    terminal_type_in, transaction_type, transaction_type_in, value_hex,
};
pub use tags::{tag_info, tag_name, tag_name_in, TagInfo, ValueClass, TAGS};

/// Tags whose values are PAN, track data or sensitive authentication data: never shown in
/// clear ([`display_value`] masks them). The list is the card-data policy's
/// (`sensitive::policy`); cardholder name (`5F20`, `9F0B`) and expiry (`5F24`) are personal
/// data that `decode` may show.
pub use crate::sensitive::is_card_data_tag;

/// The Payment System Environment's name, `1PAY.SYS.DDF01` (EMV Book 1 §12.2.2).
pub const PSE: &[u8] = b"1PAY.SYS.DDF01";

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::codec::tlv::{cons, prim};
    use crate::hexfmt::parse_hex;

    #[test]
    fn dictionary_is_big_and_unique() {
        assert!(TAGS.len() >= 80, "{}", TAGS.len());
        let mut seen = std::collections::HashSet::new();
        for (t, _) in TAGS {
            assert!(seen.insert(*t), "duplicate {t:X}");
        }
    }

    #[test]
    fn masks_card_data() {
        let pan = display_value(0x5A, &[0x62, 0x24, 0x24, 0x29, 0x00, 0x00, 0x01, 0x13]);
        assert_eq!(pan, "622424******0113");
        let t2 = display_value(
            0x57,
            &crate::hexfmt::parse_hex("6224242900000113D28062013949031013").unwrap_or_default(),
        );
        assert!(!t2.contains("2900000113"));
        assert!(!t2.contains("3949031013"));
    }

    #[test]
    fn cid_reads_arqc() {
        assert_eq!(display_value(0x9F27, &[0x80]), "80 (ARQC)");
    }

    /// `Tlv`'s `Debug` and `Display` (implemented in `show`) mask card data.
    #[test]
    fn debug_and_display_mask_card_data() {
        let t = cons(
            0x70,
            vec![
                prim(0x5A, parse_hex("6212345678901232").unwrap()),
                prim(0x9F27, [0x80]),
            ],
        );
        let d = format!("{t:?} {t}");
        assert!(crate::sensitive::find_clear_pan(&d).is_none(), "{d}");
        assert!(d.contains("621234******1232"), "{d}");
        assert_eq!(
            t.to_string(),
            "70 [14] { 5A [8] 621234******1232 9F27 [1] 80 (ARQC) }"
        );
    }
}
