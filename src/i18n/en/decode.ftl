### decode: `decode`: explanations of tracks, ATR, APDU, TLV/EMV tags and ISO 8583 fields.
### Ids start with `decode-`. See docs/i18n.md.
