### devices：读卡器驱动、`read` 和模拟器：设备状态与错误。
### 消息 id 以 `devices-` 开头。见 docs/i18n.md。

## CRT-310 commands as the frame log names them (codec::crt310::command_name_in; manual §4).

devices-crt310-cmd-reset = 复位
devices-crt310-cmd-reset-eject-front = 复位，前端出卡
devices-crt310-cmd-reset-eject-rear = 复位，后端出卡
devices-crt310-cmd-read-serial = 读序列号
devices-crt310-cmd-write-serial = 写序列号
devices-crt310-cmd-card-entry-control = 进卡控制
devices-crt310-cmd-stop-position = 停卡位置
devices-crt310-cmd-led-on = 指示灯亮
devices-crt310-cmd-led-off = 指示灯灭
devices-crt310-cmd-led-twinkle = 指示灯闪烁
devices-crt310-cmd-sim-power-off = SIM 卡下电
devices-crt310-cmd-reader-status = 读卡器状态
devices-crt310-cmd-sensor-status = 传感器状态
devices-crt310-cmd-detect-ic = 检测芯片卡类型
devices-crt310-cmd-move-card = 移动卡片
devices-crt310-cmd-ic-power-on = 芯片上电
devices-crt310-cmd-ic-power-off = 芯片下电
devices-crt310-cmd-cpu-cold-reset = CPU 卡冷复位
devices-crt310-cmd-cpu-warm-reset = CPU 卡热复位
devices-crt310-cmd-apdu-t0 = T=0 APDU
devices-crt310-cmd-apdu-t1 = T=1 APDU
devices-crt310-cmd-read-tracks = 读磁道
devices-crt310-cmd-reread-tracks = 重读磁道
devices-crt310-cmd-set-baud = 设置波特率
devices-crt310-cmd-unknown = 未知命令

## CRT-310 abnormal-response codes E (codec::crt310::error_text_in).

devices-crt310-error-undefined-cm = 未定义的 CM
devices-crt310-error-bad-pm = PM 错误
devices-crt310-error-cannot-execute = 命令无法执行
devices-crt310-error-bad-data = 数据包错误
devices-crt310-error-voltage = 供电电压超出范围
devices-crt310-error-abnormal-card = 机内卡片异常
devices-crt310-error-power-lost = 主电源掉电
devices-crt310-error-unknown = 未知错误码

## CRT-591 commands as the frame log names them (codec::crt591::command_name_in; M591 §2.1.1).

devices-crt591-cmd-init = 初始化
devices-crt591-cmd-status = 状态
devices-crt591-cmd-sensor-status = 传感器状态
devices-crt591-cmd-move-card = 移动卡片
devices-crt591-cmd-entry-enable = 允许进卡
devices-crt591-cmd-entry-disable = 禁止进卡
devices-crt591-cmd-read-tracks = 读磁道（R02）
devices-crt591-cmd-cpu-cold-reset = CPU 卡冷复位
devices-crt591-cmd-cpu-power-off = CPU 卡下电
devices-crt591-cmd-cpu-status = CPU 卡状态
devices-crt591-cmd-apdu-t0 = T=0 APDU
devices-crt591-cmd-apdu-t1 = T=1 APDU
devices-crt591-cmd-cpu-warm-reset = CPU 卡热复位
devices-crt591-cmd-apdu-auto = APDU（自动 T=0/T=1）
devices-crt591-cmd-read-serial = 读序列号
devices-crt591-cmd-read-version = 读固件版本
devices-crt591-cmd-unknown = 未知命令

## CRT-591 error codes e1 e0 (codec::crt591::error_text_in; M591 §2.2).

devices-crt591-error-00 = 未定义的命令
devices-crt591-error-01 = 参数错误
devices-crt591-error-02 = 命令顺序错误
devices-crt591-error-03 = 硬件不支持
devices-crt591-error-04 = 命令数据错误
devices-crt591-error-05 = IC 触点未释放
devices-crt591-error-10 = 卡堵塞
devices-crt591-error-12 = 传感器故障
devices-crt591-error-13 = 卡过长
devices-crt591-error-14 = 卡过短
devices-crt591-error-45 = 卡被人为拉动
devices-crt591-error-51 = 电机故障
devices-crt591-error-60 = IC 卡电源短路
devices-crt591-error-61 = 卡激活失败
devices-crt591-error-62 = 卡不支持该命令
devices-crt591-error-63 = 卡在 WWT 内无应答
devices-crt591-error-64 = 卡协议错误
devices-crt591-error-65 = 卡未激活
devices-crt591-error-66 = 当前卡不支持该命令
devices-crt591-error-67 = IC 卡通信错误
devices-crt591-error-68 = IC 卡通信超时
devices-crt591-error-69 = CPU 卡不符合 EMV
devices-crt591-error-a0 = 卡箱空
devices-crt591-error-a1 = 废卡箱满
devices-crt591-error-b0 = 未初始化（上电复位）
devices-crt591-error-unknown = 未知错误码

