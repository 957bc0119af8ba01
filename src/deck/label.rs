//! A card's label in both languages. When the deck (or scenario) gives no Chinese label, one is
//! built from what the deck knows — the reference role, the bank's Chinese name, the scheme and
//! the card kind — so no output in Chinese falls back to the English label.

use super::DeckCard;
use crate::bins::{find_bank, Scheme};
use crate::i18n::Text;

/// What a card's label is made from.
pub(super) struct LabelFacts<'a> {
    /// The label the deck gives (English).
    pub en: &'a str,
    /// The deck's `label_zh`, if any.
    pub zh: Option<&'a str>,
    /// The bank as the deck names it: code, abbreviation, English or Chinese name (`ICBC`,
    /// `工商银行`); empty when unknown.
    pub bank: &'a str,
    /// The scheme name (`UnionPay`); empty when unknown.
    pub scheme: &'a str,
    /// The BIN table's card type (`debit`, `credit`, …); empty when unknown (then the English
    /// label's words decide).
    pub card_type: &'a str,
    pub reference: bool,
}

/// The label in both languages, and whether the Chinese one was built (not given).
pub(super) fn card_label(f: &LabelFacts) -> (Text, bool) {
    match f.zh {
        Some(zh) => (Text::new(f.en, zh), false),
        None => (Text::new(f.en, built_zh(f)), true),
    }
}

/// `参考卡 工商银行银联借记卡`: the reference role, the bank's Chinese name (the BIN table's
/// bank list; a name already in Chinese is kept), the scheme's Chinese name and the kind.
fn built_zh(f: &LabelFacts) -> String {
    let bank = match find_bank(f.bank) {
        Some(b) => b.zh.to_string(),
        None if !f.bank.is_ascii() => f.bank.trim().to_string(),
        None => String::new(),
    };
    let scheme = Scheme::parse(f.scheme).map_or("", |s| s.name_zh());
    let body = format!("{bank}{scheme}{}", kind_zh(f.card_type, f.en));
    match (f.reference, body.as_str()) {
        (true, "卡") => "参考卡".to_string(),
        (true, _) => format!("参考卡 {body}"),
        (false, _) => body,
    }
}

/// 借记卡 / 贷记卡 / 准贷记卡 / 预付费卡 from the BIN table's type, else from the English
/// label's words; 卡 when neither says.
fn kind_zh(card_type: &str, en: &str) -> &'static str {
    let en = en.to_ascii_lowercase();
    let has = |w: &str| card_type == w || (card_type.is_empty() && en.contains(w));
    if has("quasi-credit") {
        "准贷记卡"
    } else if has("credit") {
        "贷记卡"
    } else if has("debit") {
        "借记卡"
    } else if has("prepaid") {
        "预付费卡"
    } else {
        "卡"
    }
}

/// Built Chinese labels that two cards share get the card's place in the deck
/// (`工商银行银联借记卡（第 3 张）`), so the rows of a report stay apart. `built[i]` says
/// whether card `i`'s Chinese label was built; cards are in the deck's order.
pub(super) fn number_twins(cards: &mut [DeckCard], built: &[bool]) {
    let zh: Vec<String> = cards.iter().map(|c| c.label.zh.clone()).collect();
    for (i, card) in cards.iter_mut().enumerate() {
        let twins = zh.iter().filter(|z| **z == zh[i]).count();
        if built.get(i).copied().unwrap_or(false) && twins > 1 {
            card.label.zh = format!("{}（第 {} 张）", zh[i], i + 1);
        }
    }
}

/// A built-in deck card's label in both languages, found by its label in either one
/// (`ICBC debit` or `工商银行借记卡`): how `report summarize` names one card that runs in
/// different languages wrote under different labels. `None` for a label no built-in deck has.
pub fn builtin_label(label: &str) -> Option<&'static Text> {
    static LABELS: std::sync::OnceLock<Vec<Text>> = std::sync::OnceLock::new();
    let labels = LABELS.get_or_init(|| {
        super::Deck::builtin_names()
            .into_iter()
            .filter_map(|name| super::Deck::resolve(name).ok())
            .flat_map(|deck| deck.cards.into_iter().map(|c| c.label))
            .collect()
    });
    let label = label.trim();
    labels.iter().find(|t| t.en == label || t.zh == label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(en: &'a str, bank: &'a str, scheme: &'a str) -> LabelFacts<'a> {
        LabelFacts {
            en,
            zh: None,
            bank,
            scheme,
            card_type: "",
            reference: false,
        }
    }

    #[test]
    fn a_builtin_card_is_found_by_either_label() {
        let t = builtin_label("工商银行借记卡").unwrap();
        assert_eq!(t.en, "ICBC debit");
        assert_eq!(builtin_label(" ICBC debit").unwrap().zh, "工商银行借记卡");
        assert!(builtin_label("no such card").is_none());
    }

    #[test]
    fn a_given_chinese_label_is_kept() {
        let f = LabelFacts {
            zh: Some("工行卡"),
            ..facts("ICBC debit", "ICBC", "UnionPay")
        };
        assert_eq!(card_label(&f), (Text::new("ICBC debit", "工行卡"), false));
    }

    #[test]
    fn a_missing_chinese_label_is_built_from_bank_scheme_and_kind() {
        let (t, built) = card_label(&facts("ICBC debit", "ICBC", "UnionPay"));
        assert!(built);
        assert_eq!(t.en, "ICBC debit");
        assert_eq!(t.zh, "中国工商银行银联借记卡");
        let f = LabelFacts {
            reference: true,
            card_type: "credit",
            ..facts("Reference card", "招商银行", "")
        };
        assert_eq!(card_label(&f).0.zh, "参考卡 招商银行贷记卡");
        // An English bank name the bank list does not know is left out, not shown in English.
        assert_eq!(card_label(&facts("Some card", "Acme Bank", "")).0.zh, "卡");
        let f = LabelFacts {
            reference: true,
            ..facts("Ref", "", "")
        };
        assert_eq!(card_label(&f).0.zh, "参考卡");
    }

    /// Two cards whose built labels agree get their place in the deck; a given label is kept.
    #[test]
    fn twin_built_labels_are_numbered() {
        let card = |zh: &str| DeckCard {
            label: Text::new("x", zh),
            ..DeckCard::unknown()
        };
        let mut cards = vec![card("银联借记卡"), card("银联借记卡"), card("银联借记卡")];
        number_twins(&mut cards, &[true, true, false]);
        let zh: Vec<&str> = cards.iter().map(|c| c.label.zh.as_str()).collect();
        assert_eq!(
            zh,
            [
                "银联借记卡（第 1 张）",
                "银联借记卡（第 2 张）",
                "银联借记卡"
            ]
        );
    }
}
