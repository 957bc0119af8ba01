### pos：整机 POS 终端测试（`pos8583`）：操作提示、询问和说明。
### 消息 id 以 `pos-` 开头。见 docs/i18n.md 和 docs/pos.md。

pos-prompt-sign-on = 请在终端上签到（签到菜单）；测试台充当收单行主机
pos-prompt-swipe = 请在终端上做一笔 0.01 元消费：刷第 { $card } 张卡（{ $label }）
pos-prompt-swipe-pin = 请在终端上做一笔 0.01 元消费：刷第 { $card } 张卡（{ $label }），再输入测试卡组中该卡的测试密码
pos-prompt-insert = 请在终端上做一笔 0.01 元消费：插第 { $card } 张卡（{ $label }）
pos-prompt-insert-pin = 请在终端上做一笔 0.01 元消费：插第 { $card } 张卡（{ $label }），再输入测试卡组中该卡的测试密码
pos-prompt-settle = 请在终端上结算（批结算）；测试台核对总额
pos-ask-what-showed = 终端没有发出报文。终端显示了什么？1 读卡错误 · 2 没有显示 · 3 其他
