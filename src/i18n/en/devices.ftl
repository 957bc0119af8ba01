### devices: reader drivers, `read` and the simulators: device states and errors.
### Ids start with `devices-`. See docs/i18n.md.
