//! The EMV tag dictionary: names and formats of the data objects in EMV 4.3 Book 3 Annex A,
//! plus the PBOC and contactless tags a China POS commonly shows.

/// Name and format of a tag. `format` follows EMV notation: `b` binary, `n` numeric BCD,
/// `cn` compressed numeric (`F`-padded), `a`/`an`/`ans` text, `tpl` constructed template;
/// followed by the length in bytes where the specification fixes it (`n6 (3)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TagInfo {
    pub name: &'static str,
    pub format: &'static str,
}

/// Broad value class derived from the format, which decides display and DOL padding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueClass {
    Binary,
    Numeric,
    CompressedNumeric,
    Text,
    Template,
}

impl TagInfo {
    pub fn class(&self) -> ValueClass {
        let f = self.format;
        if f.starts_with("tpl") {
            ValueClass::Template
        } else if f.starts_with("cn") {
            ValueClass::CompressedNumeric
        } else if f.starts_with('n') {
            ValueClass::Numeric
        } else if f.starts_with('a') {
            ValueClass::Text
        } else {
            ValueClass::Binary
        }
    }
}

macro_rules! tags {
    ($(($tag:expr, $name:expr, $fmt:expr)),* $(,)?) => {
        /// Every tag the dictionary knows (1-byte tags first, then 2-byte tags).
        pub const TAGS: &[(u32, TagInfo)] = &[
            $(($tag, TagInfo { name: $name, format: $fmt }),)*
        ];
    };
}

