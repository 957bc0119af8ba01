### host：`host` 和主机客户端：收单行主机模拟器、签到、冲正。
### 消息 id 以 `host-` 开头。见 docs/i18n.md。

## One-line summaries of ISO 8583 messages in the timeline and `host` output (host::wire::summary_in).

host-summary-echo = 回响测试
host-summary-sign-on = 签到
host-summary-sign-off = 签退
host-summary-network-management = 网络管理
host-summary-reversal = 冲正
host-summary-authorisation = 预授权
host-summary-purchase = 消费
host-summary-balance-inquiry = 余额查询
host-summary-void-refund = 撤销/退货
host-summary-financial = 金融交易
host-summary-stan = 流水号 { $stan }
host-summary-pan = PAN { $pan }
host-summary-amount = 金额 { $amount }
host-summary-entry = 输入方式 { $mode }
host-summary-rc = 应答码 { $rc }（{ $meaning }）

## Frame layers of the host link (host::wire::record).

host-layer-frame = { $framing } 帧 长度={ $len }
host-layer-tpdu = TPDU { $tpdu } 报文头 { $header }（版本 { $version }，处理要求 { $requirement }）
host-layer-undecodable = 无法解码：{ $error }
host-layer-bad-frame = 帧错误：{ $problems }
