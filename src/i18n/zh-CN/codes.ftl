### codes：代码表的含义——目前为 ISO 8583 第 39 域应答码（RC）；ISO 7816 状态字（SW）和
### TVR/TSI 位也放在这里。消息 id 以 `codes-` 开头。

## 应答码（银联 / ISO 8583:1987 第 39 域），顺序同 codec::iso8583::rc 的表。

codes-rc-00 = 承兑或交易成功
codes-rc-01 = 查发卡方
codes-rc-02 = 查发卡方的特殊条件
codes-rc-03 = 无效商户
codes-rc-04 = 没收卡
codes-rc-05 = 不予承兑
codes-rc-06 = 出错
codes-rc-07 = 特殊条件下没收卡
codes-rc-10 = 部分金额批准
codes-rc-11 = 重要人物批准（VIP）
codes-rc-12 = 无效交易
codes-rc-13 = 无效金额
codes-rc-14 = 无效卡号（无此号）
codes-rc-15 = 无此发卡方
codes-rc-19 = 重新送入交易
codes-rc-21 = 不能采取行动
codes-rc-22 = 故障怀疑
codes-rc-25 = 找不到原始交易
codes-rc-30 = 格式错误
codes-rc-31 = 交换中心不支持的银行
codes-rc-33 = 过期的卡
codes-rc-34 = 有作弊嫌疑
codes-rc-38 = 超过允许的PIN试输入
codes-rc-40 = 请求的功能尚不支持
codes-rc-41 = 挂失卡
codes-rc-43 = 被窃卡
codes-rc-45 = 请使用芯片卡
codes-rc-51 = 资金不足
codes-rc-52 = 无此支票账户
codes-rc-53 = 无此储蓄卡账户
codes-rc-54 = 过期的卡
codes-rc-55 = 密码错
codes-rc-56 = 无此卡记录
codes-rc-57 = 不允许持卡人进行的交易
codes-rc-58 = 不允许终端进行的交易
codes-rc-59 = 有作弊嫌疑
codes-rc-61 = 超出金额限制
codes-rc-62 = 受限制的卡
codes-rc-63 = 侵犯安全
codes-rc-64 = 原始金额错误
codes-rc-65 = 超出取款次数限制
codes-rc-68 = 交易超时
codes-rc-75 = 允许的输入PIN次数超限
codes-rc-77 = POS批次与网络中心不一致
codes-rc-90 = 正在日终处理
codes-rc-91 = 发卡方或交换中心不能操作
codes-rc-92 = 金融机构或中间网络设施找不到或无法达到
codes-rc-93 = 交易违法、不能完成
codes-rc-94 = 重复交易
codes-rc-95 = 核对差错
codes-rc-96 = 系统异常、失效
codes-rc-97 = ATM/POS终端号找不到
codes-rc-98 = 交换中心收不到发卡方应答
codes-rc-99 = PIN格式错
codes-rc-A0 = MAC鉴别失败
codes-rc-Y1 = 脱机交易成功
codes-rc-Y3 = 无法联机，脱机批准
codes-rc-Z1 = 脱机交易失败
codes-rc-Z3 = 无法联机，脱机拒绝

## 下一步处理（多个应答码共用）。

codes-rc-action-pass = 通过
codes-rc-action-call-bank = 持卡人联系发卡行
codes-rc-action-check-config = 检查终端/商户注册和参数
codes-rc-action-retain-card-call-bank = 按规定没收卡；持卡人联系发卡行
codes-rc-action-retain-card = 按规定没收卡
codes-rc-action-pass-partial = 通过（部分金额）
codes-rc-action-check-de3 = 检查3域/60.1域和卡产品
codes-rc-action-check-de4 = 检查4域打包
codes-rc-action-reread = 重新读卡；检查Luhn校验、磁道LRC和BIN表
codes-rc-action-bank-retry = 稍后重试；按发卡行BIN统计失败
codes-rc-action-check-stan-store = 检查流水号/批次号存储（61域）
codes-rc-action-packing = 对照规范检查报文（打包错误）
codes-rc-action-check-bin-routing = 检查该BIN的路由
codes-rc-action-check-expiry = 检查磁道有效期/5F24
codes-rc-action-retain-lost-stolen = 没收；持卡人联系发卡行
codes-rc-action-insert-chip = 请插卡（芯片卡被刷卡）
codes-rc-action-not-bench = 账户状态：非终端故障
codes-rc-action-reenter-pin = 重新输入密码
codes-rc-action-sign-on-profile = 签到；检查终端配置
codes-rc-action-check-cryptogram = 检查芯片数据（应用密文）；持卡人联系发卡行
codes-rc-action-sign-on-keys = 重新签到（密钥不同步）
codes-rc-action-check-reversal = 检查冲正逻辑；重试
codes-rc-action-settle-sign-on = 结算后重新签到
codes-rc-action-cut-off-retry = 银行日终处理：几分钟后重试
codes-rc-action-check-network-route = 检查网络路由
codes-rc-action-check-stan-increments = 检查流水号是否递增
codes-rc-action-settle-again = 重新结算
codes-rc-action-check-de41 = 检查41域终端号注册
codes-rc-action-read-tvr-cid = 查看TVR和CID
codes-rc-action-check-host-link = 检查主机链路