tags![
    (0x42, "Issuer Identification Number (IIN)", "n6 (3)"),
    (0x4F, "Application Identifier (ADF Name)", "b 5-16"),
    (0x50, "Application Label", "ans 1-16"),
    (0x56, "Track 1 Data", "ans <=76"),
    (0x57, "Track 2 Equivalent Data", "b <=19"),
    (0x5A, "Application PAN", "cn <=10"),
    (0x61, "Application Template", "tpl"),
    (0x6F, "File Control Information (FCI) Template", "tpl"),
    (0x70, "READ RECORD Response Message Template", "tpl"),
    (0x71, "Issuer Script Template 1", "tpl"),
    (0x72, "Issuer Script Template 2", "tpl"),
    (0x73, "Directory Discretionary Template", "tpl"),
    (0x77, "Response Message Template Format 2", "tpl"),
    (0x80, "Response Message Template Format 1", "b"),
    (0x81, "Amount, Authorised (Binary)", "b4 (4)"),
    (0x82, "Application Interchange Profile", "b (2)"),
    (0x83, "Command Template", "b"),
    (0x84, "Dedicated File (DF) Name", "b 5-16"),
    (0x86, "Issuer Script Command", "b <=261"),
    (0x87, "Application Priority Indicator", "b (1)"),
    (0x88, "Short File Identifier (SFI)", "b (1)"),
    (0x89, "Authorisation Code", "an6 (6)"),
    (0x8A, "Authorisation Response Code", "an2 (2)"),
    (
        0x8C,
        "Card Risk Management Data Object List 1 (CDOL1)",
        "b <=252"
    ),
    (
        0x8D,
        "Card Risk Management Data Object List 2 (CDOL2)",
        "b <=252"
    ),
    (
        0x8E,
        "Cardholder Verification Method (CVM) List",
        "b 10-252"
    ),
    (0x8F, "Certification Authority Public Key Index", "b (1)"),
    (0x90, "Issuer Public Key Certificate", "b"),
    (0x91, "Issuer Authentication Data", "b 8-16"),
    (0x92, "Issuer Public Key Remainder", "b"),
    (0x93, "Signed Static Application Data", "b"),
    (0x94, "Application File Locator (AFL)", "b 4n"),
    (0x95, "Terminal Verification Results", "b (5)"),
    (
        0x97,
        "Transaction Certificate Data Object List (TDOL)",
        "b <=252"
    ),
    (0x98, "Transaction Certificate (TC) Hash Value", "b (20)"),
    (
        0x99,
        "Transaction Personal Identification Number (PIN) Data",
        "b"
    ),
    (0x9A, "Transaction Date", "n6 YYMMDD (3)"),
    (0x9B, "Transaction Status Information", "b (2)"),
    (0x9C, "Transaction Type", "n2 (1)"),
    (0x9D, "Directory Definition File (DDF) Name", "b 5-16"),
    (
        0xA5,
        "File Control Information (FCI) Proprietary Template",
        "tpl"
    ),
    (0x5F20, "Cardholder Name", "ans 2-26"),
    (0x5F24, "Application Expiration Date", "n6 YYMMDD (3)"),
    (0x5F25, "Application Effective Date", "n6 YYMMDD (3)"),
    (0x5F28, "Issuer Country Code", "n3 (2)"),
    (0x5F2A, "Transaction Currency Code", "n3 (2)"),
    (0x5F2D, "Language Preference", "an 2-8"),
    (0x5F30, "Service Code", "n3 (2)"),
    (0x5F34, "Application PAN Sequence Number", "n2 (1)"),
    (0x5F36, "Transaction Currency Exponent", "n1 (1)"),
    (0x5F50, "Issuer URL", "ans"),
    (0x5F53, "International Bank Account Number (IBAN)", "b <=34"),
    (0x5F54, "Bank Identifier Code (BIC)", "b 8-11"),
    (0x5F55, "Issuer Country Code (alpha2 format)", "a2 (2)"),
    (0x5F56, "Issuer Country Code (alpha3 format)", "a3 (3)"),
    (0x5F57, "Account Type", "n2 (1)"),
    (0x9F01, "Acquirer Identifier", "n6-11 (6)"),
    (0x9F02, "Amount, Authorised (Numeric)", "n12 (6)"),
    (0x9F03, "Amount, Other (Numeric)", "n12 (6)"),
    (0x9F04, "Amount, Other (Binary)", "b4 (4)"),
    (0x9F05, "Application Discretionary Data", "b 1-32"),
    (0x9F06, "Application Identifier (AID) - terminal", "b 5-16"),
    (0x9F07, "Application Usage Control", "b (2)"),
    (0x9F08, "Application Version Number (card)", "b (2)"),
    (0x9F09, "Application Version Number (terminal)", "b (2)"),
    (0x9F0B, "Cardholder Name Extended", "ans 27-45"),
    (0x9F0D, "Issuer Action Code - Default", "b (5)"),
    (0x9F0E, "Issuer Action Code - Denial", "b (5)"),
    (0x9F0F, "Issuer Action Code - Online", "b (5)"),
    (0x9F10, "Issuer Application Data", "b <=32"),
    (0x9F11, "Issuer Code Table Index", "n2 (1)"),
    (0x9F12, "Application Preferred Name", "ans 1-16"),
    (
        0x9F13,
        "Last Online Application Transaction Counter (ATC) Register",
        "b (2)"
    ),
    (0x9F14, "Lower Consecutive Offline Limit", "b (1)"),
    (0x9F15, "Merchant Category Code", "n4 (2)"),
    (0x9F16, "Merchant Identifier", "ans15 (15)"),
    (
        0x9F17,
        "Personal Identification Number (PIN) Try Counter",
        "b (1)"
    ),
    (0x9F18, "Issuer Script Identifier", "b (4)"),
    (0x9F19, "Token Requestor ID", "n11 (6)"),
    (0x9F1A, "Terminal Country Code", "n3 (2)"),
    (0x9F1B, "Terminal Floor Limit", "b (4)"),
    (0x9F1C, "Terminal Identification", "an8 (8)"),
    (0x9F1D, "Terminal Risk Management Data", "b 1-8"),
    (0x9F1E, "Interface Device (IFD) Serial Number", "an8 (8)"),
    (0x9F1F, "Track 1 Discretionary Data", "ans"),
    (0x9F20, "Track 2 Discretionary Data", "cn"),
    (0x9F21, "Transaction Time", "n6 HHMMSS (3)"),
    (
        0x9F22,
        "Certification Authority Public Key Index (terminal)",
        "b (1)"
    ),
    (0x9F23, "Upper Consecutive Offline Limit", "b (1)"),
    (0x9F24, "Payment Account Reference (PAR)", "an29 (29)"),
    (0x9F25, "Last 4 Digits of PAN", "n4 (2)"),
    (0x9F26, "Application Cryptogram", "b (8)"),
    (0x9F27, "Cryptogram Information Data", "b (1)"),
    (0x9F2D, "ICC PIN Encipherment Public Key Certificate", "b"),
    (0x9F2E, "ICC PIN Encipherment Public Key Exponent", "b 1-3"),
    (0x9F2F, "ICC PIN Encipherment Public Key Remainder", "b"),
    (0x9F32, "Issuer Public Key Exponent", "b 1-3"),
    (0x9F33, "Terminal Capabilities", "b (3)"),
    (
        0x9F34,
        "Cardholder Verification Method (CVM) Results",
        "b (3)"
    ),
    (0x9F35, "Terminal Type", "n2 (1)"),
    (0x9F36, "Application Transaction Counter (ATC)", "b (2)"),
    (0x9F37, "Unpredictable Number", "b (4)"),
    (0x9F38, "Processing Options Data Object List (PDOL)", "b"),
    (0x9F39, "Point-of-Service (POS) Entry Mode", "n2 (1)"),
    (0x9F3A, "Amount, Reference Currency", "b (4)"),
    (0x9F3B, "Application Reference Currency", "n3 (2-8)"),
    (0x9F3C, "Transaction Reference Currency Code", "n3 (2)"),
    (0x9F3D, "Transaction Reference Currency Exponent", "n1 (1)"),
    (0x9F40, "Additional Terminal Capabilities", "b (5)"),
    (0x9F41, "Transaction Sequence Counter", "n4-8 (2-4)"),
    (0x9F42, "Application Currency Code", "n3 (2)"),
    (
        0x9F43,
        "Application Reference Currency Exponent",
        "n1 (1-4)"
    ),
    (0x9F44, "Application Currency Exponent", "n1 (1)"),
    (0x9F45, "Data Authentication Code", "b (2)"),
    (0x9F46, "ICC Public Key Certificate", "b"),
    (0x9F47, "ICC Public Key Exponent", "b 1-3"),
    (0x9F48, "ICC Public Key Remainder", "b"),
    (
        0x9F49,
        "Dynamic Data Authentication Data Object List (DDOL)",
        "b <=252"
    ),
    (0x9F4A, "Static Data Authentication Tag List", "b"),
    (0x9F4B, "Signed Dynamic Application Data", "b"),
    (0x9F4C, "ICC Dynamic Number", "b 2-8"),
    (0x9F4D, "Log Entry", "b (2)"),
    (0x9F4E, "Merchant Name and Location", "ans"),
    (0x9F4F, "Log Format", "b"),
    (
        0x9F51,
        "Application Currency Code (PBOC/Visa proprietary)",
        "n3 (2)"
    ),
    (0x9F53, "Transaction Category Code", "an1 (1)"),
    // PBOC 3.0 (JR/T 0025) and UnionPay IC card tags.
    (0x9F52, "Application Default Action (ADA) (PBOC)", "b (2)"),
    (
        0x9F54,
        "Cumulative Total Transaction Amount Limit (PBOC)",
        "n12 (6)"
    ),
    (0x9F56, "Issuer Authentication Indicator (PBOC)", "b (1)"),
    (0x9F57, "Issuer Country Code (PBOC)", "n3 (2)"),
    (0x9F58, "Lower Consecutive Offline Limit (PBOC)", "b (1)"),
    (0x9F59, "Upper Consecutive Offline Limit (PBOC)", "b (1)"),
    (
        0x9F5C,
        "Cumulative Total Transaction Amount Upper Limit (PBOC)",
        "n12 (6)"
    ),
    (
        0x9F63,
        "Card Product Identification Information (PBOC/UnionPay)",
        "b (16)"
    ),
    (0x9F68, "Card Additional Processes (qPBOC)", "b (4)"),
    (
        0x9F69,
        "Card Authentication Related Data (UnionPay fDDA)",
        "b 5-16"
    ),
    (0x9F6D, "Electronic Cash Reset Threshold (PBOC)", "n12 (6)"),
    (0x9F77, "Electronic Cash Balance Limit (PBOC)", "n12 (6)"),
    (
        0x9F78,
        "Electronic Cash Single Transaction Limit (PBOC)",
        "n12 (6)"
    ),
    (0xDF31, "Issuer Script Results (PBOC/UnionPay)", "b"),
    // The terminal's action codes as CUPS IC parameters carry them (docs/terminal.md).
    (
        0xDF11,
        "Terminal Action Code - Default (UnionPay IC parameter)",
        "b (5)"
    ),
    (
        0xDF12,
        "Terminal Action Code - Online (UnionPay IC parameter)",
        "b (5)"
    ),
    (
        0xDF13,
        "Terminal Action Code - Denial (UnionPay IC parameter)",
        "b (5)"
    ),
    (0x9F5D, "Available Offline Spending Amount", "n12 (6)"),
    (0x9F60, "CVC3 (Track 1)", "b (2)"),
    (0x9F61, "CVC3 (Track 2)", "b (2)"),
    (0x9F66, "Terminal Transaction Qualifiers (TTQ)", "b (4)"),
    (0x9F6B, "Track 2 Data (contactless)", "b <=19"),
    (0x9F6C, "Card Transaction Qualifiers (CTQ)", "b (2)"),
    (0x9F6E, "Form Factor Indicator / Third Party Data", "b"),
    (
        0x9F74,
        "VLP Issuer Authorisation Code (electronic cash)",
        "a6 (6)"
    ),
    (
        0x9F79,
        "VLP Available Funds (electronic cash balance)",
        "n12 (6)"
    ),
    (
        0x9F7A,
        "VLP Terminal Support Indicator (electronic cash)",
        "b (1)"
    ),
    (
        0x9F7B,
        "VLP Terminal Transaction Limit (electronic cash)",
        "n12 (6)"
    ),
    (0x9F7C, "Customer Exclusive Data", "b <=32"),
    (
        0xBF0C,
        "File Control Information (FCI) Issuer Discretionary Data",
        "tpl"
    ),
];

/// Looks a tag up in the dictionary.
pub fn tag_info(tag: u32) -> Option<TagInfo> {
    TAGS.iter().find(|(t, _)| *t == tag).map(|(_, i)| *i)
}

/// The tag's name, or `"unknown tag"`.
pub fn tag_name(tag: u32) -> &'static str {
    tag_info(tag).map_or("unknown tag", |i| i.name)
}
