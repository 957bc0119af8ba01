### doctor：`doctor`、`ports`、`probe`：串口检查及建议。
### 消息 id 以 `doctor-` 开头。见 docs/i18n.md。
