### diagnosis: the verdict: signal meanings, evidence, culprits and actions.
### Ids start with `diagnosis-`. See docs/i18n.md.

## Culprits shared by several rules (the same text merges their conclusions into one).

diagnosis-network-culprit = network / acquirer link
# $bank: the bank's short name (ICBC).
diagnosis-bank-policy-culprit = { $bank } (issuer policy)

## R4 (policy): declines grouped by bank before any account is blamed.

# $bank: the bank's short name; $cards (number): its cards; $codes: the response codes, "05, 57".
diagnosis-bank-policy-finding = every { $bank } card ({ $cards }) is declined ({ $codes }) while other banks approve: the bank's policy or system, not each card's account
diagnosis-bank-policy-action = not a terminal fault: ask { $bank } why it declines its cards (product, merchant category or policy settings at the issuer)
# $codes: the response codes; $banks (number): issuer groups.
diagnosis-acquirer-declines-finding = every issuer's cards are declined alike ({ $codes }, { $banks } issuer groups): the acquirer's host, not the banks or the accounts
diagnosis-acquirer-declines-action = check the acquirer host's settings for this terminal and merchant; no card or account is implicated

## Evidence: the attempts behind a conclusion (diagnosis::view::Observation::evidence).

# $card_no (number): the card's place in the deck; $label: the card's label.
diagnosis-evidence-card = card { $card_no } ({ $label })
# Evidence of a step not tied to a card (echo test, device).
diagnosis-evidence-run = run
# $count (number): evidence entries left out. The English text is parsed back when conclusions merge: keep it.
diagnosis-evidence-more = … and { $count } more
diagnosis-evidence-track = track { $track } { $meaning }
# $retries (number) frames the link rejected or resent, of $frames (number).
diagnosis-evidence-link-retries = link: { $retries } of { $frames } frames rejected or resent
# $damaged (number) frames that arrived damaged (bad checksum, garbage), of $frames (number).
diagnosis-evidence-link-damaged = link: { $damaged } of { $frames } frames arrived damaged

## R1 (link): the reader does not answer, was lost, or its line is noisy.

# A run that could not start (diagnosis.csv rule R0). $why: the engine's reason (English).
diagnosis-could-not-run-culprit = the run (could not start)
diagnosis-could-not-run-finding = the run could not start: { $why }
diagnosis-could-not-run-action = check the device address, the port and the host, then run again; nothing was tested
diagnosis-link-culprit = reader (link)
diagnosis-link-silent-finding = the reader does not answer
diagnosis-link-went-silent-finding = the reader stopped answering during the run and did not come back
diagnosis-link-silent-action = check power, cable and line settings; power-cycle the reader; no card is implicated
diagnosis-link-lost-culprit = reader connection (cable / USB)
# $lost (number) times the reader was lost; $reconnected (number) times it came back.
diagnosis-link-lost-finding = the reader was lost { $lost } { $lost ->
        [one] time
       *[other] times
    } and reconnected { $reconnected } { $reconnected ->
        [one] time
       *[other] times
    } during the run
diagnosis-link-lost-action = check the cable and connector; the interrupted steps were repeated
diagnosis-noise-culprit = serial line (cable / noise)
diagnosis-noise-action = check the cable, shielding and grounding; try another cable or a lower baud rate
# $damaged (number) frames that arrived damaged, of $frames (number).
diagnosis-noise-faint-finding = { $damaged } of { $frames } frames arrived damaged (bad checksum or garbage), recovered by retries
diagnosis-noise-faint-action = check the cable, shielding and grounding before the line gets worse
# The finding of a noisy line is these parts joined by "; " (Chinese: "；").
diagnosis-noise-corrupted = the reader's answers arrive corrupted
# $count (number) frames that arrived as garbage.
diagnosis-noise-garbled = { $count } garbled { $count ->
        [one] frame
       *[other] frames
    }
# $tracks (number) tracks and $cards (number) cards with scattered read errors.
diagnosis-noise-tracks = read errors scattered over { $tracks } { $tracks ->
        [one] track
       *[other] tracks
    } of { $cards } { $cards ->
        [one] card
       *[other] cards
    }
# $count (number) track reads the line damaged (one byte changed across characters).
diagnosis-noise-line-damaged = { $count } track { $count ->
        [one] read
       *[other] reads
    } damaged on the line (one byte across characters)
# $retries (number) frames rejected or resent, of $frames (number).
diagnosis-noise-retries = { $retries } of { $frames } frames rejected or resent

## R2, R7, R8, R9 (one card): the card, its account, the technique or the terminal.

