### batch：`batch`：产线批量测试的进度、结论和工位消息。
### 消息 id 以 `batch-` 开头。见 docs/i18n.md。
