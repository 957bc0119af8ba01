### codes: the meanings of the code tables — ISO 8583 field 39 response codes (RC) now; ISO 7816
### status words (SW) and TVR/TSI bits belong here too. Ids start with `codes-`.
### `codes-rc-XX` is what code XX means, `codes-rc-action-*` the bench's next action (shared by
### several codes), `codes-rc-class-*` a class of codes (diagnosis.md §3.1).

## Response codes (CUPS / ISO 8583:1987 field 39), in table order (codec::iso8583::rc).

codes-rc-00 = approved
codes-rc-01 = refer to card issuer
codes-rc-02 = refer to card issuer, special condition
codes-rc-03 = invalid merchant
codes-rc-04 = pick up card
codes-rc-05 = do not honour
codes-rc-06 = error
codes-rc-07 = pick up card, special condition
codes-rc-10 = approved for partial amount
codes-rc-11 = approved (VIP)
codes-rc-12 = invalid transaction
codes-rc-13 = invalid amount
codes-rc-14 = invalid card number
codes-rc-15 = no such issuer
codes-rc-19 = re-enter transaction
codes-rc-21 = no action taken
codes-rc-22 = suspected malfunction
codes-rc-25 = unable to locate original transaction
codes-rc-30 = format error
codes-rc-31 = bank not supported by switch
codes-rc-33 = expired card
codes-rc-34 = suspected fraud
codes-rc-38 = PIN tries exceeded
codes-rc-40 = function not supported
codes-rc-41 = lost card
codes-rc-43 = stolen card
codes-rc-45 = use chip card
codes-rc-51 = insufficient funds
codes-rc-52 = no cheque account
codes-rc-53 = no savings account
codes-rc-54 = expired card
codes-rc-55 = incorrect PIN
codes-rc-56 = no card record
codes-rc-57 = transaction not permitted to cardholder
codes-rc-58 = transaction not permitted to terminal
codes-rc-59 = suspected fraud
codes-rc-61 = exceeds amount limit
codes-rc-62 = restricted card
codes-rc-63 = security violation
codes-rc-64 = original amount incorrect
codes-rc-65 = exceeds frequency limit
codes-rc-68 = response received too late
codes-rc-75 = PIN tries exceeded
codes-rc-77 = batch number differs from the centre
codes-rc-90 = cut-off in progress
codes-rc-91 = issuer or switch inoperative
codes-rc-92 = routing error, institution unreachable
codes-rc-93 = violation of law
codes-rc-94 = duplicate transmission
codes-rc-95 = reconcile error
codes-rc-96 = system malfunction
codes-rc-97 = terminal not found
codes-rc-98 = switch got no reply from the issuer
codes-rc-99 = PIN format error
codes-rc-A0 = MAC check failed
codes-rc-Y1 = offline approved
codes-rc-Y3 = unable to go online, approved offline
codes-rc-Z1 = offline declined
codes-rc-Z3 = unable to go online, declined

## What the bench does next (shared by several codes).

codes-rc-action-pass = pass
codes-rc-action-call-bank = cardholder contacts the issuing bank
codes-rc-action-check-config = check terminal/merchant registration and parameters
codes-rc-action-retain-card-call-bank = retain the card per policy; cardholder to bank
codes-rc-action-retain-card = retain the card per policy
codes-rc-action-pass-partial = pass (partial amount)
codes-rc-action-check-de3 = check DE3 / 60.1 and the card product
codes-rc-action-check-de4 = check DE4 packing
codes-rc-action-reread = re-read the card; check Luhn, track LRC and the BIN table
codes-rc-action-bank-retry = retry later; count failures per issuer BIN
codes-rc-action-check-stan-store = check the STAN/batch store (61)
codes-rc-action-packing = diff the message against the spec/oracle (packing bug)
codes-rc-action-check-bin-routing = check routing for this BIN
codes-rc-action-check-expiry = check the track expiry / tag 5F24
codes-rc-action-retain-lost-stolen = retain; cardholder to bank
codes-rc-action-insert-chip = insert the card (chip card was swiped)
codes-rc-action-not-bench = account state: not a bench fault
codes-rc-action-reenter-pin = re-enter the PIN
codes-rc-action-sign-on-profile = sign on; check the terminal profile
codes-rc-action-check-cryptogram = check the chip data (cryptogram); cardholder to bank
codes-rc-action-sign-on-keys = sign on again (keys out of sync)
codes-rc-action-check-reversal = check the reversal logic; retry
codes-rc-action-settle-sign-on = settle, then sign on
codes-rc-action-cut-off-retry = bank maintenance window: retry in a few minutes
codes-rc-action-check-network-route = check the network route
codes-rc-action-check-stan-increments = check that the STAN increments
codes-rc-action-settle-again = settle again
codes-rc-action-check-de41 = check DE41 registration
codes-rc-action-read-tvr-cid = read TVR and CID
codes-rc-action-check-host-link = check the host link

