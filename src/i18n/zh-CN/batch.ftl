### batch：`batch`：产线批量测试的进度、结论和工位消息。
### 消息 id 以 `batch-` 开头。见 docs/i18n.md。

batch-bank-finding = 银行结论（{ $rule }）：{ $culprit } —— { $total } 台终端中有 { $terminals } 台出现；属银行故障，非终端故障
