//! Reading back a phrase made from a template with `{}` holes: how a decoder's English detail,
//! kept as text, is found again to be said in another language.

/// The parts of `phrase` at the `{}` of `template` (none empty), or `None` when it does not
/// fit. A `{}` takes text up to the first occurrence of the literal after it (the last one,
/// up to the literal that ends the template).
pub fn captures<'p>(template: &str, phrase: &'p str) -> Option<Vec<&'p str>> {
    let parts: Vec<&str> = template.split("{}").collect();
    let mut rest = phrase.strip_prefix(parts[0])?;
    let mut out = Vec::new();
    for (i, lit) in parts.iter().enumerate().skip(1) {
        let cap = if i == parts.len() - 1 {
            let cap = rest.strip_suffix(lit)?;
            rest = "";
            cap
        } else {
            let at = rest.find(lit)?;
            let cap = &rest[..at];
            rest = &rest[at + lit.len()..];
            cap
        };
        if cap.is_empty() {
            return None;
        }
        out.push(cap);
    }
    (rest.is_empty()).then_some(out)
}