## CRT-310 frame-log layers (device::crt310::log).

devices-crt310-layer-error = CRT-310 错误 N { $pm } E{ $code } { $meaning }
devices-layer-bytes = 字节
devices-layer-rapdu = R-APDU { $bytes } 字节 SW { $sw }

## C-APDUs in the frame log (device::emv::describe_capdu_in; EMV Book 3 §6.5). Chinese uses the PBOC names.

devices-apdu-short = { $bytes }（过短）
devices-apdu-select-pse = 选择 PSE
devices-apdu-select-ppse = 选择 PPSE
devices-apdu-select = 选择 { $aid }
devices-apdu-select-next = 选择下一个 { $aid }
devices-apdu-read-record = 读记录 { $record } SFI { $sfi }
devices-apdu-get-response = 取响应 { $le }
devices-apdu-get-data = 取数据 { $tag }
devices-apdu-verify = 验证（PIN 块已隐藏）
devices-apdu-gpo = 获取处理选项
devices-apdu-generate-ac = 生成应用密文
devices-apdu-internal-authenticate = 内部认证

## `probe`：卡片在位行。

devices-probe-card-present = 有卡（卡片经过了传感器）
devices-probe-card-none = { $seconds } 秒内未感应到卡片
devices-probe-card-unknown = 此设备类型不报告
devices-probe-card-error = 无法判断：{ $error }

## MSR605 链路日志（命令名、状态、解码层、备注）。

devices-msr605-cmd-reset = 复位
devices-msr605-cmd-read-iso = ISO 读卡
devices-msr605-cmd-write-iso = ISO 写卡
devices-msr605-cmd-comm-test = 通信测试
devices-msr605-cmd-leds-off = 全部指示灯灭
devices-msr605-cmd-leds-on = 全部指示灯亮
devices-msr605-cmd-led-green = 绿灯亮
devices-msr605-cmd-led-yellow = 黄灯亮
devices-msr605-cmd-led-red = 红灯亮
devices-msr605-cmd-sensor-test = 传感器测试
devices-msr605-cmd-ram-test = RAM 测试
devices-msr605-cmd-set-leading-zeros = 设置前导零
devices-msr605-cmd-check-leading-zeros = 查询前导零
devices-msr605-cmd-erase = 擦除卡片
devices-msr605-cmd-select-bpi = 选择 BPI
devices-msr605-cmd-read-raw = 原始读卡
devices-msr605-cmd-write-raw = 原始写卡
devices-msr605-cmd-model = 查询型号
devices-msr605-cmd-firmware = 查询固件版本
devices-msr605-cmd-set-bpc = 设置 BPC
devices-msr605-cmd-set-hico = 设为高抗磁
devices-msr605-cmd-set-loco = 设为低抗磁
devices-msr605-cmd-get-coercivity = 查询高/低抗磁
devices-msr605-cmd-unknown = 未知命令
devices-msr605-status-ok = 成功
devices-msr605-status-rw-error = 读写错误
devices-msr605-status-format-error = 命令格式错误
devices-msr605-status-invalid-command = 无效命令
devices-msr605-status-card-moving = 刷卡动作错误
devices-msr605-status-failure = 一般故障
devices-msr605-status-undocumented = 错误（未记载的状态）
devices-msr605-model-t2 = 仅磁道 2
devices-msr605-model-t23 = 磁道 2+3
devices-msr605-model-t123 = 磁道 1+2+3
devices-msr605-model-t12 = 磁道 1+2
devices-msr605-model-unknown = 未知
devices-msr605-layer-command = MSR605 { $name }（ESC { $code }）
devices-msr605-layer-incomplete = MSR605（命令不完整）
devices-msr605-layer-status = MSR605 状态 1B { $status }（{ $meaning }）
devices-msr605-layer-block-raw = MSR605 原始数据块，状态 1B { $status }（{ $meaning }）
devices-msr605-layer-block-iso = MSR605 ISO 数据块，状态 1B { $status }（{ $meaning }）
devices-msr605-layer-track = 磁道 { $track }：{ $bytes } 字节
devices-msr605-layer-comm-ok = MSR605 通信测试正常
devices-msr605-layer-comm-ok-esc-dropped = MSR605 通信测试正常（线路丢失了 ESC）
devices-msr605-layer-model = MSR605 型号 { $model }
devices-msr605-layer-firmware = MSR605 固件 { $firmware }
devices-msr605-layer-hico = MSR605 高抗磁
devices-msr605-layer-loco = MSR605 低抗磁
devices-msr605-note-garbage = 帧前跳过 { $count } 字节线路杂波
devices-msr605-note-resync = 帧错误，重新同步：{ $why }
devices-msr605-note-no-valid = 未收到有效的{ $what }：{ $why }
devices-msr605-note-lost = 设备断开：{ $why }
devices-msr605-expect-status = MSR605 状态
devices-msr605-expect-comm-test = MSR605 通信测试应答（ESC y）
devices-msr605-expect-model = MSR605 型号
devices-msr605-expect-firmware = MSR605 固件版本
devices-msr605-expect-coercivity = MSR605 高/低抗磁应答（ESC h / ESC l）
devices-msr605-expect-iso-block = MSR605 ISO 读卡应答（数据块）
devices-msr605-expect-raw-block = MSR605 原始读卡应答（数据块）

