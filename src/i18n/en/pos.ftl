### pos: a whole POS terminal on the bench (`pos8583`): operator prompts, questions and notes.
### Ids start with `pos-`. See docs/i18n.md and docs/pos.md.

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