## 指向同一故障点的应答码类别（diagnosis.md §3.1）：含义，然后是处理建议。

codes-rc-class-approved = { codes-rc-00 }
codes-rc-class-approved-action = { codes-rc-action-pass }
codes-rc-class-acct-balance = 余额或限额
codes-rc-class-acct-balance-action = 非终端故障
codes-rc-class-acct-status = 账户受限、挂失、被窃或风险标记
codes-rc-class-acct-status-action = 持卡人联系发卡行；非终端故障
codes-rc-class-acct-pin = 密码错误或超次数
codes-rc-class-acct-pin-action = 非终端故障
codes-rc-class-card = 过期卡
codes-rc-class-card-action = 检查磁道有效期 / 5F24；换卡
codes-rc-class-card-misread = 无效卡号或无此发卡行
codes-rc-class-card-misread-action = 重读；检查 Luhn、LRC 和 BIN 表
codes-rc-class-tech = 芯片卡被刷卡：请使用芯片
codes-rc-class-tech-action = 请插卡
codes-rc-class-bank-policy = 发卡行拒绝或要求查询
codes-rc-class-bank-policy-action = 持卡人联系发卡行
codes-rc-class-bank-system = 发卡行或交换中心故障、超时或日终
codes-rc-class-bank-system-action = 稍后重试；比较各发卡行（单一银行→该行系统，全部→网络）
codes-rc-class-term-sw = 终端登记、签到、打包或密钥问题
codes-rc-class-term-sw-action = 重新签到；检查 41/42 域和报文打包
codes-rc-class-offline-declined = 脱机拒绝
codes-rc-class-offline-declined-action = { codes-rc-action-read-tvr-cid }

## 表中没有的应答码（原样保留）。

codes-rc-unknown = 未知应答码（收单行自定义）
codes-rc-unknown-action = 查阅收单行的应答码表