devices-chip-outcome = 结果
devices-chip-application = 应用
devices-chip-expiry = 有效期
devices-chip-service-code = 服务代码
devices-chip-match = 芯片 = 磁条
devices-chip-match-yes = 一致（二磁道等效数据相符）
devices-chip-match-no = 不一致（二磁道等效数据与磁条不同）
devices-chip-match-none = 未比较
devices-chip-error = 错误
devices-chip-cvm-results = CVM 结果
devices-chip-cryptogram = 密文
devices-chip-outcome-code =
    { $code ->
        [ok] 正常
        [card_blocked] 卡片已锁定
        [app_blocked] 应用已锁定
        [no_application] 无可用应用
        [gpo_refused] 获取处理选项被拒绝
        [read_record_failed] 读记录失败
        [generate_ac_failed] 生成应用密文失败
        [aid_mismatch] AID 不符
        [mute] 芯片无应答
        [no_card] 无卡
        [device_error] 设备错误
       *[other] { $code }
    }
devices-chip-application-value = { $aid }「{ $label }」
devices-chip-bit = 第 { $byte } 字节 { $mask }

## 设备错误（device::DeviceError::text）。

devices-error-lost = 设备已断开（连接中断）
devices-error-timeout-reader = 读卡器在 { $ms } 毫秒内没有应答
devices-error-timeout-card = 卡片在 { $ms } 毫秒内没有应答
devices-error-timeout-operator = { $ms } 毫秒内没有刷卡或插卡
devices-error-protocol = 协议错误：设备的应答不符合协议
devices-error-nak = 帧被拒收 { $count } 次（NAK）
devices-error-unsupported = 该设备类型不支持此操作
devices-error-open = 无法打开 { $target }
devices-error-bad-address = 设备地址 { $address } 无效：应为 类型:目标，例如 crt310:/dev/ttyUSB0
devices-error-io = 设备输入输出错误

## `read`：磁条读卡结果各行与等待提示。

devices-read-waiting = { $device }：{ $model } { $firmware } — { $action ->
        [swipe] 请刷卡
       *[insert] 请插卡
    }（等待 { $seconds } 秒）
devices-read-reader-status = 读卡器状态
devices-read-track = 磁道 { $track }
devices-read-luhn-ok = Luhn 校验通过
devices-read-luhn-bad = Luhn 校验失败
devices-read-name = 姓名「{ $name }」
devices-read-expiry = 有效期 { $expiry }
devices-read-service-code = 服务代码 { $code }
devices-read-discretionary = 自定义数据 { $chars } 个字符
devices-read-reader-stopped = 读卡器 { $device } 在读芯片时停止应答（{ $error }）：未对卡片作判断 — 请检查电源、线缆和串口参数，重启读卡器后再读

## `read --chip`：每条命令的说明（EmvStep::note）。
devices-emv-note-pse-found = 找到 PSE
devices-emv-note-card-blocked = 卡片已锁定
devices-emv-note-no-pse = 无 PSE：改用终端 AID 列表
devices-emv-note-directory-record = 目录记录
devices-emv-note-end-of-directory = 目录结束
devices-emv-note-processing-options = 已取得处理选项
devices-emv-note-afl-short = 已取得处理选项；AFL 末尾有 { $bytes } 字节不足一个 4 字节条目（未读取）
devices-emv-note-gpo-conditions = 使用条件不满足：放弃此应用
devices-emv-note-gpo-refused = 获取处理选项被拒绝
devices-emv-note-record = 记录
devices-emv-note-record-missing = 记录缺失
devices-emv-note-app-selected = 已选择应用
devices-emv-note-app-blocked = 应用已锁定
devices-emv-note-no-further-app = 没有更多应用
devices-emv-note-not-on-card = 卡上没有此应用
devices-emv-note-refused = 被拒绝
devices-emv-note-excluded = { $aid } 已排除：需要持卡人确认（87 b8），测试台没有持卡人（EMV 第 1 册 §12.4）
devices-emv-note-partial-not-allowed = { $df } 是部分名称匹配：{ $name } 不允许部分选择
devices-emv-note-partial-blocked = { $df } 已锁定
devices-emv-note-partial-candidate = 部分名称匹配 { $df }：候选应用
devices-emv-note-aid-mismatch = FCI 中的 DF 名称（84）{ $got } 不是所选应用 { $want }
devices-emv-note-data-object = 数据对象
devices-emv-note-no-data-object = 应答中没有此数据对象
devices-emv-note-not-available = 无此数据
devices-emv-note-pin-ok = PIN 正确
devices-emv-note-pin-wrong = PIN 错误
devices-emv-note-pin-blocked = PIN 已锁定
devices-emv-note-verify-refused = 校验命令被拒绝
devices-emv-note-dda-ok = DDA 通过
devices-emv-note-dda-failed = DDA 失败
devices-emv-note-cryptogram = 应用密文
devices-emv-note-no-cryptogram = 无应用密文
devices-emv-note-final-cryptogram = 最终应用密文
devices-emv-note-issuer-authenticated = 发卡行认证通过
devices-emv-note-arpc-refused = ARPC 被拒绝
devices-emv-note-script = 脚本命令
devices-emv-note-script-refused = 脚本命令被拒绝
# $what 是驱动写的英文说明，中文不显示（选择表达式只为保持变量一致）。
devices-emv-note-no-answer = { $what ->
       *[other] 卡片无应答
    }

