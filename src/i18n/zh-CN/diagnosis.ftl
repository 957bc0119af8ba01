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
diagnosis-evidence-track = 磁道 { $track } { $meaning }
diagnosis-evidence-link-retries = 链路：{ $frames } 帧中 { $retries } 帧被拒收或重发
diagnosis-evidence-link-damaged = 链路：{ $frames } 帧中 { $damaged } 帧到达时已损坏

## R1（连接）：读卡器无应答、断开，或线路有干扰。

diagnosis-could-not-run-culprit = 测试（未能开始）
diagnosis-could-not-run-finding = 测试未能开始：{ $why }
diagnosis-could-not-run-action = 检查设备地址、串口和主机后重新测试；尚未测试任何项目
diagnosis-link-culprit = 读卡器（连接）
diagnosis-link-silent-finding = 读卡器无应答
diagnosis-link-went-silent-finding = 读卡器在测试中途停止应答且未恢复
diagnosis-link-silent-action = 检查电源、线缆和串口参数；重启读卡器；与卡片无关
diagnosis-link-lost-culprit = 读卡器连接（线缆 / USB）
diagnosis-link-lost-finding = 测试中读卡器断开 { $lost } 次，重连 { $reconnected } 次
diagnosis-link-lost-action = 检查线缆和接口；中断的步骤已重做
diagnosis-noise-culprit = 串口线路（线缆 / 干扰）
diagnosis-noise-action = 检查线缆、屏蔽和接地；更换线缆或降低波特率
diagnosis-noise-faint-finding = { $damaged } / { $frames } 帧在线路上损坏（校验错或乱码），已靠重发恢复
diagnosis-noise-faint-action = 检查线缆、屏蔽和接地，以免线路继续恶化
diagnosis-noise-corrupted = 读卡器应答在线路上被损坏
diagnosis-noise-garbled = { $count } 个乱码帧
diagnosis-noise-tracks = 读卡错误分散在 { $tracks } 个磁道、{ $cards } 张卡上
diagnosis-noise-line-damaged = { $count } 次磁道读数在线路上损坏（一个字节跨多个字符）
diagnosis-noise-retries = { $retries } / { $frames } 帧被拒或重发

## R2、R7、R8、R9（单张卡）：卡片、账户、操作手法或终端。

diagnosis-card-culprit = 第 { $card_no } 张卡（{ $label }）
diagnosis-card-account-culprit = 第 { $card_no } 张卡（{ $label }）的账户
diagnosis-card-terminal-culprit = 终端（第 { $card_no } 张卡，{ $family }）
diagnosis-card-swipe-technique = 刷卡手法
diagnosis-card-insert-technique = 插卡手法（或触点接触不良）
diagnosis-card-finding = 第 { $card_no } 张卡（{ $label }）{ $interfaces }失败：{ $meaning }{ $note ->
        [self] ——参考卡本身：请在另一台终端上复核
        [passes] ；参考卡正常
       *[none] {""}
    }

## R3（硬件）：磁头或 IC 触点。

diagnosis-head-culprit = 磁头（{ $track ->
        [0] 磁头
       *[other] 第 { $track } 磁道
    }）
diagnosis-head-action = 清洁磁头后重跑参考卡；若仍失败，更换磁头
diagnosis-contacts-culprit = IC 触点 / 卡座
diagnosis-contacts-action = 清洁 IC 触点并检查卡座机构；用参考芯片卡重试
diagnosis-hardware-finding = { $failed }/{ $cards } 张卡{ $interface }出现硬件类错误（{ $signal }）{ $reference ->
        [yes] ，参考卡也失败
       *[no] {""}
    }

## R4、R5（银行系统、网络）。

diagnosis-bank-system-culprit = { $bank }系统
diagnosis-bank-system-finding = 仅{ $bank }的卡在主机端失败（{ $failed } 张，系统类信号），其他银行的卡在同一终端和线路上正常
diagnosis-bank-system-action = 非终端故障：稍后重试或联系该银行；留意维护时段
diagnosis-network-finding = 所有发卡行均出现相同的主机故障（{ $banks } 组）
diagnosis-network-action = 检查线路、交换和收单主机；与卡片无关

## R6、R6k、R8（终端软件：AID 列表、CA 公钥、EMV 参数）。

diagnosis-aid-culprit = AID 列表（缺少 { $scheme } { $rid }…）
diagnosis-aid-finding = 所有 { $scheme } 卡（{ $cards } 张）选择应用时返回 6A82，其他品牌正常
diagnosis-aid-action = 在终端 AID 列表中加入 { $scheme } AID（{ $rid }…）/ 更新 EMV 参数
diagnosis-oda-culprit = 终端 CA 公钥库（{ $scheme }）
diagnosis-oda-finding = { $cards } 张 { $scheme } 卡中 { $failed } 张因终端 CA 公钥脱机数据认证失败
diagnosis-oda-action = 向终端下载 { $scheme } CA 公钥（IC 公钥下载）并核对校验值
diagnosis-emv-params-culprit = 终端 EMV 参数
diagnosis-emv-params-finding = 所有芯片卡返回相同结果 { $answer }
diagnosis-chip-supply-culprit = 芯片触点或卡片供电（带载时不足）
diagnosis-chip-supply-finding = { $cards } 张卡中 { $failed } 张在生成应用密文或内部认证前均有应答，随后无应答
diagnosis-chip-supply-action = 检查 IC 触点压力和带载时的卡片供电（VCC）；清洁触点；用参考卡重试
diagnosis-issuer-keys-culprit = 发卡行密文密钥（{ $bank }）
diagnosis-issuer-keys-finding = { $bank } 的 { $cards } 张卡 ARQC 均被发卡行拒绝（应答码 59）
diagnosis-issuer-arpc-finding = { $bank } 的 { $cards } 张卡均不接受发卡行的 ARPC（发卡行认证失败，TVR 第 5 字节）
diagnosis-issuer-keys-action = 请发卡行检查其发卡行主密钥和密文版本；与卡片和终端无关
diagnosis-emv-version-culprit = 终端 EMV 参数（{ $scheme }）
diagnosis-emv-version-finding = 所有 { $scheme } 卡的应用版本均与终端不同（TVR 第 2 字节）
diagnosis-emv-version-action = 更新终端 { $scheme } AID 的应用版本号（9F09）（IC 参数下载）

## 结论的置信度（diagnosis::Confidence::name）；文件中仍为 low/medium/high。

diagnosis-confidence-high = 高
diagnosis-confidence-medium = 中
diagnosis-confidence-low = 低