codes-tvr-b1-80 = 未进行脱机数据认证
codes-tvr-b1-40 = SDA（静态数据认证）失败
codes-tvr-b1-20 = IC 卡数据缺失
codes-tvr-b1-10 = 卡片在终端异常文件中
codes-tvr-b1-08 = DDA（动态数据认证）失败
codes-tvr-b1-04 = CDA（复合动态数据认证）失败
codes-tvr-b1-02 = 选择了 SDA
codes-tvr-b1-01 = 选择了 XDA（EMV 4.4；此前为保留位）
codes-tvr-b2-80 = IC 卡与终端的应用版本不同
codes-tvr-b2-40 = 应用已过期
codes-tvr-b2-20 = 应用尚未生效
codes-tvr-b2-10 = 卡片产品不允许所请求的服务
codes-tvr-b2-08 = 新卡
codes-tvr-b2-04 = 保留位（RFU）
codes-tvr-b2-02 = 已执行生物特征验证且成功（EMV 4.4；此前为保留位）
codes-tvr-b2-01 = 不支持该生物特征模板格式（EMV 4.4；此前为保留位）
codes-tvr-b3-80 = 持卡人验证未成功
codes-tvr-b3-40 = 未知的 CVM
codes-tvr-b3-20 = 超过 PIN 尝试次数
codes-tvr-b3-10 = 要求输入 PIN，但密码键盘不存在或不工作
codes-tvr-b3-08 = 要求输入 PIN，密码键盘存在，但未输入 PIN
codes-tvr-b3-04 = 已输入联机 PIN
codes-tvr-b3-02 = 要求生物特征，但读取设备不存在或不工作（EMV 4.4；此前为保留位）
codes-tvr-b3-01 = 要求生物特征，读取设备存在，但未输入生物特征（EMV 4.4；此前为保留位）
codes-tvr-b4-80 = 交易超过终端最低限额
codes-tvr-b4-40 = 超过连续脱机交易下限
codes-tvr-b4-20 = 超过连续脱机交易上限
codes-tvr-b4-10 = 交易被随机选择联机处理
codes-tvr-b4-08 = 商户要求联机交易
codes-tvr-b4-04 = 保留位（RFU）
codes-tvr-b4-02 = 保留位（RFU）
codes-tvr-b4-01 = XDA 签名验证失败（EMV 4.4；此前为保留位）
codes-tvr-b5-80 = 使用了缺省 TDOL
codes-tvr-b5-40 = 发卡行认证失败
codes-tvr-b5-20 = 最后一次 GENERATE AC 之前脚本处理失败
codes-tvr-b5-10 = 最后一次 GENERATE AC 之后脚本处理失败
codes-tvr-b5-08 = 保留位（RFU）
codes-tvr-b5-04 = 缺少 CA ECC 密钥（EMV 4.4；此前为保留位）
codes-tvr-b5-02 = ECC 密钥恢复失败（EMV 4.4；此前为保留位）
codes-tvr-b5-01 = 保留位（RFU）
codes-tsi-b1-80 = 已执行脱机数据认证
codes-tsi-b1-40 = 已执行持卡人验证
codes-tsi-b1-20 = 已执行卡片风险管理
codes-tsi-b1-10 = 已执行发卡行认证
codes-tsi-b1-08 = 已执行终端风险管理
codes-tsi-b1-04 = 已执行脚本处理
codes-tsi-b1-02 = 保留位（RFU）
codes-tsi-b1-01 = 保留位（RFU）
codes-bits-none = { $what } 无任何位置位
codes-bits-none-any = 无任何位置位

codes-cvm-method-fail = CVM 处理失败
codes-cvm-method-01 = IC 卡脱机明文 PIN 验证
codes-cvm-method-02 = 联机加密 PIN 验证
codes-cvm-method-03 = IC 卡脱机明文 PIN 验证并签名（纸质）
codes-cvm-method-04 = IC 卡脱机加密 PIN 验证
codes-cvm-method-05 = IC 卡脱机加密 PIN 验证并签名（纸质）
codes-cvm-method-1e = 签名（纸质）
codes-cvm-method-1f = 无需 CVM
codes-cvm-method-3f = 不可使用
codes-cvm-method-rfu = 保留位（EMV）
codes-cvm-method-scheme = 保留给支付系统的值
codes-cvm-method-issuer = 保留给发卡行的值
codes-cvm-condition-00 = 总是
codes-cvm-condition-01 = 如果是无人值守现金
codes-cvm-condition-02 = 如果不是无人值守现金、人工现金或带返现的消费
codes-cvm-condition-03 = 如果终端支持该 CVM
codes-cvm-condition-04 = 如果是人工现金
codes-cvm-condition-05 = 如果是带返现的消费
codes-cvm-condition-06 = 如果交易使用应用货币且金额低于 X
codes-cvm-condition-07 = 如果交易使用应用货币且金额高于 X
codes-cvm-condition-08 = 如果交易使用应用货币且金额低于 Y
codes-cvm-condition-09 = 如果交易使用应用货币且金额高于 Y
codes-cvm-condition-rfu = 保留位（RFU）
codes-cvm-condition-scheme = 保留给各支付系统使用
codes-cvm-result-00 = 未知
codes-cvm-result-01 = 失败
codes-cvm-result-02 = 成功
codes-cvm-result-rfu = 保留位（RFU）
codes-cvm-next-if-fails = 此规则失败时执行下一条规则
codes-cvm-fail-if-fails = 此规则失败时持卡人验证失败
codes-bits-line = { $mark } 第 { $byte } 字节 { $mask } 位：{ $meaning }
codes-cvm-line-performed = 已执行的 CVM：{ $code } { $meaning }
codes-cvm-line-condition = 条件：{ $code } { $meaning }
codes-cvm-line-result = 结果：{ $code } { $meaning }
codes-cvm-line-amount-x = 金额 X：{ $amount }
codes-cvm-line-amount-y = 金额 Y：{ $amount }
codes-cvm-line-rule = 规则 { $n }：{ $method } / { $condition }（{ $on_fail }）

