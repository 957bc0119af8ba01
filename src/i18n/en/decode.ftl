### decode: `decode`: explanations of tracks, ATR, APDU, TLV/EMV tags and ISO 8583 fields.
### Ids start with `decode-`. See docs/i18n.md.

## decode track (explain::track). The labels are padded to one column.

# $track (number) 1–3; $status: the track's status (common-track-status).
decode-track-title = Track { $track }: { $status }
# A track-2 equivalent (chip tag 57 or a pasted one): 'D' separates PAN and expiry.
decode-track-title-equivalent = Track { $track } (equivalent data, 'D' separator): { $status }
# After the title. $chars (number): characters decoded; $direction: decode-track-direction.
decode-track-chars = ({ $chars } characters)
decode-track-chars-direction = ({ $chars } characters, { $direction } swipe)
decode-track-only-direction = ({ $direction } swipe)
# Which way a raw bit stream was read.
decode-track-direction =
    { $direction ->
        [forward] forward
       *[reverse] reverse
    }
decode-track-label-pan = PAN
decode-track-label-name = name
decode-track-label-expiry = expiry
decode-track-label-service-code = service code
# $pan: masked (first 6, last 4).
decode-track-pan-luhn-ok = { $pan } (Luhn OK)
decode-track-pan-luhn-failed = { $pan } (Luhn FAILED)
# $expiry: YYMM as read; $yy, $mm: its year and month digits.
decode-track-expiry = { $expiry } (YYMM: 20{ $yy }-{ $mm })
# A field the track should carry but does not.
decode-track-absent = absent
# $chars (number): characters after the service code (tracks 1, 2) or the PAN (track 3), never shown.
decode-track-discretionary = discretionary data: { $chars } characters (not shown)
decode-track-after-pan = after the PAN: { $chars } characters (not shown)

## Service-code digits (ISO/IEC 7813 §10): one message per digit position, $digit the digit.

decode-sc-interchange =
    { $digit ->
        [1] international interchange OK
        [2] international interchange, use IC (chip) where feasible
        [5] national interchange only, except under bilateral agreement
        [6] national interchange only, use IC (chip) where feasible
        [7] no interchange except under bilateral agreement (closed loop)
        [9] test card
       *[other] unknown interchange/technology value (not in ISO/IEC 7813)
    }
decode-sc-authorisation =
    { $digit ->
        [0] normal authorisation
        [2] contact issuer via online means
        [4] contact issuer via online means except under bilateral agreement
       *[other] unknown authorisation-processing value (not in ISO/IEC 7813)
    }
decode-sc-services =
    { $digit ->
        [0] no restrictions, PIN required
        [1] no restrictions
        [2] goods and services only (no cash)
        [3] ATM only, PIN required
        [4] cash only
        [5] goods and services only (no cash), PIN required
        [6] no restrictions, use PIN where feasible
        [7] goods and services only (no cash), use PIN where feasible
       *[other] unknown allowed-services value (not in ISO/IEC 7813)
    }
decode-sc-not-digit = not a digit
