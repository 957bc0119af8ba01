### diagnosis：诊断结论：信号含义、依据、故障点和处理建议。
### 消息 id 以 `diagnosis-` 开头。见 docs/i18n.md。

## 多条规则共用的故障点（相同文本的结论合并为一条）。

diagnosis-network-culprit = 网络 / 收单链路
diagnosis-bank-policy-culprit = { $bank }（发卡行策略）

## R4（策略）：先按银行归组拒付，再判断账户。

diagnosis-bank-policy-finding = { $bank } 的所有卡（{ $cards } 张）均被拒绝（{ $codes }），其他银行正常：属该行的策略或系统问题，并非各卡账户问题
diagnosis-bank-policy-action = 非终端故障：请向{ $bank }查询拒绝原因（卡产品、商户类别或发卡行策略设置）
diagnosis-acquirer-declines-finding = 所有发卡行的卡均以相同方式被拒绝（{ $codes }，{ $banks } 组发卡行）：属收单主机问题，与银行和账户无关
diagnosis-acquirer-declines-action = 检查收单主机对本终端和商户的设置；与卡片和账户无关

## Evidence: the attempts behind a conclusion (diagnosis::view::Observation::evidence).

diagnosis-evidence-card = 第 { $card_no } 张卡（{ $label }）
diagnosis-evidence-run = 整体运行
diagnosis-evidence-more = ……另有 { $count } 条
diagnosis-evidence-link-retries = 链路：{ $frames } 帧中 { $retries } 帧被拒收或重发
diagnosis-evidence-link-damaged = 链路：{ $frames } 帧中 { $damaged } 帧到达时已损坏
diagnosis-finding-line-damaged = { $count } 次磁道读数在线路上损坏（一个字节跨多个字符）