codes-aip-b1-80 = 支持 XDA（EMV 4.4；此前为保留位）
codes-aip-b1-40 = 支持 SDA
codes-aip-b1-20 = 支持 DDA
codes-aip-b1-10 = 支持持卡人验证
codes-aip-b1-08 = 须执行终端风险管理
codes-aip-b1-04 = 支持发卡行认证
codes-aip-b1-02 = 支持设备持卡人验证（EMV 4.4；此前为保留位）
codes-aip-b1-01 = 支持 CDA
codes-aip-b2-80 = 支持 EMV 模式（非接内核）
codes-aip-b2-01 = 支持防中继协议（非接内核）
codes-auc-b1-80 = 国内现金交易有效
codes-auc-b1-40 = 国际现金交易有效
codes-auc-b1-20 = 国内消费有效
codes-auc-b1-10 = 国际消费有效
codes-auc-b1-08 = 国内服务有效
codes-auc-b1-04 = 国际服务有效
codes-auc-b1-02 = ATM 上有效
codes-auc-b1-01 = 除 ATM 外的终端上有效
codes-auc-b2-80 = 允许国内返现
codes-auc-b2-40 = 允许国际返现

## 状态字（ISO/IEC 7816-4 §5.1.3）

codes-sw-more-data = 还有 { $bytes } 字节数据：发送取响应（00 C0 00 00 { $le }）
codes-sw-wrong-le = Le 错误：以 Le={ $le } 重发（有 { $bytes } 字节可取）
codes-sw-tries-left = 验证失败，还剩 { $tries } 次
codes-sw-warning-unchanged = 警告（状态未改变），SW2={ $sw2 }
codes-sw-warning-changed = 警告（状态已改变），SW2={ $sw2 }
codes-sw-error-unknown = 错误 { $sw }（不在状态字表中）
codes-sw-proprietary = { $sw }（应用自定义状态，不在状态字表中）
codes-sw-invalid = { $sw }：不是有效的状态字
codes-sw-class-success = 成功
codes-sw-class-transport = 传输
codes-sw-class-warning = 警告
codes-sw-class-error = 错误
codes-sw-class-proprietary = 专有
codes-sw-class-invalid = 无效

## EMV 标签

codes-tag-unknown = 未知标签

