### pos: a whole POS terminal on the bench (`pos8583`): operator prompts, questions and notes.
### Ids start with `pos-`. See docs/i18n.md and docs/pos.md.

# The kind of host link a POS run's device address stands for, shown after the address in the
# run screen's header and the headless start line.
pos-link-sim = built-in simulated POS terminal
pos-link-listen = listening for the terminal
pos-link-serial = serial host line

# Prompt before the sign-on step (terminal level).
pos-prompt-sign-on = Sign on the terminal (its sign-on menu); the bench plays the acquirer host
# Prompt per card and interface. $card (number) the card's position in the deck; $label its label.
# A test PIN is never shown: the operator reads it from the deck.
pos-prompt-swipe = Sale 0.01 on the terminal: swipe card { $card } ({ $label })
pos-prompt-swipe-pin = Sale 0.01 on the terminal: swipe card { $card } ({ $label }), then type its test PIN from the deck
pos-prompt-insert = Sale 0.01 on the terminal: insert card { $card } ({ $label })
pos-prompt-insert-pin = Sale 0.01 on the terminal: insert card { $card } ({ $label }), then type its test PIN from the deck
# Prompt before settlement (terminal level).
pos-prompt-settle = Settle the terminal (batch settlement); the bench checks the totals
# Asked when nothing arrived from the terminal for a sale; the answer is recorded as evidence.
pos-ask-what-showed = Nothing arrived from the terminal. What did it show? 1 read error · 2 nothing · 3 something else

## Diagnosis of a whole POS terminal (rule P1): culprit and finding per fault. $count (number)
## cards or rows that show it.
pos-culprit-master-key = terminal master key (erased)
pos-finding-master-key = the terminal refused the sign-on's working keys: their check values fail under its master key, as after a tamper erase (the case was opened)
pos-culprit-mac-algorithm = MAC algorithm (terminal settings)
pos-finding-mac-algorithm = the terminal's MACs are right only under the other algorithm ({ $count } messages)
pos-culprit-mac-keys = MAC key / sign-on
pos-finding-mac-keys = the terminal's MACs do not check under its working MAC key ({ $count } messages)
pos-culprit-chip-reader = chip reader (IC contacts)
pos-finding-chip-reader = every chip card arrived as a fallback swipe ({ $count } { $count ->
        [one] card
       *[other] cards
    })
pos-culprit-read-head = read head (magnetic)
pos-finding-read-head = the terminal showed a read error for every swipe and sent nothing ({ $count } { $count ->
        [one] card
       *[other] cards
    })
pos-culprit-keypad = keypad (PIN pad)
pos-finding-keypad = the PIN block holds other digits than the deck's PIN on { $count } { $count ->
        [one] card
       *[other] cards
    }
pos-culprit-printer = printer (or transaction completion)
pos-finding-printer = the terminal reversed approved sales with reason 96: it could not complete them ({ $count } sales)
pos-culprit-kernel = EMV kernel version
pos-finding-kernel = every chip card reports a kernel application version (9F09) other than the parameters' ({ $count } { $count ->
        [one] card
       *[other] cards
    })
pos-culprit-ca-key = CA public key missing (terminal key store)
pos-finding-ca-key = offline data authentication failed on every chip card ({ $count } { $count ->
        [one] card
       *[other] cards
    }): the terminal lacks their CA public key
pos-culprit-downloads = public-key / IC-parameter downloads
pos-finding-downloads = the host asked for the downloads and the terminal did not do them
pos-culprit-reversal = reversal on timeout (terminal software)
pos-finding-reversal = a sale the host left unanswered was never reversed
pos-culprit-stan = STAN counter (terminal software)
pos-finding-stan = the terminal used the same STAN more than once
pos-culprit-totals = batch totals (settlement)
pos-finding-totals = the terminal's settlement totals differ from the host's journal
pos-culprit-software = terminal software version
pos-finding-software = the terminal application is older than the minimum version