## Classes of codes that point to the same place (diagnosis.md §3.1): meaning, then action.

codes-rc-class-approved = { codes-rc-00 }
codes-rc-class-approved-action = { codes-rc-action-pass }
codes-rc-class-acct-balance = balance or limits
codes-rc-class-acct-balance-action = not a bench fault
codes-rc-class-acct-status = account restricted, lost, stolen or flagged
codes-rc-class-acct-status-action = cardholder to the bank; not a bench fault
codes-rc-class-acct-pin = PIN wrong or tries exceeded
codes-rc-class-acct-pin-action = not a bench fault
codes-rc-class-card = expired card
codes-rc-class-card-action = check the track expiry / 5F24; replace the card
codes-rc-class-card-misread = invalid card number or unknown issuer
codes-rc-class-card-misread-action = re-read; check Luhn, LRC and the BIN table
codes-rc-class-tech = chip card swiped: use the chip
codes-rc-class-tech-action = insert the card
codes-rc-class-bank-policy = issuer declines or refers
codes-rc-class-bank-policy-action = cardholder contacts the bank
codes-rc-class-bank-system = issuer or switch down, late or in cut-off
codes-rc-class-bank-system-action = retry later; compare issuers (one bank → that bank, all → network)
codes-rc-class-term-sw = terminal registration, sign-on, packing or keys
codes-rc-class-term-sw-action = sign on again; check DE41/42 and the message packing
codes-rc-class-offline-declined = declined offline
codes-rc-class-offline-declined-action = { codes-rc-action-read-tvr-cid }

## A code not in the table (kept verbatim).

codes-rc-unknown = unknown response code (acquirer-specific)
codes-rc-unknown-action = look the code up in the acquirer's table

## TVR (95) and TSI (9B) bits, EMV Book 3 Annex C5/C6: codes-tvr-b<byte>-<mask hex>,
## codes-tsi-b<byte>-<mask hex>. `cardbench decode` and `read --chip` show them; issuer and
## terminal action codes use the TVR's.
codes-tvr-b1-80 = offline data authentication was not performed
codes-tvr-b1-40 = SDA failed
codes-tvr-b1-20 = ICC data missing
codes-tvr-b1-10 = card appears on terminal exception file
codes-tvr-b1-08 = DDA failed
codes-tvr-b1-04 = CDA failed
codes-tvr-b1-02 = SDA selected
codes-tvr-b1-01 = XDA selected (EMV 4.4; RFU before)
codes-tvr-b2-80 = ICC and terminal have different application versions
codes-tvr-b2-40 = expired application
codes-tvr-b2-20 = application not yet effective
codes-tvr-b2-10 = requested service not allowed for card product
codes-tvr-b2-08 = new card
codes-tvr-b2-04 = RFU
codes-tvr-b2-02 = biometric performed and successful (EMV 4.4; RFU before)
codes-tvr-b2-01 = biometric template format not supported (EMV 4.4; RFU before)
codes-tvr-b3-80 = cardholder verification was not successful
codes-tvr-b3-40 = unrecognised CVM
codes-tvr-b3-20 = PIN try limit exceeded
codes-tvr-b3-10 = PIN entry required and PIN pad not present or not working
codes-tvr-b3-08 = PIN entry required, PIN pad present, but PIN was not entered
codes-tvr-b3-04 = online PIN entered
codes-tvr-b3-02 = biometric required but reader not present or not working (EMV 4.4; RFU before)
codes-tvr-b3-01 = biometric required, reader present, but biometric not entered (EMV 4.4; RFU before)
codes-tvr-b4-80 = transaction exceeds floor limit
codes-tvr-b4-40 = lower consecutive offline limit exceeded
codes-tvr-b4-20 = upper consecutive offline limit exceeded
codes-tvr-b4-10 = transaction selected randomly for online processing
codes-tvr-b4-08 = merchant forced transaction online
codes-tvr-b4-04 = RFU
codes-tvr-b4-02 = RFU
codes-tvr-b4-01 = XDA signature verification failed (EMV 4.4; RFU before)
codes-tvr-b5-80 = default TDOL used
codes-tvr-b5-40 = issuer authentication failed
codes-tvr-b5-20 = script processing failed before final GENERATE AC
codes-tvr-b5-10 = script processing failed after final GENERATE AC
codes-tvr-b5-08 = RFU
codes-tvr-b5-04 = CA ECC key missing (EMV 4.4; RFU before)
codes-tvr-b5-02 = ECC key recovery failed (EMV 4.4; RFU before)
codes-tvr-b5-01 = RFU
codes-tsi-b1-80 = offline data authentication was performed
codes-tsi-b1-40 = cardholder verification was performed
codes-tsi-b1-20 = card risk management was performed
codes-tsi-b1-10 = issuer authentication was performed
codes-tsi-b1-08 = terminal risk management was performed
codes-tsi-b1-04 = script processing was performed
codes-tsi-b1-02 = RFU
codes-tsi-b1-01 = RFU
# A bit map with no bit set ($what: TVR, TSI, issuer action code…).
codes-bits-none = no { $what } bit set
codes-bits-none-any = no bit set