## 其他 EMV 位图
# Terminal capabilities (9F33)
codes-tcap-b1-80 = 手工键盘输入
codes-tcap-b1-40 = 磁条
codes-tcap-b1-20 = 接触式 IC 卡
codes-tcap-b2-80 = IC 卡明文 PIN 验证
codes-tcap-b2-40 = 联机加密 PIN 验证
codes-tcap-b2-20 = 签名（纸质）
codes-tcap-b2-10 = 脱机加密 PIN 验证
codes-tcap-b2-08 = 无需 CVM
codes-tcap-b3-80 = SDA
codes-tcap-b3-40 = DDA
codes-tcap-b3-20 = 吞卡
codes-tcap-b3-08 = CDA
# Additional terminal capabilities (9F40)
codes-atcap-b1-80 = 现金
codes-atcap-b1-40 = 商品
codes-atcap-b1-20 = 服务
codes-atcap-b1-10 = 返现
codes-atcap-b1-08 = 查询
codes-atcap-b1-04 = 转账
codes-atcap-b1-02 = 付款
codes-atcap-b1-01 = 管理
codes-atcap-b2-80 = 存现
codes-atcap-b3-80 = 数字键
codes-atcap-b3-40 = 字母和特殊字符键
codes-atcap-b3-20 = 命令键
codes-atcap-b3-10 = 功能键
codes-atcap-b4-80 = 打印（操作员）
codes-atcap-b4-40 = 打印（持卡人）
codes-atcap-b4-20 = 显示（操作员）
codes-atcap-b4-10 = 显示（持卡人）
codes-atcap-b4-02 = 代码表 10
codes-atcap-b4-01 = 代码表 9
codes-atcap-b5-80 = 代码表 8
codes-atcap-b5-40 = 代码表 7
codes-atcap-b5-20 = 代码表 6
codes-atcap-b5-10 = 代码表 5
codes-atcap-b5-08 = 代码表 4
codes-atcap-b5-04 = 代码表 3
codes-atcap-b5-02 = 代码表 2
codes-atcap-b5-01 = 代码表 1
# TTQ (9F66)
codes-ttq-b1-80 = 支持磁条方式（MSD）
codes-ttq-b1-20 = 支持 EMV 方式（qVSDC）
codes-ttq-b1-10 = 支持 EMV 接触式芯片
codes-ttq-b1-08 = 仅脱机读卡器
codes-ttq-b1-04 = 支持联机 PIN
codes-ttq-b1-02 = 支持签名
codes-ttq-b1-01 = 联机授权支持脱机数据认证
codes-ttq-b2-80 = 要求联机密文
codes-ttq-b2-40 = 要求 CVM
codes-ttq-b2-20 = （接触式芯片）支持脱机 PIN
codes-ttq-b3-80 = 支持发卡行更新处理
codes-ttq-b3-40 = 支持消费者设备 CVM
# CTQ (9F6C)
codes-ctq-b1-80 = 要求联机 PIN
codes-ctq-b1-40 = 要求签名
codes-ctq-b1-20 = 脱机数据认证失败且读卡器能联机时转联机
codes-ctq-b1-10 = 脱机数据认证失败时切换界面
codes-ctq-b1-08 = 应用过期时转联机
codes-ctq-b1-04 = 现金交易切换界面
codes-ctq-b1-02 = 返现交易切换界面
codes-ctq-b2-80 = 已执行消费者设备 CVM
codes-ctq-b2-40 = 卡片支持在 POS 上进行发卡行更新处理
codes-bits-rfu = [x] 第 { $byte } 字节 { $mask } 位：RFU

## 密文信息数据（9F27）

codes-cid-aac = 交易拒绝
codes-cid-tc = 脱机批准交易
codes-cid-arqc = 请求联机授权
codes-cid-rfu = 保留
codes-cid-reason-0 = 无信息
codes-cid-reason-1 = 服务不允许
codes-cid-reason-2 = 超过 PIN 尝试次数
codes-cid-reason-3 = 发卡行认证失败
codes-cid-reason-rfu = RFU

## 交易类型（9C）

codes-txn-00 = 消费（商品和服务）
codes-txn-01 = 取现
codes-txn-09 = 消费并返现
codes-txn-20 = 退货
codes-txn-30 = 余额查询
codes-txn-31 = 余额查询
codes-txn-40 = 转账
codes-txn-60 = 圈存（电子现金）

## 终端类型（9F35）

codes-term-type = { $who }，{ $how }
codes-term-who-1 = 金融机构
codes-term-who-2 = 商户
codes-term-who-3 = 持卡人
codes-term-how-1 = 有人值守，仅联机
codes-term-how-2 = 有人值守，可脱机也可联机
codes-term-how-3 = 有人值守，仅脱机
codes-term-how-4 = 无人值守，仅联机
codes-term-how-5 = 无人值守，可脱机也可联机
codes-term-how-6 = 无人值守，仅脱机

## 服务点输入方式（9F39，DE22 第 1–2 位）

codes-entry-00 = 未指明
codes-entry-01 = 手工键盘输入
codes-entry-02 = 磁条（磁道数据可能不完整）
codes-entry-05 = 接触式 IC 卡
codes-entry-07 = 非接触式芯片
codes-entry-80 = 降级：芯片读取失败后刷磁条
codes-entry-90 = 磁条，完整磁道数据
codes-entry-91 = 非接触磁条方式
codes-entry-95 = IC 卡，数据可能不可靠

## 国家和地区（ISO 3166 数字代码）

codes-country-156 = 中国
codes-country-344 = 中国香港
codes-country-446 = 中国澳门
codes-country-158 = 中国台湾
codes-country-840 = 美国
codes-country-392 = 日本
codes-country-410 = 韩国
codes-country-826 = 英国
codes-country-643 = 俄罗斯
codes-country-356 = 印度
codes-country-124 = 加拿大
codes-country-276 = 德国
codes-country-250 = 法国

## ISO 8583

