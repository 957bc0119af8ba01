### report：报告文件和 `report summarize`：给人看的列标题、可打印报告。
### 消息 id 以 `report-` 开头。见 docs/i18n.md。