## CVM list rules and CVM Results (8E, 9F34), EMV Book 3 Annex C3, Book 4 Annex A4.
codes-cvm-method-fail = fail CVM processing
codes-cvm-method-01 = plaintext PIN verification performed by ICC
codes-cvm-method-02 = enciphered PIN verified online
codes-cvm-method-03 = plaintext PIN verification performed by ICC and signature (paper)
codes-cvm-method-04 = enciphered PIN verification performed by ICC
codes-cvm-method-05 = enciphered PIN verification performed by ICC and signature (paper)
codes-cvm-method-1e = signature (paper)
codes-cvm-method-1f = no CVM required
codes-cvm-method-3f = not available for use
codes-cvm-method-rfu = RFU (EMV)
codes-cvm-method-scheme = values reserved for the payment systems
codes-cvm-method-issuer = values reserved for the issuer
codes-cvm-condition-00 = always
codes-cvm-condition-01 = if unattended cash
codes-cvm-condition-02 = if not unattended cash and not manual cash and not purchase with cashback
codes-cvm-condition-03 = if terminal supports the CVM
codes-cvm-condition-04 = if manual cash
codes-cvm-condition-05 = if purchase with cashback
codes-cvm-condition-06 = if transaction is in the application currency and is under X value
codes-cvm-condition-07 = if transaction is in the application currency and is over X value
codes-cvm-condition-08 = if transaction is in the application currency and is under Y value
codes-cvm-condition-09 = if transaction is in the application currency and is over Y value
codes-cvm-condition-rfu = RFU
codes-cvm-condition-scheme = reserved for use by individual payment systems
codes-cvm-result-00 = unknown
codes-cvm-result-01 = failed
codes-cvm-result-02 = successful
codes-cvm-result-rfu = RFU
# CVM list lines: what the rule's b7 says when the CVM fails.
codes-cvm-next-if-fails = apply next rule if this fails
codes-cvm-fail-if-fails = fail cardholder verification if this fails
# One bit of a bit map in `decode`: $mark `[x]` set / `[ ]` not set; $byte 1-based; $mask hex.
codes-bits-line = { $mark } byte { $byte } bit { $mask }: { $meaning }
# CVM Results and CVM list lines in `decode`: $code hex; $meaning a codes-cvm-… text.
codes-cvm-line-performed = CVM performed: { $code } { $meaning }
codes-cvm-line-condition = condition: { $code } { $meaning }
codes-cvm-line-result = result: { $code } { $meaning }
# $amount: binary amount in minor units of the application currency.
codes-cvm-line-amount-x = amount X: { $amount }
codes-cvm-line-amount-y = amount Y: { $amount }
# $n rule number; $method, $condition, $on_fail: codes-cvm-… texts.
codes-cvm-line-rule = rule { $n }: { $method } / { $condition } ({ $on_fail })

