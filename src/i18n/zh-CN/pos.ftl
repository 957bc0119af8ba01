### pos：整机 POS 终端测试（`pos8583`）：操作提示、询问和说明。
### 消息 id 以 `pos-` 开头。见 docs/i18n.md 和 docs/pos.md。

pos-link-sim = 内置模拟 POS 终端
pos-link-listen = 等待终端连接
pos-link-serial = 串口主机线路

pos-prompt-sign-on = 请在终端上签到（签到菜单）；测试台充当收单行主机
pos-prompt-swipe = 请在终端上做一笔 0.01 元消费：刷第 { $card } 张卡（{ $label }）
pos-prompt-swipe-pin = 请在终端上做一笔 0.01 元消费：刷第 { $card } 张卡（{ $label }），再输入测试卡组中该卡的测试密码
pos-prompt-insert = 请在终端上做一笔 0.01 元消费：插第 { $card } 张卡（{ $label }）
pos-prompt-insert-pin = 请在终端上做一笔 0.01 元消费：插第 { $card } 张卡（{ $label }），再输入测试卡组中该卡的测试密码
pos-prompt-settle = 请在终端上结算（批结算）；测试台核对总额
pos-ask-what-showed = 终端没有发出报文。终端显示了什么？1 读卡错误 · 2 没有显示 · 3 其他

pos-culprit-master-key = 终端主密钥（已被清除）
pos-finding-master-key = 终端拒绝签到下发的工作密钥：用其主密钥校验，校验值不符，常见于打开机壳后防拆自毁
pos-culprit-mac-algorithm = MAC 算法（终端设置）
pos-finding-mac-algorithm = 终端的 MAC 只在另一种算法下正确（{ $count } 条报文）
pos-culprit-mac-keys = MAC 密钥 / 签到
pos-finding-mac-keys = 终端的 MAC 用其工作 MAC 密钥校验不通过（{ $count } 条报文）
pos-culprit-chip-reader = 芯片读卡器（IC 触点）
pos-finding-chip-reader = 所有芯片卡都降级为磁条交易（{ $count } 张卡）
pos-culprit-read-head = 磁头
pos-finding-read-head = 每次刷卡终端都提示读卡错误，未发出报文（{ $count } 张卡）
pos-culprit-keypad = 密码键盘
pos-finding-keypad = { $count } 张卡的 PIN 块与测试卡组的 PIN 不符
pos-culprit-printer = 打印机（或交易完成处理）
pos-finding-printer = 终端对已批准的交易以原因码 96 冲正：无法完成交易（{ $count } 笔）
pos-culprit-kernel = EMV 内核版本
pos-finding-kernel = 所有芯片卡上报的内核应用版本（9F09）与参数不符（{ $count } 张卡）
pos-culprit-ca-key = 缺少 CA 公钥（终端密钥库）
pos-finding-ca-key = 所有芯片卡脱机数据认证失败（{ $count } 张卡）：终端缺少对应的 CA 公钥
pos-culprit-downloads = 公钥 / IC 参数下载
pos-finding-downloads = 主机要求下载，终端没有执行
pos-culprit-reversal = 超时冲正（终端软件）
pos-finding-reversal = 主机未应答的交易终端始终没有冲正
pos-culprit-stan = 流水号计数（终端软件）
pos-finding-stan = 终端多次使用同一个流水号
pos-culprit-totals = 批次总额（结算）
pos-finding-totals = 终端结算总额与主机流水不符
pos-culprit-software = 终端软件版本
pos-finding-software = 终端应用程序低于最低版本
