### host: `host` and the host client: the acquirer host simulator, sign-on, reversals.
### Ids start with `host-`. See docs/i18n.md.

## One-line summaries of ISO 8583 messages in the timeline and `host` output (host::wire::summary_in).

host-summary-echo = echo
host-summary-sign-on = sign-on
host-summary-sign-off = sign-off
host-summary-network-management = network management
host-summary-reversal = reversal
host-summary-authorisation = authorisation
host-summary-purchase = purchase
host-summary-balance-inquiry = balance inquiry
host-summary-void-refund = void/refund
host-summary-financial = financial
# $stan: field 11, verbatim.
host-summary-stan = STAN { $stan }
# $pan: the masked PAN (622424******0113).
host-summary-pan = PAN { $pan }
# $amount: field 4 in currency units (1.00).
host-summary-amount = amount { $amount }
# $mode: field 22, the POS entry mode code (051).
host-summary-entry = entry { $mode }
# $rc: field 39; $meaning: its meaning (codes-rc-*).
host-summary-rc = RC { $rc } ({ $meaning })

## Frame layers of the host link (host::wire::record).

# $framing: TPDU/LEN2/…; $len: the declared length.
host-layer-frame = { $framing } frame len={ $len }
# $tpdu, $header: hex; $version, $requirement: the header's software version and processing requirement.
host-layer-tpdu = TPDU { $tpdu } header { $header } (version { $version }, requirement { $requirement })
# $error: why the message does not decode.
host-layer-undecodable = undecodable: { $error }
# $problems: what is wrong with the frame.
host-layer-bad-frame = bad frame: { $problems }