## AIP (82) and application usage control (9F07) bits, EMV Book 3 Annex C1/C2:
## codes-aip-b<byte>-<mask hex>, codes-auc-b<byte>-<mask hex>.
codes-aip-b1-80 = XDA supported (EMV 4.4; RFU before)
codes-aip-b1-40 = SDA supported
codes-aip-b1-20 = DDA supported
codes-aip-b1-10 = cardholder verification is supported
codes-aip-b1-08 = terminal risk management is to be performed
codes-aip-b1-04 = issuer authentication is supported
codes-aip-b1-02 = on-device cardholder verification supported (EMV 4.4; RFU before)
codes-aip-b1-01 = CDA supported
codes-aip-b2-80 = EMV mode supported (contactless kernels)
codes-aip-b2-01 = relay resistance protocol supported (contactless kernels)
codes-auc-b1-80 = valid for domestic cash transactions
codes-auc-b1-40 = valid for international cash transactions
codes-auc-b1-20 = valid for domestic goods
codes-auc-b1-10 = valid for international goods
codes-auc-b1-08 = valid for domestic services
codes-auc-b1-04 = valid for international services
codes-auc-b1-02 = valid at ATMs
codes-auc-b1-01 = valid at terminals other than ATMs
codes-auc-b2-80 = domestic cashback allowed
codes-auc-b2-40 = international cashback allowed

## Status words (ISO/IEC 7816-4 §5.1.3): the words whose SW2 is a count, and what SW1 alone
## says about a word the table does not list. The fixed words' meanings are in
## src/codec/apdu/sw.tsv (one row per word, both languages). $sw, $sw2, $le: hex as shown.

# $bytes: bytes waiting (1–256); $le: the Le to ask for, two hex digits.
codes-sw-more-data = { $bytes } more bytes available: send GET RESPONSE (00 C0 00 00 { $le })
codes-sw-wrong-le = wrong Le: resend with Le={ $le } ({ $bytes } bytes available)
# $tries (number): PIN tries left.
codes-sw-tries-left =
    verification failed, { $tries } { $tries ->
        [one] try
       *[other] tries
    } left
codes-sw-warning-unchanged = warning (state unchanged), SW2={ $sw2 }
codes-sw-warning-changed = warning (state changed), SW2={ $sw2 }
codes-sw-error-unknown = error { $sw } (not in the catalogue)
codes-sw-proprietary = { $sw } (application-specific status, not in the catalogue)
codes-sw-invalid = { $sw }: not a valid status word
# The class of a status word, in brackets after its meaning.
codes-sw-class-success = success
codes-sw-class-transport = transport
codes-sw-class-warning = warning
codes-sw-class-error = error
codes-sw-class-proprietary = proprietary
codes-sw-class-invalid = invalid

## EMV tags: the names are in src/codec/emv/tags.rs (one row per tag, both languages).

codes-tag-unknown = unknown tag

## Bits of the other EMV bit maps (EMV 4.3 Book 4 Annex A2/A3, contactless kernels C-3).
# Terminal capabilities (9F33)
codes-tcap-b1-80 = manual key entry
codes-tcap-b1-40 = magnetic stripe
codes-tcap-b1-20 = IC with contacts
codes-tcap-b2-80 = plaintext PIN for ICC verification
codes-tcap-b2-40 = enciphered PIN for online verification
codes-tcap-b2-20 = signature (paper)
codes-tcap-b2-10 = enciphered PIN for offline verification
codes-tcap-b2-08 = no CVM required
codes-tcap-b3-80 = SDA
codes-tcap-b3-40 = DDA
codes-tcap-b3-20 = card capture
codes-tcap-b3-08 = CDA
# Additional terminal capabilities (9F40)
codes-atcap-b1-80 = cash
codes-atcap-b1-40 = goods
codes-atcap-b1-20 = services
codes-atcap-b1-10 = cashback
codes-atcap-b1-08 = inquiry
codes-atcap-b1-04 = transfer
codes-atcap-b1-02 = payment
codes-atcap-b1-01 = administrative
codes-atcap-b2-80 = cash deposit
codes-atcap-b3-80 = numeric keys
codes-atcap-b3-40 = alphabetic and special characters keys
codes-atcap-b3-20 = command keys
codes-atcap-b3-10 = function keys
codes-atcap-b4-80 = print, attendant
codes-atcap-b4-40 = print, cardholder
codes-atcap-b4-20 = display, attendant
codes-atcap-b4-10 = display, cardholder
codes-atcap-b4-02 = code table 10
codes-atcap-b4-01 = code table 9
codes-atcap-b5-80 = code table 8
codes-atcap-b5-40 = code table 7
codes-atcap-b5-20 = code table 6
codes-atcap-b5-10 = code table 5
codes-atcap-b5-08 = code table 4
codes-atcap-b5-04 = code table 3
codes-atcap-b5-02 = code table 2
codes-atcap-b5-01 = code table 1
# TTQ (9F66)
codes-ttq-b1-80 = magstripe mode (MSD) supported
codes-ttq-b1-20 = EMV mode (qVSDC) supported
codes-ttq-b1-10 = EMV contact chip supported
codes-ttq-b1-08 = offline-only reader
codes-ttq-b1-04 = online PIN supported
codes-ttq-b1-02 = signature supported
codes-ttq-b1-01 = offline data authentication for online authorisations supported
codes-ttq-b2-80 = online cryptogram required
codes-ttq-b2-40 = CVM required
codes-ttq-b2-20 = (contact chip) offline PIN supported
codes-ttq-b3-80 = issuer update processing supported
codes-ttq-b3-40 = consumer device CVM supported
# CTQ (9F6C)
codes-ctq-b1-80 = online PIN required
codes-ctq-b1-40 = signature required
codes-ctq-b1-20 = go online if offline data authentication fails and reader is online capable
codes-ctq-b1-10 = switch interface if offline data authentication fails
codes-ctq-b1-08 = go online if application expired
codes-ctq-b1-04 = switch interface for cash transactions
codes-ctq-b1-02 = switch interface for cashback transactions
codes-ctq-b2-80 = consumer device CVM performed
codes-ctq-b2-40 = card supports issuer update processing at the POS
# A set bit the map does not define. $byte (1-based), $mask: hex.
codes-bits-rfu = [x] byte { $byte } bits { $mask }: RFU