# $card_no (number): the card's place in the deck; $label: the card's label.
diagnosis-card-culprit = card { $card_no } ({ $label })
diagnosis-card-account-culprit = account of card { $card_no } ({ $label })
# $family: the cause family's name (terminal software, network).
diagnosis-card-terminal-culprit = terminal ({ $family } on card { $card_no })
diagnosis-card-swipe-technique = swipe technique
diagnosis-card-insert-technique = card insertion (technique or intermittent contact)
# $interfaces: the failing interfaces, "swipe, chip"; $meaning: what the dominant signal means;
# $note: "self" when the failing card is the reference card, "passes" when the reference card
# passes, anything else for none.
diagnosis-card-finding = card { $card_no } ({ $label }) fails { $interfaces }: { $meaning }{ $note ->
        [self] {" "}— the reference card itself: check it on a second terminal
        [passes] ; the reference card passes
       *[none] {""}
    }

## R3 (hardware): the magnetic head or the chip contacts.

# $track (number): the track with the errors, 0 for the head as a whole.
diagnosis-head-culprit = magnetic head ({ $track ->
        [0] head
       *[other] track { $track }
    })
diagnosis-head-action = clean the head and run the reference cards again; if it persists, replace the head
diagnosis-contacts-culprit = chip contacts / card landing
diagnosis-contacts-action = clean the IC contacts and check the landing mechanism; retry with the reference chip card
# $failed (number) of $cards (number) cards; $interface: swipe or chip; $signal: the signal code
# (kept as it is); $reference: "yes" when the reference card fails too.
diagnosis-hardware-finding = { $failed } of { $cards } cards fail { $interface } with hardware-like errors ({ $signal }){ $reference ->
        [yes] , the reference card too
       *[no] {""}
    }

## R4, R5 (bank system, network).

# $bank: the bank's name ("ICBC (Industrial and Commercial Bank of China)").
diagnosis-bank-system-culprit = { $bank } host system
# $bank: the bank's name; $failed (number): its failing cards.
diagnosis-bank-system-finding = only { $bank } { $bank ->
        [one] card
       *[other] cards
    } fail at the host ({ $failed } { $failed ->
        [one] card
       *[other] cards
    }, system-type signals) while other banks approve on the same terminal and link
diagnosis-bank-system-action = not a terminal fault: retry later or contact that bank; watch for a maintenance window
# $banks (number): issuer groups.
diagnosis-network-finding = host failures hit every issuer alike ({ $banks } issuer { $banks ->
        [one] group
       *[other] groups
    })
diagnosis-network-action = check the line, switch and acquirer host; no card is implicated

## R6, R6k, R8 (terminal software: AID list, CA keys, EMV parameters).

# $scheme: the card scheme (VISA, UnionPay); $rid: its RID (A000000333).
diagnosis-aid-culprit = AID list (lacks { $scheme } { $rid }…)
# $cards (number): the scheme's cards.
diagnosis-aid-finding = every { $scheme } card ({ $cards }) gets 6A82 at application selection while other schemes pass
diagnosis-aid-action = load the { $scheme } AIDs ({ $rid }…) into the terminal's AID list / update the EMV parameters
diagnosis-oda-culprit = terminal CA public-key store ({ $scheme })
# $failed (number) of $cards (number) cards of the scheme.
diagnosis-oda-finding = offline data authentication fails on the terminal's CA keys for { $failed } of { $cards } { $scheme } { $scheme ->
        [one] card
       *[other] cards
    }
diagnosis-oda-action = load the { $scheme } CA public keys into the terminal (IC key download) and check their checksums
diagnosis-emv-params-culprit = terminal EMV parameters
# $answer: the signal code every chip card got.
diagnosis-emv-params-finding = every chip card gets the same answer { $answer }
diagnosis-chip-supply-culprit = chip contacts or card supply (marginal under load)
diagnosis-chip-supply-finding = { $failed } of { $cards } { $cards ->
        [one] card
       *[other] cards
    } answered every command until GENERATE AC or INTERNAL AUTHENTICATE, then went mute
diagnosis-chip-supply-action = check the IC contact pressure and the card supply (VCC) under load; clean the contacts; retry with the reference card
diagnosis-issuer-keys-culprit = issuer cryptogram keys ({ $bank })
diagnosis-issuer-keys-finding = the issuer rejects the ARQC of all { $cards } { $bank } { $bank ->
        [one] card
       *[other] cards
    } (RC 59)
diagnosis-issuer-arpc-finding = all { $cards } { $bank } { $bank ->
        [one] card
       *[other] cards
    } refuse the issuer's ARPC (issuer authentication failed, TVR byte 5)
diagnosis-issuer-keys-action = ask the bank to check its issuer master keys and cryptogram version; the cards and the terminal are not implicated
# R8 per scheme: every card of one scheme ($scheme) has another application version (9F08)
# than the terminal's 9F09 for it.
diagnosis-emv-version-culprit = terminal EMV parameters ({ $scheme })
diagnosis-emv-version-finding = every { $scheme } card's application version differs from the terminal's (TVR byte 2)
diagnosis-emv-version-action = set the terminal's application version (9F09) for the { $scheme } AIDs (IC parameter download)

## How sure a conclusion is (diagnosis::Confidence::name); files keep low/medium/high.

diagnosis-confidence-high = high
diagnosis-confidence-medium = medium
diagnosis-confidence-low = low
