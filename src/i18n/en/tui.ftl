### tui: the technician's screen: start screen, checklist, timeline, overlays, footer keys, dialogs.
### Ids start with `tui-`. See docs/i18n.md.