## `cardbench sim pos`：模拟终端在 stderr 上的输出。
devices-sim-pos-sign-on = 签到：{ $shown }
devices-sim-pos-settlement = 结算：{ $shown }
devices-sim-pos-shown-signed-on = 签到成功
devices-sim-pos-shown-answer = 应答码 { $rc }
devices-sim-pos-shown-no-answer = 无应答
devices-sim-pos-shown-read-error = 读卡错误
devices-sim-pos-shown-key-error = 密钥错误
devices-sim-pos-shown-mac-error = MAC 错误
devices-sim-pos-shown-printer-error = 打印机故障
devices-sim-pos-shown-balanced = 对账平
devices-sim-pos-shown-unbalanced = 对账不平
devices-sim-pos-card = 卡「{ $label }」 { $pan } { $entry ->
        [swipe] 刷卡
        [chip] 插卡
        [fallback] 降级刷卡
       *[other] { $entry }
    }{ $chip } 流水号 { $stan }：{ $result }{ $reversal }
devices-sim-pos-chip = （TVR { $tvr }，脱机数据认证 { $oda }）
devices-sim-pos-rc = 应答码 { $rc }
devices-sim-pos-timeout = 超时
devices-sim-pos-reversal = ，已发冲正 { $reason }{ $answered ->
        [yes] ，冲正已应答
       *[no] ，冲正未应答
    }
devices-sim-pos-no-reversal = ，未冲正
devices-sim-serving = `cardbench sim { $kind }`：场景「{ $name }」，{ $cards } 张卡，{ $baud } 波特{ $link ->
        [none] {""}
       *[other] ，链接 { $link }
    }；一直运行，直到被终止
devices-sim-unplugged = `cardbench sim`：已拔出（线路关闭）
devices-sim-replugged = `cardbench sim`：已重新插上
devices-sim-pos-line = `cardbench sim pos`：{ $line }
devices-sim-pos-dialling = `cardbench sim pos`：{ $addr } 上还没有主机在监听；最多再拨号 { $seconds } 秒（--connect-wait）
devices-sim-pos-deck-done = `cardbench sim pos`：卡组已完成；保持线路打开，直到被终止
## CRT-310 与 CRT-591 驱动写入时间线的提示（链路问题与卡片移动）。
devices-link-resent = 第 { $attempt } 次重发
devices-link-ack-lost = ACK 丢失，已收到应答
devices-link-skipped = 跳过 { $count } 字节线路杂波
devices-link-stale = 跳过过期的帧
devices-link-no-ack = 未收到 ACK
devices-link-enq-again = 再次发送 ENQ（第 { $count } 次）
devices-link-other-response = 跳过其他命令的响应
devices-link-bad-bcc-response = 响应 BCC 校验错误
devices-link-broken-off = 应答中断
devices-link-other-reply = 跳过其他命令的应答
devices-link-bad-bcc-reply = 应答 BCC 校验错误
devices-note-baud = 线路速率已改为 { $baud } 波特
devices-note-no-atr-cold = 冷复位无 ATR，改用热复位
devices-note-no-atr-warm = 热复位后仍无 ATR
devices-crt310-note-ejected = 卡已退到前端（P={ $p }）：请重新插卡以便下次读卡
devices-crt591-note-b0 = 读卡器未初始化（B0）：初始化后重试
devices-crt591-note-gate = 卡已退回卡口：请重新插卡以便下次读卡
devices-crt591-note-no-atr = 无 ATR（e={ $code } { $meaning }）
devices-lost-why = 连接中断（系统说明：「{ $detail }」）