## Cryptogram Information Data (9F27, EMV Book 3 Annex C5).

codes-cid-aac = transaction declined
codes-cid-tc = transaction approved offline
codes-cid-arqc = online authorisation requested
codes-cid-rfu = reserved for future use
codes-cid-reason-0 = no information given
codes-cid-reason-1 = service not allowed
codes-cid-reason-2 = PIN try limit exceeded
codes-cid-reason-3 = issuer authentication failed
codes-cid-reason-rfu = RFU

## Transaction type (9C, ISO 8583 processing code positions 1–2).

codes-txn-00 = goods and services
codes-txn-01 = cash
codes-txn-09 = purchase with cashback
codes-txn-20 = refund
codes-txn-30 = balance inquiry
codes-txn-31 = balance inquiry
codes-txn-40 = transfer
codes-txn-60 = load (electronic cash)

## Terminal type (9F35, EMV Book 4 Annex A1): who operates it, then attended and online.

# $who: codes-term-who-*; $how: codes-term-how-*.
codes-term-type = { $who }, { $how }
codes-term-who-1 = financial institution
codes-term-who-2 = merchant
codes-term-who-3 = cardholder
codes-term-how-1 = attended, online only
codes-term-how-2 = attended, offline with online capability
codes-term-how-3 = attended, offline only
codes-term-how-4 = unattended, online only
codes-term-how-5 = unattended, offline with online capability
codes-term-how-6 = unattended, offline only

## POS entry mode (9F39, DE22 positions 1–2).

codes-entry-00 = unspecified
codes-entry-01 = manual key entry
codes-entry-02 = magnetic stripe (track data may be incomplete)
codes-entry-05 = integrated circuit card (contact)
codes-entry-07 = contactless chip
codes-entry-80 = fallback: magnetic stripe after a chip read failure
codes-entry-90 = magnetic stripe, full track data
codes-entry-91 = contactless magnetic stripe mode
codes-entry-95 = integrated circuit card, data may be unreliable

## Countries (ISO 3166 numeric, 5F28 / 9F1A).

codes-country-156 = China
codes-country-344 = Hong Kong
codes-country-446 = Macao
codes-country-158 = Taiwan
codes-country-840 = United States
codes-country-392 = Japan
codes-country-410 = Korea
codes-country-826 = United Kingdom
codes-country-643 = Russia
codes-country-356 = India
codes-country-124 = Canada
codes-country-276 = Germany
codes-country-250 = France

## ISO 8583 (explain::iso8583): the CUPS header, MTI positions, DE3, DE22, CUPS field 60.

