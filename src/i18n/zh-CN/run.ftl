### run：`run` 和 `demo`：无界面运行的进度行、运行结束、检查引擎的提示。
### 消息 id 以 `run-` 开头。见 docs/i18n.md。

run-nothing-tested = 没有任何卡片步骤得到测试：本次运行不能判为通过
