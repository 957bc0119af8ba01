### tui: the technician's screen: start screen, checklist, timeline, overlays, footer keys, dialogs.
### Ids start with `tui-`. See docs/i18n.md.

## The whole screen.

# Shown instead of the layout when the terminal is too small. $width, $height: the terminal's
# size now; $min_width, $min_height: the smallest size the screens are laid out for.
tui-too-small = The window is too small ({ $width }×{ $height }): make it at least { $min_width }×{ $min_height } (a larger window, or a smaller font).

## Checklist panel.

# Bottom border of the checklist when not every card fits: cards above and below the rows in
# view ($above, $below: numbers).
tui-matrix-more = ↑ { $above } ↓ { $below } more · ↑↓ scroll