codes-cups-app-60 = 磁条 POS 应用
codes-cups-app-61 = IC 卡 POS 应用
codes-cups-app-unknown = 未知应用类别
codes-cups-req-0 = 无
codes-cups-req-1 = 下载终端参数
codes-cups-req-2 = 上传终端状态
codes-cups-req-3 = 重新签到
codes-cups-req-4 = 更新 IC 卡公钥
codes-cups-req-5 = 下载 IC 卡参数
codes-cups-req-6 = TMS 参数下载
codes-cups-req-unknown = 未知
codes-mti-version-0 = ISO 8583:1987
codes-mti-version-1 = ISO 8583:1993
codes-mti-version-2 = ISO 8583:2003
codes-mti-version-unknown = 未知版本
codes-mti-class-1 = 授权类
codes-mti-class-2 = 金融类
codes-mti-class-3 = 文件操作类
codes-mti-class-4 = 冲正类
codes-mti-class-5 = 对账类
codes-mti-class-6 = 管理类
codes-mti-class-8 = 网络管理类
codes-mti-class-unknown = 未知类别
codes-mti-function-0 = 请求
codes-mti-function-1 = 请求应答
codes-mti-function-2 = 通知
codes-mti-function-3 = 通知应答
codes-mti-function-other = 其他功能
codes-mti-origin-0 = 收单方
codes-mti-origin-1 = 收单方重发
codes-mti-origin-2 = 发卡方
codes-mti-origin-3 = 发卡方重发
codes-mti-origin-other = 其他来源
codes-pc-00 = 消费
codes-pc-01 = 取现
codes-pc-03 = 预授权
codes-pc-20 = 退货／撤销
codes-pc-31 = 余额查询
codes-de22-pan-01 = 手工键盘输入
codes-de22-pan-02 = 磁条
codes-de22-pan-05 = 接触式芯片
codes-de22-pan-07 = 非接触式芯片
codes-de22-pan-fallback = 降级为磁条
codes-de22-pan-90 = 磁条（完整磁道）
codes-de22-pan-98 = 非接触磁条
codes-de22-pan-unknown = 未知输入方式
codes-de22-pin-1 = 终端可输入 PIN
codes-de22-pin-2 = 终端不能输入 PIN
codes-de22-pin-unknown = PIN 输入能力未知
codes-cups-txn-00 = 管理类
codes-cups-txn-01 = 余额查询
codes-cups-txn-10 = 预授权
codes-cups-txn-11 = 预授权撤销
codes-cups-txn-20 = 预授权完成
codes-cups-txn-21 = 预授权完成撤销
codes-cups-txn-22 = 消费
codes-cups-txn-23 = 消费撤销
codes-cups-txn-25 = 退货
codes-cups-txn-30 = 离线结算
codes-cups-txn-32 = 结算调整
codes-f60-1 = 60.1 交易类型码
codes-f60-2 = 60.2 批次号
codes-f60-3 = 60.3 网络管理信息码
codes-f60-4 = 60.4 终端读取能力
codes-f60-5 = 60.5 IC 卡条件代码
codes-f60-rest = 60.6+ 收单机构自定义
codes-f60-3-000 = 金融类报文
codes-f60-3-001 = 签到，单倍长密钥
codes-f60-3-003 = 签到，双倍长密钥
codes-f60-3-004 = 签到，双倍长密钥加磁道密钥
codes-f60-3-301 = 回响测试
codes-f60-3-002 = 签退
codes-f60-3-006 = 签到，SM4 密钥
codes-f60-3-201 = 批结算／磁条交易批上送
codes-f60-3-202 = 批上送结束
codes-f60-3-203 = IC 卡交易及通知批上送
codes-f60-3-207 = 批上送结束（IC 卡）
codes-f60-3-360 = 终端参数下载
codes-f60-3-370 = 公钥（CAPK）下载
codes-f60-3-371 = 公钥（CAPK）下载结束
codes-f60-3-372 = 公钥（CAPK）查询
codes-f60-3-380 = IC 卡参数下载
codes-f60-3-381 = IC 卡参数下载结束
codes-f60-3-382 = IC 卡参数查询
codes-f60-3-951 = 发卡行脚本结果通知
codes-f60-4-ic = 可读 IC 卡
codes-f60-4-2 = 仅磁条
codes-f60-5-0 = 正常
codes-f60-5-fallback = 降级交易
codes-org-cup = 中国银联
codes-org-unknown = 未知卡组织
