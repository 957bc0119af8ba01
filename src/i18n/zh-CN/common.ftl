### common：各处共用的词——模型词汇（接口、故障归类、结果）和计数。

## 检查接口（model::Interface::name）。

common-interface-swipe = 刷卡
common-interface-chip = 插卡
common-interface-network = 网络

## 故障归类（model::Family::name；diagnosis.md §1）。

common-family-bank = 银行系统
common-family-net = 网络
common-family-term-hw = 终端硬件
common-family-term-sw = 终端软件
common-family-card = 卡片
common-family-acct = 持卡人账户
common-family-tech = 操作手法
common-family-unknown = 未分类

## 单次检查的结果（model::Outcome::name）。CSV 中仍为 PASS/FAIL/SKIP/ERROR。

common-outcome-pass = 通过
common-outcome-fail = 失败
common-outcome-skip = 跳过
common-outcome-error = 错误

## 计数。中文没有复数形式。

# $count（数字）检查项数："1 项检查"。
common-check-count = { $count } 项检查

common-track-status =
    { $code ->
        [ok] 正常
        [no_data] 无数据
        [no_start_sentinel] 无起始符
        [no_end_sentinel] 无结束符
        [parity] 奇偶校验错
        [lrc] LRC 校验错
        [blank] 空白
        [line_damaged] 线路传输损坏
       *[other] { $code }
    }
common-track-parity-at = 第 { $char_no } 个字符奇偶校验错
common-track-bad-format = 格式错误：{ $why }
common-track-why-no-separator = { $b } 之后缺少字段分隔符 { $a }
common-track-why-empty-pan = PAN 为空
common-track-why-pan-long = PAN 有 { $a } 位数字（最多 19 位）
common-track-why-pan-non-digit = PAN 含有非数字字符
common-track-why-digits = { $a }：第 { $c } 个字符处应为 { $b } 位数字
common-track-why-month = 有效期 { $a } 的月份 { $b } 不在 01–12 之间（第 { $c } 个字符）
common-track-why-format-b = 格式代码为 { $a }，应为 'B'
common-track-why-empty = 磁道为空
common-track-why-name-empty = 第 { $a } 个字符处持卡人姓名为空（ISO/IEC 7813：2 至 26 个字符）
common-track-why-name-length = 第 { $b } 个字符处的持卡人姓名有 { $a } 个字符（ISO/IEC 7813：2 至 26 个字符）
common-track-why-format-digits = 格式代码应为 2 位数字
common-track-why-ended = 磁道数据提前结束
common-track-why-char = 第 { $a } 个字符（{ $b }）不允许出现在磁道 { $c } 的数据中
common-track-why-too-long = 起始符与结束符之间有 { $a } 个字符，磁道 { $c } 最多 { $b } 个（ISO/IEC 7813、ISO 4909）：第 { $d } 个字符多出
common-track-why-after-es = 结束符之后有 { $a } 个字符（最多一个 LRC 字符）
common-track-why-ss-inside = 数据中出现起始符
common-track-why-other = 数据不符合磁道的格式
common-track-field-pan = PAN
common-track-field-name = 持卡人姓名
common-track-field-expiry = 有效期 YYMM
common-track-field-service-code = 服务代码
common-track-reader-error = 读卡器错误 { $code }

## 检查步骤名称（model::step_name）。文件中仍为步骤代码；名称要短（表格一列）。

# $n（数字）：本卡第几次刷卡。
common-step-swipe = 第 { $n } 次
# 上电复位应答（ATR）。
common-step-atr = 复位应答
common-step-select = 选择应用
# 获取处理选项（GPO）并读记录。
common-step-records = 读记录
common-step-oda = 脱机认证
# VERIFY：脱机 PIN 验证。
common-step-verify = 脱机 PIN 验证
common-step-cryptogram = 应用密文
# 芯片二磁道等效数据与磁条二磁道比对。
common-step-consistency = 芯磁比对
common-step-expiry = 有效期
common-step-online = 联机完成
common-step-connect = 连接
common-step-echo = 回响测试
common-step-auth = 授权
common-step-reversal = 冲正
# 读卡器掉线或无应答。
common-step-device = 设备
# 一张卡检查完后退卡。
common-step-card-done = 退卡
# 卡组预期的失败没有出现。
common-step-expectation = 预期结果
common-step-sign-on = 签到
common-step-downloads = 参数下载
common-step-sale = 消费
common-step-settlement = 结算
common-step-batch-upload = 批上送
common-step-version = 版本查询
common-step-stan = 流水号

## Punctuation between parts of a sentence (full-width in Chinese).

common-label-value = { $label }：{ $value }
common-comma = {"，"}
common-list-names = {"、"}
common-semicolon = {"；"}