# CUPS message header byte 1: the application type.
codes-cups-app-60 = magstripe POS application
codes-cups-app-61 = IC POS application
codes-cups-app-unknown = unknown application type
# CUPS header: the processing requirement the host asks the terminal for.
codes-cups-req-0 = none
codes-cups-req-1 = download terminal parameters
codes-cups-req-2 = upload terminal status
codes-cups-req-3 = sign on again
codes-cups-req-4 = update IC public keys
codes-cups-req-5 = download IC parameters
codes-cups-req-6 = TMS parameter download
codes-cups-req-unknown = unknown
# MTI digit 1: the version.
codes-mti-version-0 = ISO 8583:1987
codes-mti-version-1 = ISO 8583:1993
codes-mti-version-2 = ISO 8583:2003
codes-mti-version-unknown = unknown version
# MTI digit 2: the class.
codes-mti-class-1 = authorisation
codes-mti-class-2 = financial
codes-mti-class-3 = file action
codes-mti-class-4 = reversal
codes-mti-class-5 = reconciliation
codes-mti-class-6 = administrative
codes-mti-class-8 = network management
codes-mti-class-unknown = unknown class
# MTI digit 3: the function.
codes-mti-function-0 = request
codes-mti-function-1 = request response
codes-mti-function-2 = advice
codes-mti-function-3 = advice response
codes-mti-function-other = other function
# MTI digit 4: who sent it.
codes-mti-origin-0 = acquirer
codes-mti-origin-1 = acquirer repeat
codes-mti-origin-2 = issuer
codes-mti-origin-3 = issuer repeat
codes-mti-origin-other = other origin
# DE3 positions 1–2.
codes-pc-00 = purchase / goods and services
codes-pc-01 = cash
codes-pc-03 = pre-authorisation
codes-pc-20 = refund / void
codes-pc-31 = balance inquiry
# DE22 positions 1–2: how the PAN was entered.
codes-de22-pan-01 = manual key entry
codes-de22-pan-02 = magnetic stripe
codes-de22-pan-05 = contact chip
codes-de22-pan-07 = contactless chip
codes-de22-pan-fallback = fallback to magnetic stripe
codes-de22-pan-90 = magnetic stripe (full track)
codes-de22-pan-98 = contactless magstripe
codes-de22-pan-unknown = unknown entry
# DE22 position 3: PIN capability.
codes-de22-pin-1 = terminal can take a PIN
codes-de22-pin-2 = terminal cannot take a PIN
codes-de22-pin-unknown = PIN capability unknown
# CUPS 60.1 transaction types (protocols.md §6.4).
codes-cups-txn-00 = management
codes-cups-txn-01 = balance inquiry
codes-cups-txn-10 = pre-authorisation
codes-cups-txn-11 = pre-authorisation void
codes-cups-txn-20 = pre-authorisation completion
codes-cups-txn-21 = pre-authorisation completion void
codes-cups-txn-22 = purchase
codes-cups-txn-23 = purchase void
codes-cups-txn-25 = refund
codes-cups-txn-30 = offline settlement
codes-cups-txn-32 = settlement adjustment
# CUPS field 60 sub-fields: labels, then the meanings of their codes.
codes-f60-1 = 60.1 transaction type
codes-f60-2 = 60.2 batch number
codes-f60-3 = 60.3 network management code
codes-f60-4 = 60.4 terminal read capability
codes-f60-5 = 60.5 IC condition code
codes-f60-rest = 60.6+ acquirer-specific
codes-f60-3-000 = financial message
codes-f60-3-001 = sign-on, single-DES keys
codes-f60-3-003 = sign-on, double-length keys
codes-f60-3-004 = sign-on, double-length keys + track key
codes-f60-3-301 = echo test
codes-f60-3-002 = sign-off
codes-f60-3-006 = sign-on, SM4 keys
codes-f60-3-201 = settlement / batch upload of magstripe records
codes-f60-3-202 = batch upload end
codes-f60-3-203 = batch upload of IC transactions and notices
codes-f60-3-207 = batch upload end (IC)
codes-f60-3-360 = terminal parameter download
codes-f60-3-370 = public key (CAPK) download
codes-f60-3-371 = public key (CAPK) download end
codes-f60-3-372 = public key (CAPK) query
codes-f60-3-380 = IC parameter download
codes-f60-3-381 = IC parameter download end
codes-f60-3-382 = IC parameter query
codes-f60-3-951 = issuer script result notice
codes-f60-4-ic = IC capable
codes-f60-4-2 = magstripe only
codes-f60-5-0 = normal
codes-f60-5-fallback = fallback
# DE63.1 in a response: the card organisation.
codes-org-cup = China UnionPay
codes-org-unknown = unknown organisation
