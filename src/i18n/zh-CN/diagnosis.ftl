### diagnosis：诊断结论：信号含义、依据、故障点和处理建议。
### 消息 id 以 `diagnosis-` 开头。见 docs/i18n.md。
